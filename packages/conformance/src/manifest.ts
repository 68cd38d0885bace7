import type { FaultName } from '@openstack-image/faults';

/** The resources a vector holds; each names the pair of `Codec` members it exercises. */
export const KINDS = [
  'image',
  'imageList',
  'imageIndex',
  'metadata',
  'metaItem',
  'fault',
  'version',
  'versionList',
] as const;
export type Kind = (typeof KINDS)[number];

export const OPERATIONS = ['decode', 'encode', 'refuse', 'round-trip', 'cross-format'] as const;
/**
 * - `decode`: the document decodes to `value`.
 * - `encode`: `value` encodes to a document with the meaning of `document`.
 * - `refuse`: decoding `document` (or encoding `value`) throws the Fault `fault`.
 * - `round-trip`: `document` decodes to v, `encode(v)` decodes to v again, and encoding is stable.
 * - `cross-format`: `document` and `pair.document` decode to deep-equal values, but for the named `exception`.
 */
export type Operation = (typeof OPERATIONS)[number];

export const LEVELS = ['required', 'recommended'] as const;
export type Level = (typeof LEVELS)[number];

/** Where a vector comes from: a copied-in reference document, or one of the project's own cases. */
export type VectorSource =
  | { readonly type: 'reference'; readonly origin: string }
  | { readonly type: 'project'; readonly rule: string };

/** A Fault as a vector states it: its name, and for refusals where in the document or value. */
export interface ExpectedFault {
  readonly name: FaultName;
  /** A JSON pointer, or `line L, column C` in XML. */
  readonly where?: string;
}

/** The canonical value of a fault: the wire's members plus its name. */
export interface FaultValue {
  readonly name: FaultName;
  readonly code: number;
  readonly message: string;
  readonly details?: string;
  readonly retryAfter?: string;
}

/** Where Nova itself wrote the two formats differently: each side's value at each pointer. */
export interface CrossFormatException {
  readonly name: string;
  readonly reason: string;
  readonly differences: readonly { readonly pointer: string; readonly values: Readonly<Record<string, unknown>> }[];
}

/** One vector, as `vectors/manifest.json` holds it (`vectors/manifest.schema.json` describes it). */
export interface Vector {
  readonly id: string;
  readonly kind: Kind;
  readonly mediaType: string;
  readonly operation: Operation;
  /** A path relative to the manifest's folder. */
  readonly document?: string;
  readonly value?: unknown;
  readonly options?: { readonly strict?: boolean; readonly maxBytes?: number };
  readonly fault?: ExpectedFault;
  readonly pair?: { readonly mediaType: string; readonly document: string };
  readonly exception?: CrossFormatException;
  readonly tags: readonly string[];
  readonly level: Level;
  readonly source: VectorSource;
  readonly description?: string;
}

export interface Manifest {
  readonly $schema?: string;
  readonly version: 1;
  readonly vectors: readonly Vector[];
}

/** A vector with its documents read: the bytes as they are in the files. */
export interface LoadedVector extends Vector {
  readonly body?: Uint8Array;
  readonly pairBody?: Uint8Array;
}
