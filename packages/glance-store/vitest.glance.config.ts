import { defineProject } from 'vitest/config';
import { sourceCondition } from '../../tooling/vitest-shared.ts';

// Only the suites against the real Glance that `npm run test:glance` starts (GLANCE_URL).
export default defineProject({
  ...sourceCondition,
  test: { ...sourceCondition.test, include: ['src/**/*.glance.test.ts'], testTimeout: 120_000, fileParallelism: false },
});
