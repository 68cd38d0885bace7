import fc from 'fast-check';

/**
 * How many documents a fuzz run tries: `FUZZ_RUNS` when set (`npm run fuzz` sets it high), else
 * the small bounded count `npm test` runs in a few seconds.
 */
export function fuzzRuns(quick: number): number {
  const asked = Number(process.env.FUZZ_RUNS);
  return Number.isSafeInteger(asked) && asked > 0 ? asked : quick;
}

/** The seed of a fuzz run: `FUZZ_SEED` when set (to replay a failure), else the given one. */
export function fuzzSeed(fixed: number): number {
  const asked = Number(process.env.FUZZ_SEED);
  return Number.isSafeInteger(asked) ? asked : fixed;
}

/** The time a fuzz run may take: a few seconds in `npm test`, `FUZZ_SECONDS` (default 120) under `npm run fuzz`. */
export function fuzzTimeLimit(): number {
  if (process.env.FUZZ_RUNS === undefined) return 3_000;
  const asked = Number(process.env.FUZZ_SECONDS);
  return (Number.isFinite(asked) && asked > 0 ? asked : 120) * 1000;
}

type Mutation = (text: string, at: number, span: number, token: string) => string;

const MUTATIONS: readonly Mutation[] = [
  (text, at, _span, token) => text.slice(0, at) + token + text.slice(at),
  (text, at, span) => text.slice(0, at) + text.slice(at + span),
  (text, at, span) => text.slice(0, at + span) + text.slice(at, at + span) + text.slice(at + span),
  (text, at, _span, token) => text.slice(0, at) + token + text.slice(at + 1),
  (text, at) => text.slice(0, at),
  (text, at, span, token) => text.slice(0, at) + token.repeat(1 + (span % 64)) + text.slice(at),
];

/**
 * Documents made from valid ones by a few random edits (insert a token, cut, duplicate a span,
 * overwrite a character, truncate, repeat a token), the tokens chosen to hit a format's corners:
 * what a hostile client sends, near enough to valid to reach deep into a decoder.
 */
export function mutatedDocuments(seeds: readonly string[], tokens: readonly string[]): fc.Arbitrary<string> {
  const edit = fc.record({
    mutation: fc.nat({ max: MUTATIONS.length - 1 }),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    span: fc.nat({ max: 200 }),
    token: fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 4, unit: 'binary' })),
  });
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 8 }))
    .map(([seed, edits]) =>
      edits.reduce(
        (text, { mutation, at, span, token }) => MUTATIONS[mutation]!(text, Math.floor(at * text.length), span, token),
        seed,
      ),
    );
}

/** A snapshot of `Object.prototype`'s own keys, to check that no decoder polluted it. */
export function prototypeKeys(): string {
  return Object.getOwnPropertyNames(Object.prototype).sort().join(',');
}

/** A codec's decoders (`decodeImage`, `decodeFault`, ...), by name. */
export type Decoders = readonly (readonly [string, (body: string | Uint8Array) => unknown])[];

/** The `decode*` members of a codec, by name. */
export function decodersOf(codec: object): Decoders {
  return Object.entries(codec).filter(
    (entry): entry is [string, (body: string | Uint8Array) => unknown] =>
      entry[0].startsWith('decode') && typeof entry[1] === 'function',
  );
}

/**
 * The bounded, seeded fuzz run of every decoder of a codec: the same mutated documents, as text and
 * as UTF-8 bytes, to each. Nothing but a Fault (`isFault`, passed in so that this package needs no
 * faults of its own) may escape, and nothing may touch Object.prototype; the first document that
 * breaks either fails the run (fast-check shrinks it and prints its seed). Answers how many decodes
 * ran: `quickRuns` documents under `npm test`, `FUZZ_RUNS` under `npm run fuzz`, within
 * `fuzzTimeLimit()`.
 */
export function fuzzDecoders(
  decoders: Decoders,
  documents: { readonly seeds: readonly string[]; readonly tokens: readonly string[] },
  options: { readonly quickRuns: number; readonly seed: number; readonly isFault: (error: unknown) => boolean },
): number {
  const before = prototypeKeys();
  let tried = 0;
  fc.assert(
    fc.property(mutatedDocuments(documents.seeds, documents.tokens), fc.boolean(), (document, asBytes) => {
      const body = asBytes ? new TextEncoder().encode(document) : document;
      for (const [name, decode] of decoders) {
        tried++;
        try {
          decode(body);
        } catch (error) {
          if (!options.isFault(error))
            throw new Error(`${name} let a non-Fault escape: ${String(error)}`, { cause: error });
        }
      }
      if (prototypeKeys() !== before) throw new Error('a decoder added a key to Object.prototype');
      if (({} as Record<string, unknown>).polluted !== undefined)
        throw new Error('a decoder polluted Object.prototype');
    }),
    { numRuns: fuzzRuns(options.quickRuns), seed: fuzzSeed(options.seed), interruptAfterTimeLimit: fuzzTimeLimit() },
  );
  return tried;
}
