import { fileURLToPath } from 'node:url';
import { KindGuard, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { rolldown } from 'rolldown';
import { describe, expect, it } from 'vitest';
import * as builders from './define-resources.ts';
import * as literals from './resources.generated.ts';

type SchemaName = Exclude<keyof typeof builders, 'Schemas'>;
// Plain objects: the tests look their members up by name.
const built: typeof builders = { ...builders };
const generated: typeof literals = { ...literals };
const names = Object.keys(built).filter((name) => name !== 'Schemas') as SchemaName[];

describe('the exported schemas are the TypeBox builders’ schemas, written out at build time', () => {
  it('exports every schema the builders make, and no other', () => {
    expect(Object.keys(generated).sort()).toEqual(Object.keys(built).sort());
    expect(Object.keys(generated.Schemas)).toEqual(Object.keys(built.Schemas));
    expect(Object.isFrozen(generated.Schemas)).toBe(true);
  });

  it.each(names)('%s deep-equals what TypeBox builds, its symbols (Kind, Optional) included', (name) => {
    expect(generated[name]).toStrictEqual(built[name]);
    // Key order too: it is the order of the published JSON Schema documents.
    expect(JSON.stringify(generated[name])).toBe(JSON.stringify(built[name]));
  });

  it.each(names)('%s is a schema to TypeBox itself: its guard and its compiler take it', (name) => {
    const schema: TSchema = generated[name];
    expect(KindGuard.IsSchema(schema)).toBe(true);
    expect(TypeCompiler.Compile(schema).Code()).toBe(TypeCompiler.Compile(built[name]).Code());
  });
});

describe('importing the package loads no TypeBox', () => {
  it('src/index.ts imports nothing of @sinclair/typebox at run time (types only)', async () => {
    const bundle = await rolldown({
      input: fileURLToPath(new URL('./index.ts', import.meta.url)),
      external: (id) => !id.startsWith('.') && !id.startsWith('/'),
      platform: 'neutral',
      logLevel: 'silent',
    });
    try {
      const { output } = await bundle.generate({ format: 'esm' });
      const imports = output.flatMap((chunk) =>
        chunk.type === 'chunk' ? [...chunk.imports, ...chunk.dynamicImports] : [],
      );
      expect(imports).toEqual(['@openstack-image/faults']);
    } finally {
      await bundle.close();
    }
  });
});
