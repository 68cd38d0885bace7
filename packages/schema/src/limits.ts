/** The size limits of the API, in one place (WIRE.md, the developer guide's XSD). */
export const LIMITS: {
  /** Default `maxBytes` of every decoder: 1 MiB. */
  readonly maxBytes: number;
  /** Metadata keys are 1..255 characters (code points, as the XSD and JSON Schema count them). */
  readonly metaKeyMaxLength: number;
  /** Metadata values are at most 255 characters (enforced where metadata is written). */
  readonly metaValueMaxLength: number;
  /** `progress` is a percentage. */
  readonly progressMax: number;
  /** Deepest nesting a decoder follows before it refuses a document. */
  readonly maxDepth: number;
} = /* @__PURE__ */ Object.freeze({
  maxBytes: 1024 * 1024,
  metaKeyMaxLength: 255,
  metaValueMaxLength: 255,
  progressMax: 100,
  maxDepth: 64,
});

/**
 * Characters as the limits count them: Unicode code points (a surrogate pair is one, as XML, the
 * XSD and JSON Schema validators count), not UTF-16 code units.
 */
export function characterCount(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

/** True when `text` has at most `max` characters; counts only when the code units leave it open. */
function withinCharacters(text: string, max: number): boolean {
  return text.length <= max || (text.length <= 2 * max && characterCount(text) <= max);
}

/** A metadata key of 1..255 characters. */
export function isMetaKeyLength(key: string): boolean {
  return key.length > 0 && withinCharacters(key, LIMITS.metaKeyMaxLength);
}

/** A metadata value of at most 255 characters (enforced where metadata is written). */
export function isMetaValueLength(value: string): boolean {
  return withinCharacters(value, LIMITS.metaValueMaxLength);
}
