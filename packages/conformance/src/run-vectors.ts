import { Fault } from '@openstack-image/faults';
import type { Codec } from '@openstack-image/schema';
import { applyFailureList } from './failure-list.ts';
import type { Level, LoadedVector } from './manifest.ts';
import type { VectorResult } from './result.ts';
import { checkVector } from './run-vector.ts';

export interface RunVectorsOptions {
  /** Ids of vectors known to fail. A listed vector that passes, or a listed id no vector has, fails the run. */
  readonly failureList?: readonly string[];
  /** `required` (the default): failing `recommended` vectors are `advisory`. `recommended`: they fail the run. */
  readonly level?: Level;
  /** Run only the vectors with one of these tags (kinds, operations, `json`/`xml` are tags too), or ids. */
  readonly filter?: string | readonly string[];
}

/**
 * Runs vectors against one codec or several, and returns one result per vector (plus one per
 * failure-list id that names no vector). Vectors of a media type no given codec speaks are
 * `skipped`; cross-format vectors need a codec for both of theirs. Runtime-neutral: the vectors
 * come loaded (`runConformance` loads the shipped ones in Node).
 */
export function runVectors(
  codecs: Codec | readonly Codec[],
  vectors: readonly LoadedVector[],
  options: RunVectorsOptions = {},
): VectorResult[] {
  const list: readonly Codec[] = Array.isArray(codecs) ? codecs : [codecs as Codec];
  const byType = new Map<string, Codec>();
  for (const codec of list) {
    if (typeof codec !== 'object' || codec === null || typeof codec.mediaType !== 'string') {
      throw new Fault('badRequest', 'runConformance takes a Codec (or an array of them): an object with a mediaType');
    }
    if (!byType.has(codec.mediaType)) byType.set(codec.mediaType, codec);
  }
  const level = options.level ?? 'required';
  const filter = options.filter === undefined ? undefined : new Set([options.filter].flat());
  const results = vectors.map((vector): VectorResult => {
    const base = {
      id: vector.id,
      kind: vector.kind,
      mediaType: vector.mediaType,
      operation: vector.operation,
      level: vector.level,
      tags: vector.tags,
    };
    if (filter !== undefined && !filter.has(vector.id) && !vector.tags.some((tag) => filter.has(tag))) {
      return { ...base, status: 'skipped', message: 'filtered out', ms: 0 };
    }
    const missing = [vector.mediaType, vector.pair?.mediaType].find((type) => type !== undefined && !byType.has(type));
    if (missing !== undefined) return { ...base, status: 'skipped', message: `no codec for ${missing}`, ms: 0 };
    const started = performance.now();
    const failure = checkVector(vector, byType);
    const ms = performance.now() - started;
    if (failure === undefined) return { ...base, status: 'passed', ms };
    const status = vector.level === 'recommended' && level === 'required' ? 'advisory' : 'failed';
    return { ...base, status, message: failure, ms };
  });
  return applyFailureList(results, options.failureList ?? [], new Set(vectors.map((vector) => vector.id)));
}
