import { defineConfig } from 'vitest/config';

// `npx vitest` at the root runs every package's own project; `npm test` runs them through turbo.
export default defineConfig({
  test: { projects: ['packages/*', 'tooling/package-check', 'tooling/package-conventions', 'tooling/browser-check'] },
});
