import { defineProject } from 'vitest/config';

// `npm run test:release` at the root runs this on its own (not in `npm test`: the release it tests
// runs `npm test` itself). It copies the repository, publishes to a local registry and installs
// from it: minutes, not seconds.
export default defineProject({
  test: { include: ['src/**/*.test.ts'], testTimeout: 900_000, hookTimeout: 900_000 },
});
