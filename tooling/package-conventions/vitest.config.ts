import { defineProject } from 'vitest/config';
import { sourceCondition } from '../vitest-shared.ts';

// The README examples run on the packages' sources (the source condition), as the packages' own
// tests do; the published tarballs are tooling/package-check's and the release test's business.
export default defineProject({ ...sourceCondition, test: { ...sourceCondition.test, testTimeout: 120_000 } });
