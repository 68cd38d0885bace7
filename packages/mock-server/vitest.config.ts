import { configDefaults, defineProject } from 'vitest/config';
import { sourceCondition } from '../../tooling/vitest-shared.ts';

// The suites against a real Glance (`*.glance.test.ts`) run in `npm run test:glance` (vitest.glance.config.ts).
export default defineProject({
  ...sourceCondition,
  test: { ...sourceCondition.test, exclude: [...configDefaults.exclude, 'src/**/*.glance.test.ts'] },
});
