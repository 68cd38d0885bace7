import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Fault } from '@openstack-image/faults';
import { checkManifest } from './check-manifest.ts';
import type { LoadedVector } from './manifest.ts';

/** The folder of the vectors this package ships (`vectors/`, beside `dist/` and `src/`). */
export const VECTORS_DIR: string = join(dirname(fileURLToPath(import.meta.url)), '..', 'vectors');

const cache = new Map<string, readonly LoadedVector[]>();

/**
 * Reads a manifest and the documents it names: this package's own by default, or another folder
 * laid out the same way. A manifest that does not hold is a `badRequest` Fault naming the problem.
 */
export function loadVectors(dir: string = VECTORS_DIR): readonly LoadedVector[] {
  const cached = cache.get(dir);
  if (cached !== undefined) return cached;
  const path = join(dir, 'manifest.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Fault('badRequest', `${path} cannot be read as JSON: ${(error as Error).message}`);
  }
  const manifest = checkManifest(parsed, path);
  const read = (file: string): Uint8Array => {
    if (file.split(/[\\/]/).includes('..')) {
      throw new Fault('badRequest', `${path}: the document ${JSON.stringify(file)} leaves the manifest's folder`);
    }
    try {
      return new Uint8Array(readFileSync(join(dir, file)));
    } catch (error) {
      throw new Fault('badRequest', `${path}: the document ${file} cannot be read: ${(error as Error).message}`);
    }
  };
  const vectors = Object.freeze(
    manifest.vectors.map((vector) => ({
      ...vector,
      ...(vector.document === undefined ? {} : { body: read(vector.document) }),
      ...(vector.pair === undefined ? {} : { pairBody: read(vector.pair.document) }),
    })),
  );
  cache.set(dir, vectors);
  return vectors;
}
