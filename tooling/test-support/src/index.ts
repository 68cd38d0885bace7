import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository's root: tooling/test-support/src -> ../../.. */
export const repoRoot: string = resolve(here, '..', '..', '..');

let cached: string | undefined;

/**
 * The `shared/` folder that stands beside the repository (`../shared` from its root), or the one
 * named by `OPENSTACK_IMAGE_SHARED`. Throws with a message saying what to do when it is missing.
 */
export function sharedDir(): string {
  if (cached !== undefined) return cached;
  const candidates = [process.env.OPENSTACK_IMAGE_SHARED, resolve(repoRoot, '..', 'shared')].filter(
    (dir): dir is string => typeof dir === 'string' && dir.length > 0,
  );
  for (const dir of candidates) {
    if (existsSync(join(dir, 'reference', 'WIRE.md'))) {
      cached = dir;
      return dir;
    }
  }
  throw new Error(
    `The shared reference folder was not found (looked in ${candidates.join(', ')}). ` +
      'Tests read the reference samples and schemas from ../shared beside the repository root; ' +
      'put a copy there or set OPENSTACK_IMAGE_SHARED to its path.',
  );
}

/** The absolute path of a file under `shared/`, e.g. `reference/samples/nova/image-get-resp.xml`. */
export function sharedPath(...parts: string[]): string {
  return join(sharedDir(), ...parts);
}

export function readShared(...parts: string[]): string {
  return readFileSync(sharedPath(...parts), 'utf8');
}

export interface Sample {
  /** Path relative to `reference/samples/`, with forward slashes: `nova/OS-DCF/image-get-resp.json`. */
  readonly name: string;
  readonly path: string;
  readonly text: string;
}

/** Every sample under `reference/samples/` with the given extension (`json` or `xml`), sorted by name. */
export function samples(extension: 'json' | 'xml'): Sample[] {
  const root = sharedPath('reference', 'samples');
  const out: Sample[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith(`.${extension}`)) {
        out.push({ name: relative(root, path).split(sep).join('/'), path, text: readFileSync(path, 'utf8') });
      }
    }
  };
  walk(root);
  return out;
}

/** One sample by its name relative to `reference/samples/`. */
export function sample(name: string): string {
  return readShared('reference', 'samples', ...name.split('/'));
}

/** The seed's two documents (`seed/get-image-details.txt`): the JSON and the XML example. */
export function seedDocuments(): { json: string; xml: string } {
  const text = readShared('seed', 'get-image-details.txt');
  const jsonStart = text.indexOf('{\n"image"');
  const xmlStart = text.indexOf("<?xml version='1.0'");
  const jsonEnd = text.indexOf('Example 2.48.');
  if (jsonStart < 0 || xmlStart < 0 || jsonEnd < 0) {
    throw new Error('seed/get-image-details.txt does not hold the two examples where they were expected');
  }
  return { json: text.slice(jsonStart, jsonEnd).trim(), xml: `${text.slice(xmlStart).trim()}\n` };
}

export {
  anyText,
  type CanonicalArbitraries,
  type CanonicalArbitraryOptions,
  type CanonicalImage,
  type CanonicalImageIndex,
  type CanonicalImageList,
  type CanonicalImageSummary,
  type CanonicalLink,
  type CanonicalMediaType,
  type CanonicalMetadata,
  type CanonicalServerRef,
  type CanonicalVersion,
  type CanonicalVersionList,
  canonicalArbitraries,
  type FaultInit,
  faultInitArbitrary,
  isXmlText,
  plainObject,
  xmlText,
} from './arbitraries.ts';
export {
  type Decoders,
  decodersOf,
  fuzzDecoders,
  fuzzRuns,
  fuzzSeed,
  fuzzTimeLimit,
  mutatedDocuments,
  prototypeKeys,
} from './fuzz.ts';
export { isNodeOnly, type PackageJson, type PublishedPackage, publishedPackages } from './packages.ts';
