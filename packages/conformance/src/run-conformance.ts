import type { Codec } from '@openstack-image/schema';
import { loadVectors } from './load-vectors.ts';
import type { LoadedVector } from './manifest.ts';
import type { VectorResult } from './result.ts';
import { type RunVectorsOptions, runVectors } from './run-vectors.ts';

export interface ConformanceOptions extends RunVectorsOptions {
  /** The vectors to run; defaults to the ones this package ships. */
  readonly vectors?: readonly LoadedVector[];
}

/**
 * Runs the vectors this package ships (or `options.vectors`) against one codec or several: one
 * result per vector, plus one per failure-list id that names no vector. `conformancePassed(results)`
 * says whether the run passes. Reads the vector files with `node:fs`; `runVectors` is the same
 * without it.
 */
export function runConformance(codecs: Codec | readonly Codec[], options: ConformanceOptions = {}): VectorResult[] {
  return runVectors(codecs, options.vectors ?? loadVectors(), options);
}
