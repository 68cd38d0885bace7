import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isNodeOnly, publishedPackages, repoRoot, seedDocuments } from '@openstack-image/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The packages as a user gets them: `npm pack` each one, install the tarballs into a new project
 * that knows nothing of this repository, then import, run and typecheck it there.
 */
const published = publishedPackages().map((pkg) => pkg.dir);
/**
 * Packages that must run in browsers and edge runtimes: nothing of Node's in their built code. A
 * package that is Node-only by design says so in its package.json (`"openstackImage": {"runtime": "node"}`).
 */
const runtimeNeutral = publishedPackages()
  .filter((pkg) => !isNodeOnly(pkg))
  .map((pkg) => pkg.dir);

let work: string;
let consumer: string;
const tarballs = new Map<string, string>();

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000 });
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'openstack-image-consumer-'));
  const packs = join(work, 'tarballs');
  mkdirSync(packs);
  for (const name of published) {
    const out = run('npm', ['pack', '--json', '--pack-destination', packs], join(repoRoot, 'packages', name));
    const [info] = JSON.parse(out) as Array<{ filename: string }>;
    tarballs.set(name, join(packs, info!.filename));
  }
  consumer = join(work, 'consumer');
  mkdirSync(consumer);
  const specs = Object.fromEntries(published.map((name) => [`@openstack-image/${name}`, `file:${tarballs.get(name)}`]));
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: specs, overrides: specs }, null, 2),
  );
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], consumer);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('each tarball', () => {
  it.each(published)(
    '%s holds its ESM and CommonJS builds, declarations, README, LICENSE and CHANGELOG, and no tests',
    (name) => {
      const files = run('tar', ['-tzf', tarballs.get(name)!], work)
        .split('\n')
        .filter(Boolean)
        .map((file) => file.replace(/^package\//, ''));
      expect(files).toContain('package.json');
      for (const file of [
        'README.md',
        'LICENSE',
        'CHANGELOG.md',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/index.cjs',
        'dist/index.d.cts',
      ]) {
        expect(files).toContain(file);
      }
      expect(files.filter((file) => /\.test\.|(^|\/)test-[^/]*$|tsbuildinfo/.test(file))).toEqual([]);
      expect(files.filter((file) => /shared/.test(file))).toEqual([]);
      const root = join(consumer, 'node_modules', '@openstack-image', name);
      const naming = files.filter(
        (file) => existsSync(join(root, file)) && readFileSync(join(root, file), 'utf8').includes('../shared'),
      );
      expect(naming, 'files that name ../shared (a published package cannot read it)').toEqual([]);
    },
  );

  it.each(published)('%s: every export target, source map and mapped source is in the tarball', (name) => {
    const root = join(consumer, 'node_modules', '@openstack-image', name);
    const missing: string[] = [];
    const targets = (value: unknown): string[] =>
      typeof value === 'string'
        ? [value]
        : value && typeof value === 'object'
          ? Object.values(value).flatMap(targets)
          : [];
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    for (const target of [...targets(manifest.exports), ...targets(manifest.bin), manifest.main, manifest.types]) {
      if (typeof target === 'string' && !target.includes('*') && !existsSync(join(root, target))) {
        missing.push(`package.json names ${target}`);
      }
    }
    for (const file of readdirSync(root, { recursive: true }) as string[]) {
      const path = join(root, file);
      if (/\.(c?js|d\.c?ts)$/.test(file)) {
        const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(path, 'utf8'))?.[1];
        if (url && !existsSync(join(dirname(path), url))) missing.push(`${file} maps to ${url}`);
      }
      if (file.endsWith('.map')) {
        for (const source of (JSON.parse(readFileSync(path, 'utf8')) as { sources: string[] }).sources) {
          if (!existsSync(join(dirname(path), source))) missing.push(`${file} names ${source}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it.each(runtimeNeutral)('%s uses no Node.js module or global in its built code', (name) => {
    const dist = join(consumer, 'node_modules', '@openstack-image', name, 'dist');
    const offenders: string[] = [];
    for (const file of readdirSync(dist, { recursive: true }) as string[]) {
      if (!file.endsWith('.js')) continue;
      const code = readFileSync(join(dist, file), 'utf8');
      if (
        /from\s+['"](node:|fs|path|http|os|child_process|url|util|buffer|stream)['"]|\brequire\(|\bprocess\.|\bBuffer\b/.test(
          code,
        )
      ) {
        offenders.push(file);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe('a fresh consumer project', () => {
  it('imports every package and uses it as the READMEs show', () => {
    const seed = seedDocuments();
    writeFileSync(join(consumer, 'seed.json'), seed.json);
    writeFileSync(join(consumer, 'seed.xml'), seed.xml);
    writeFileSync(
      join(consumer, 'use.mjs'),
      `
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { Fault, isFault } from '@openstack-image/faults';
import { isValid } from '@openstack-image/schema';
import { jsonCodec } from '@openstack-image/codec-json';
import { xmlCodec } from '@openstack-image/codec-xml';
import { createImagesApi, toFetchHandler } from '@openstack-image/http';
import * as mock from '@openstack-image/mock-server';
import { GlanceImageStore, novaImage } from '@openstack-image/glance-store';
import { conformancePassed, runConformance } from '@openstack-image/conformance';

assert.ok(isFault(new Fault('itemNotFound', 'Image not found.')));
const fromJson = jsonCodec.decodeImage(readFileSync('seed.json', 'utf8'));
const fromXml = xmlCodec.decodeImage(new Uint8Array(readFileSync('seed.xml')));
assert.deepEqual(fromXml, fromJson);
assert.ok(isValid('Image', fromJson));
assert.deepEqual(xmlCodec.decodeImage(xmlCodec.encodeImage(fromJson)), fromJson);
assert.equal(typeof createImagesApi, 'function');
assert.equal(typeof toFetchHandler, 'function');
assert.equal(typeof mock.start, 'function');
assert.equal(typeof mock.startOnGlance, 'function');
assert.equal(new GlanceImageStore({ url: 'http://127.0.0.1:9292', computeUrl: 'http://c' }).withToken('t') instanceof GlanceImageStore, true);
assert.equal(novaImage({ id: 'i', status: 'queued' }, { computeUrl: 'http://c', tenant: 't' }).status, 'SAVING');
const server = await mock.start({ port: 0, host: '127.0.0.1' });
try {
  const response = await fetch(server.url + '/v2/openstack/images/70a599e0-31e7-49b7-b260-868f441e862b', {
    headers: { accept: 'application/xml' },
  });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type'), /^application\\/xml/);
  const image = xmlCodec.decodeImage(await response.text());
  assert.equal(image.name, 'fakeimage7');
  assert.deepEqual(image.metadata, fromJson.metadata);
} finally {
  await server.close();
}
// The vectors ship in the tarball: the whole suite runs from it, and the project's codecs pass it.
const results = runConformance([jsonCodec, xmlCodec]);
assert.ok(results.length >= 300);
assert.ok(conformancePassed(results));
console.log('consumer ok');
`,
    );
    expect(run(process.execPath, ['use.mjs'], consumer).trim()).toBe('consumer ok');
  });

  it('requires every package from CommonJS and gets the names the ESM build exports', () => {
    for (const name of published) {
      const esm = run(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import * as m from '@openstack-image/${name}'; console.log(Object.keys(m).sort().join())`,
        ],
        consumer,
      );
      const cjs = run(
        process.execPath,
        ['-e', `console.log(Object.keys(require('@openstack-image/${name}')).sort().join())`],
        consumer,
      );
      expect(cjs, name).toBe(esm);
    }
  });

  it('typechecks against the published declarations (strict, NodeNext, from ESM and from CommonJS)', () => {
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          exactOptionalPropertyTypes: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
          lib: ['ES2022', 'DOM'],
        },
        files: ['use.ts', 'use-cjs.cts'],
      }),
    );
    // A CommonJS file of a TypeScript project: it must get each package's require types (.d.cts).
    writeFileSync(
      join(consumer, 'use-cjs.cts'),
      published.map((name, i) => `import p${i} = require('@openstack-image/${name}');\nvoid p${i};\n`).join(''),
    );
    writeFileSync(
      join(consumer, 'use.ts'),
      `
import { Fault, type FaultName, isFault } from '@openstack-image/faults';
import type { Codec, Image, ImageList, Metadata } from '@openstack-image/schema';
import { jsonCodec } from '@openstack-image/codec-json';
import { xmlCodec } from '@openstack-image/codec-xml';
import { createImagesApi, type ImageStore } from '@openstack-image/http';
import { GlanceImageStore } from '@openstack-image/glance-store';

const glance: ImageStore = new GlanceImageStore({ url: 'http://127.0.0.1:9292', computeUrl: 'http://c', identity: { mode: 'trusted', roles: ['member'] } });
void glance;
const codecs: Codec[] = [jsonCodec, xmlCodec];
const image: Image = jsonCodec.decodeImage('{}');
const list: ImageList = { images: [image] };
const metadata: Metadata = image.metadata;
const name: FaultName = 'itemNotFound';
const error: unknown = new Fault(name, 'x', { code: 404 });
if (isFault(error)) {
  const code: number = error.code;
  void code;
}
void codecs;
void list;
void metadata;
void createImagesApi;
`,
    );
    const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    expect(run(process.execPath, [tsc, '-p', 'tsconfig.json'], consumer)).toBe('');
  });
});
