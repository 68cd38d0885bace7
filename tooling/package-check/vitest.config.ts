import { defineProject } from 'vitest/config';

// Packing, installing and building a consumer takes a while: one generous timeout, no source condition
// (this project tests the published tarballs, not the sources).
export default defineProject({
  test: { include: ['src/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 300_000 },
});
