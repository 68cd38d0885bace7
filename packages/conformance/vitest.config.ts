import { defineProject } from 'vitest/config';
import { sourceCondition } from '../../tooling/vitest-shared.ts';

// The suite runs every vector several times over (the broken-codec and failure-list tests) and
// spawns the built command: on a loaded machine that takes longer than the shared 30 s.
export default defineProject({ ...sourceCondition, test: { ...sourceCondition.test, testTimeout: 120_000 } });
