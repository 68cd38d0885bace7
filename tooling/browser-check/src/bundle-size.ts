import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { rolldown } from 'rolldown';

const here = dirname(fileURLToPath(import.meta.url));

export interface BundleSize {
  /** Minified bytes. */
  readonly minified: number;
  /** Gzipped bytes of the minified bundle (zlib's default level, as servers send it). */
  readonly gzipped: number;
  readonly code: string;
}

/**
 * Bundles `source` (an entry module, e.g. `import { jsonCodec } from '@openstack-image/codec-json'`)
 * for the browser with rolldown, minified, as a user's bundler would from the packages' built `dist/`.
 */
export async function bundleSize(source: string): Promise<BundleSize> {
  const entry = '\0budget-entry.js';
  const bundle = await rolldown({
    input: entry,
    cwd: here,
    platform: 'browser',
    logLevel: 'silent',
    plugins: [
      {
        name: 'budget-entry',
        resolveId: (id) => (id === entry ? entry : null),
        load: (id) => (id === entry ? source : null),
      },
    ],
  });
  try {
    const { output } = await bundle.generate({ format: 'esm', minify: true });
    const [chunk] = output;
    // An import that does not resolve is left in as an external one and would make the bundle look small.
    if (chunk.imports.length > 0) throw new Error(`left unresolved by the bundle: ${chunk.imports.join(', ')}`);
    const { code } = chunk;
    return { minified: Buffer.byteLength(code), gzipped: gzipSync(code).length, code };
  } finally {
    await bundle.close();
  }
}
