/** The size limits of the API, in one place (WIRE.md, the developer guide's XSD). */
export const LIMITS: {
  /** Default `maxBytes` of every decoder: 1 MiB. */
  readonly maxBytes: number;
  /** Metadata keys are 1..255 characters. */
  readonly metaKeyMaxLength: number;
  /** Metadata values are at most 255 characters (enforced where metadata is written). */
  readonly metaValueMaxLength: number;
  /** `progress` is a percentage. */
  readonly progressMax: number;
  /** Deepest nesting a decoder follows before it refuses a document. */
  readonly maxDepth: number;
} = Object.freeze({
  maxBytes: 1024 * 1024,
  metaKeyMaxLength: 255,
  metaValueMaxLength: 255,
  progressMax: 100,
  maxDepth: 64,
});
