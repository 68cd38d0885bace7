import { defineProject } from 'vitest/config';

// Bundling the built packages for the browser and starting Chromium takes a while: one generous
// timeout, and no source condition (the browser gets what users get: the built `dist/`).
export default defineProject({
  test: { include: ['src/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 240_000 },
});
