import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { canonicalArbitraries } from '@openstack-image/test-support';
import { Errors, ValueErrorType } from '@sinclair/typebox/errors';
import { Check } from '@sinclair/typebox/value';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checks, plainSchemas } from './checks.generated.ts';
import { firstError, type Problem } from './first-error.ts';
import { type ResourceName, Schemas } from './resources.generated.ts';

const arbitraries = canonicalArbitraries();
const valid: { readonly [N in ResourceName]: fc.Arbitrary<unknown> } = {
  Link: arbitraries.link,
  ServerRef: arbitraries.serverRef,
  Metadata: arbitraries.metadata,
  MetaItem: arbitraries.metaItem,
  Image: arbitraries.image,
  ImageSummary: arbitraries.imageSummary,
  ImageList: arbitraries.imageList,
  ImageIndex: arbitraries.imageIndex,
  MediaType: arbitraries.mediaType,
  Version: arbitraries.version,
  VersionList: arbitraries.versionList,
};
const names = Object.keys(Schemas) as ResourceName[];

/** What may stand where a member was: wrong types, edge numbers, stray structures. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    true,
    -1,
    1.5,
    101,
    Number.NaN,
    Number.MAX_SAFE_INTEGER + 2,
    '',
    'AUTO',
    'X',
    [],
    {},
  ),
  fc.string(),
  fc.integer(),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
  fc.array(fc.string(), { maxLength: 2 }),
);

/** Every container in `value` (the value itself included), as paths of keys. */
function containers(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const out = [path];
  for (const [key, member] of Object.entries(value)) out.push(...containers(member, [...path, key]));
  return out;
}

/** A valid value with one change somewhere: a member replaced, removed or added. */
function mutated(base: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return base.chain((value) => {
    const places = containers(value);
    if (places.length === 0) return junk;
    return fc
      .tuple(fc.constantFrom(...places), fc.nat(), fc.constantFrom('set', 'delete', 'add'), junk, fc.string())
      .map(([path, pick, action, replacement, extraKey]) => {
        const copy = structuredClone(value) as Record<string | number, unknown>;
        const target = path.reduce<Record<string | number, unknown>>((at, key) => at[key] as never, copy);
        const keys = Object.keys(target);
        const key = keys.length > 0 ? keys[pick % keys.length]! : extraKey;
        if (action === 'delete') delete target[key];
        else if (action === 'add') target[extraKey] = replacement;
        else target[key] = replacement;
        return copy;
      });
  });
}

/** The problem TypeBox's own error iterator reports, in first-error.ts's words. */
const PROBLEM: Partial<Record<ValueErrorType, Problem>> = {
  [ValueErrorType.Object]: 'type',
  [ValueErrorType.Array]: 'type',
  [ValueErrorType.String]: 'type',
  [ValueErrorType.Integer]: 'type',
  [ValueErrorType.Null]: 'type',
  [ValueErrorType.Literal]: 'literal',
  [ValueErrorType.Union]: 'union',
  [ValueErrorType.ObjectRequiredProperty]: 'required',
  [ValueErrorType.ObjectAdditionalProperties]: 'additional',
  [ValueErrorType.ObjectMinProperties]: 'minProperties',
  [ValueErrorType.ObjectMaxProperties]: 'maxProperties',
  [ValueErrorType.ArrayMinItems]: 'minItems',
  [ValueErrorType.ArrayMaxItems]: 'maxItems',
  [ValueErrorType.IntegerMinimum]: 'minimum',
  [ValueErrorType.IntegerMaximum]: 'maximum',
  [ValueErrorType.StringMinLength]: 'minLength',
  [ValueErrorType.StringMaxLength]: 'maxLength',
  [ValueErrorType.StringPattern]: 'pattern',
};

describe('the checks generated at build time answer as TypeBox does', () => {
  it.each(names)('%s: valid values pass, and every mutant gets the same answer as TypeBox Check', (name) => {
    fc.assert(
      fc.property(valid[name], (value) => checks[name](value)),
      { seed: 20260712, numRuns: 150 },
    );
    fc.assert(
      fc.property(fc.oneof(mutated(valid[name]), junk), (value) => {
        expect(checks[name](value)).toBe(Check(Schemas[name], value));
      }),
      { seed: 20260713, numRuns: 400 },
    );
  });

  it('keys like __proto__ and constructor are plain members to them too', () => {
    const metadata = JSON.parse('{"__proto__":"x","constructor":"y"}') as unknown;
    expect(checks.Metadata(metadata)).toBe(true);
    expect(checks.Metadata(JSON.parse('{"__proto__":1}'))).toBe(false);
  });
});

describe('the first problem is the one TypeBox names first (same kind, same place)', () => {
  it.each(names)('%s', (name) => {
    fc.assert(
      fc.property(fc.oneof(mutated(valid[name]), junk), (value) => {
        const theirs = Errors(Schemas[name], value).First();
        const ours = firstError(plainSchemas[name], value);
        if (theirs === undefined) {
          expect(ours).toBeUndefined();
          return;
        }
        expect(ours && { problem: ours.problem, path: ours.path }).toEqual({
          problem: PROBLEM[theirs.type] ?? `unmapped ${ValueErrorType[theirs.type]}`,
          path: theirs.path,
        });
      }),
      { seed: 20260714, numRuns: 400 },
    );
  });
});

describe('src/checks.generated.ts and src/resources.generated.ts are what the generator writes from today’s schemas', () => {
  it('is current (npm run build rewrites it)', () => {
    const script = fileURLToPath(new URL('../scripts/generate-checks.mjs', import.meta.url));
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  }, 180_000); // a node process that bundles the schemas: slow on a loaded machine
});
