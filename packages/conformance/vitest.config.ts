import { defineProject } from 'vitest/config';
import { sourceCondition } from '../../tooling/vitest-shared.ts';

export default defineProject(sourceCondition);
