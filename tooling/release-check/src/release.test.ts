import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isNodeOnly, type PublishedPackage, publishedPackages, repoRoot } from '@openstack-image/test-support';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The release as the maintainers run it and the packages as users get them. A copy of the
 * repository (its files as they are now) runs `npm run version` and `npm run release` against a
 * verdaccio registry on loopback; then, for each package, a new project installs that package
 * alone from the registry and loads it from ESM, CommonJS and Jest 30, and typechecks its README
 * example under TypeScript's node16, nodenext and bundler resolution. A second changeset, version
 * and release bump exactly the packages they should, and a consumer upgrades.
 */
const packages = publishedPackages();
const here = dirname(fileURLToPath(import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let work: string;
let copy: string;
let registry: ChildProcess | undefined;
let registryUrl: string;
let env: NodeJS.ProcessEnv;
/** What talks to the local registry: publishing and the consumers' installs. */
let registryEnv: NodeJS.ProcessEnv;

function run(command: string, args: string[], cwd: string, extra: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync(command, args, {
      cwd,
      env: { ...env, ...extra },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 600_000,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `${command} ${args.join(' ')} (in ${cwd}) failed: ${failed.message}\n${failed.stdout ?? ''}\n${failed.stderr ?? ''}`,
    );
  }
}

/** The repository's files as they are now (tracked or new, not ignored), copied into `to`. */
function copyRepository(to: string): void {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((file) => file && existsSync(join(repoRoot, file)));
  for (const file of files) {
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(join(repoRoot, file), join(to, file));
  }
  // The installed tools are the repository's own (linked, not installed again); the workspace
  // packages link to the copy's folders, so that the copy builds, versions and publishes itself.
  const modules = join(to, 'node_modules');
  mkdirSync(join(modules, '@openstack-image'), { recursive: true });
  for (const entry of readdirSync(join(repoRoot, 'node_modules'))) {
    if (entry === '@openstack-image' || entry === '.package-lock.json') continue;
    symlinkSync(join(repoRoot, 'node_modules', entry), join(modules, entry));
  }
  for (const folder of ['packages', 'tooling']) {
    for (const entry of readdirSync(join(to, folder))) {
      const manifest = join(to, folder, entry, 'package.json');
      if (!existsSync(manifest)) continue;
      const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name: string }).name;
      symlinkSync(join(to, folder, entry), join(modules, name));
    }
  }
}

async function startRegistry(): Promise<string> {
  const dir = join(work, 'registry');
  mkdirSync(dir);
  const uplink = execFileSync(npm, ['config', 'get', 'registry'], { cwd: work, encoding: 'utf8' }).trim();
  const child = spawn(process.execPath, [join(here, 'registry.mjs'), dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RELEASE_CHECK_UPLINK: uplink },
  });
  registry = child;
  let output = '';
  return await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`verdaccio did not start in 60 s:\n${output}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = /^\{"url":.*\}$/m.exec(output)?.[0];
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`verdaccio exited (${code}) before listening:\n${output}`));
    });
  });
}

/** A registry user for `npm publish` (verdaccio's htpasswd: the first PUT creates it). */
async function registryToken(url: string): Promise<string> {
  const response = await fetch(new URL('-/user/org.couchdb.user:release-check', url), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'release-check', password: 'release-check-password' }),
  });
  const body = (await response.json()) as { token?: string };
  if (!response.ok || !body.token) throw new Error(`no registry token: ${response.status} ${JSON.stringify(body)}`);
  return body.token;
}

/** A GET to the registry; a kept-alive socket the server has just closed (EPIPE, ECONNRESET) is retried. */
async function registryGet(path: string): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(new URL(path, registryUrl), { cache: 'no-store' });
    } catch (error) {
      if (attempt === 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

async function publishedVersions(name: string): Promise<string[]> {
  const response = await registryGet(name.replace('/', '%2f'));
  if (response.status === 404) return [];
  const body = (await response.json()) as { versions?: Record<string, unknown> };
  return Object.keys(body.versions ?? {}).sort();
}

function versionsInCopy(): Map<string, string> {
  return new Map(
    packages.map((pkg) => {
      const manifest = JSON.parse(readFileSync(join(copy, 'packages', pkg.dir, 'package.json'), 'utf8')) as {
        version: string;
      };
      return [pkg.name, manifest.version];
    }),
  );
}

/** The internal packages `pkg` brings with it: its own `dependencies`, transitively. */
function closure(pkg: PublishedPackage): Set<string> {
  const names = new Set<string>([pkg.name]);
  const visit = (current: PublishedPackage): void => {
    for (const dep of Object.keys(current.manifest.dependencies ?? {})) {
      const inner = packages.find((other) => other.name === dep);
      if (inner && !names.has(dep)) {
        names.add(dep);
        visit(inner);
      }
    }
  };
  visit(pkg);
  return names;
}

function readmeExample(pkg: PublishedPackage): string {
  const readme = readFileSync(join(pkg.path, 'README.md'), 'utf8');
  return `${/```ts\n([\s\S]*?)```/.exec(readme)![1]}export {};\n`;
}

/**
 * TypeScript's diagnostics for `files` of a consumer project: strict, skipLibCheck false, Node's
 * types from the repository. In this process, with the lib and @types files parsed once for all
 * the consumers (they are the same files; a consumer's own node_modules are parsed for each).
 */
const sharedSourceFiles = new Map<string, ts.SourceFile>();
function typecheck(consumer: string, settings: ts.CompilerOptions, files: string[], nodeTypes: boolean): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    // Every declaration file is checked (the packages' own above all), except TypeScript's lib files.
    skipLibCheck: false,
    skipDefaultLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    typeRoots: [join(repoRoot, 'node_modules', '@types')],
    // Node's types for what needs them (an example importing node:*, a Node-only package).
    types: nodeTypes ? ['node'] : [],
    ...settings,
  };
  const host = ts.createCompilerHost(options);
  const own = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (!fileName.startsWith(repoRoot)) return own(fileName, languageVersion, onError, shouldCreate);
    const format =
      typeof languageVersion === 'object'
        ? `${languageVersion.languageVersion}:${languageVersion.impliedNodeFormat}`
        : `${languageVersion}`;
    const key = `${fileName}|${format}`;
    let file = sharedSourceFiles.get(key);
    if (!file) {
      file = own(fileName, languageVersion, onError, shouldCreate);
      if (file) sharedSourceFiles.set(key, file);
    }
    return file;
  };
  const program = ts.createProgram(
    files.map((file) => join(consumer, file)),
    options,
    host,
  );
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file
      ? `${diagnostic.file.fileName.slice(consumer.length + 1)}(${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}): `
      : '';
    return where + ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  });
}

let firstVersions: Map<string, string>;
let unbuiltPack: { name: string; files: string[] };

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'openstack-image-release-'));
  copy = join(work, 'repo');
  copyRepository(copy);
  // A repository of its own, so that changesets can tag the releases and turbo hashes by git.
  const git = ['-c', 'user.name=release-check', '-c', 'user.email=release-check@localhost'];
  execFileSync('git', ['init', '-q'], { cwd: copy });
  execFileSync('git', ['add', '-A'], { cwd: copy });
  execFileSync('git', [...git, 'commit', '-qm', 'the repository as it is'], { cwd: copy });
  registryUrl = await startRegistry();
  const token = await registryToken(registryUrl);
  const npmrc = join(work, 'npmrc');
  const host = registryUrl.replace(/^https?:/, '');
  writeFileSync(npmrc, `registry=${registryUrl}\n${host}:_authToken=${token}\nfund=false\naudit=false\n`);
  env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', CI: 'true' };
  registryEnv = { npm_config_userconfig: npmrc, npm_config_registry: registryUrl };
  // `npm pack` in a clone that was never built: prepack builds first (the copy has no dist/).
  const leaf = packages[0]!;
  const [packed] = JSON.parse(
    run(npm, ['pack', '--json', '--pack-destination', work], join(copy, 'packages', leaf.dir)),
  ) as [{ files: Array<{ path: string }> }];
  unbuiltPack = { name: leaf.name, files: packed.files.map((file) => file.path) };
  // The first release: the changesets waiting in the repository, then everything.
  run(npm, ['run', 'version'], copy);
  firstVersions = versionsInCopy();
  release();
});

/**
 * The release's publishing half, `npm run release:publish` (changeset publish), after a build.
 * Its checking half, `npm run release:check`, is `npm test`, which .ci/run has just run on these
 * very files; running it again in the copy would only repeat it (the versions differ, so turbo's
 * cache would not answer).
 */
function release(): void {
  run(npm, ['exec', '--', 'turbo', 'run', 'build', '--output-logs=errors-only'], copy, registryEnv);
  run(npm, ['run', 'release:publish'], copy, registryEnv);
}

afterAll(async () => {
  if (registry && registry.exitCode === null) {
    const exited = new Promise((resolve) => registry!.once('exit', resolve));
    registry.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    if (registry.exitCode === null) registry.kill('SIGKILL');
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm pack of an unbuilt clone', () => {
  it('builds first (prepack): the tarball holds both builds', () => {
    expect(unbuiltPack.files, unbuiltPack.name).toEqual(
      expect.arrayContaining(['dist/index.js', 'dist/index.d.ts', 'dist/index.cjs', 'dist/index.d.cts', 'LICENSE']),
    );
  });
});

describe('npm run release', () => {
  it('publishes every package at the version npm run version gave it, with its CHANGELOG', async () => {
    for (const pkg of packages) {
      expect(await publishedVersions(pkg.name), pkg.name).toEqual([firstVersions.get(pkg.name)]);
      const changelog = readFileSync(join(copy, 'packages', pkg.dir, 'CHANGELOG.md'), 'utf8');
      expect(changelog, pkg.name).toContain(`## ${firstVersions.get(pkg.name)}`);
    }
  });
});

describe.each(packages.map((pkg) => [pkg.dir, pkg] as const))('a fresh project installing only %s', (dir, pkg) => {
  let consumer: string;

  beforeAll(() => {
    consumer = join(work, 'consumers', dir);
    mkdirSync(consumer, { recursive: true });
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: `consumer-${dir}`, private: true }, null, 2));
    run(
      npm,
      ['install', '--no-audit', '--no-fund', `${pkg.name}@${firstVersions.get(pkg.name)}`],
      consumer,
      registryEnv,
    );
  });

  it('gets it and its own dependencies, nothing more', () => {
    const installed = readdirSync(join(consumer, 'node_modules', '@openstack-image')).map(
      (entry) => `@openstack-image/${entry}`,
    );
    expect(new Set(installed)).toEqual(closure(pkg));
    const all = JSON.stringify(JSON.parse(run(npm, ['ls', '--all', '--json'], consumer, registryEnv)));
    if (!closure(pkg).has('@openstack-image/codec-xml')) expect(all).not.toContain('fast-xml-parser');
    // The install size a user pays, for the report (`npm run test:release` prints it).
    const bytes = Number(run('du', ['-sb', 'node_modules'], consumer).split('\t')[0]);
    console.log(`install size of ${pkg.name} alone: ${(bytes / 1024).toFixed(0)} KiB in node_modules`);
  });

  it('imports it from ESM and requires it from CommonJS, with the same names', () => {
    writeFileSync(
      join(consumer, 'names.mjs'),
      `import * as api from '${pkg.name}';\nconsole.log(JSON.stringify(Object.keys(api).filter((k) => k !== 'default').sort()));\n`,
    );
    writeFileSync(
      join(consumer, 'names.cjs'),
      `const api = require('${pkg.name}');\nconsole.log(JSON.stringify(Object.keys(api).sort()));\n`,
    );
    const esm = JSON.parse(run(process.execPath, ['names.mjs'], consumer)) as string[];
    const cjs = JSON.parse(run(process.execPath, ['names.cjs'], consumer)) as string[];
    expect(esm.length).toBeGreaterThan(0);
    expect(cjs).toEqual(esm);
  });

  it('runs its README example, and typechecks it under node16, nodenext and bundler (skipLibCheck false)', () => {
    const example = readmeExample(pkg);
    // An example may use sibling packages beside this one (the client's runs against the mock
    // server): install those too, as its install line says, once the check above has run.
    const siblings = [
      ...new Set([...example.matchAll(/from '(@openstack-image\/[a-z-]+)'/g)].map((m) => m[1]!)),
    ].filter((name) => !closure(pkg).has(name));
    if (siblings.length > 0) {
      const specs = siblings.map((name) => `${name}@${firstVersions.get(name)}`);
      run(npm, ['install', '--no-audit', '--no-fund', ...specs], consumer, registryEnv);
    }
    writeFileSync(join(consumer, 'example.mts'), example);
    // A CommonJS file as TypeScript's module node16 sees it: it must get the require types.
    writeFileSync(
      join(consumer, 'cjs-user.cts'),
      `import api = require('${pkg.name}');\nexport const names: string[] = Object.keys(api);\n`,
    );
    const settings: Array<[string, ts.CompilerOptions, string[]]> = [
      [
        'node16',
        { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 },
        ['example.mts', 'cjs-user.cts'],
      ],
      [
        'nodenext',
        { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
        ['example.mts', 'cjs-user.cts'],
      ],
      ['bundler', { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }, ['example.mts']],
    ];
    const nodeTypes = isNodeOnly(pkg) || /from 'node:/.test(example);
    for (const [name, options, files] of settings) {
      expect(typecheck(consumer, options, files, nodeTypes), name).toEqual([]);
    }
    // Run as written, from the installed package (TypeScript strips the types; Node 20 cannot).
    const js = ts.transpileModule(readFileSync(join(consumer, 'example.mts'), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    }).outputText;
    writeFileSync(join(consumer, 'example.mjs'), js);
    run(process.execPath, ['example.mjs'], consumer);
  });

  it('loads in a Jest 30 test (CommonJS, as Jest runs it)', () => {
    writeFileSync(
      join(consumer, 'uses.test.js'),
      `const api = require('${pkg.name}');
const { isFault, Fault } = require('@openstack-image/faults');
test('${pkg.name} loads under Jest', () => {
  expect(Object.keys(api).length).toBeGreaterThan(0);
  expect(isFault(new Fault('itemNotFound', 'Image not found.'))).toBe(true);
});
`,
    );
    const jest = join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js');
    const output = run(
      process.execPath,
      [jest, '--ci', '--watchman=false', '--rootDir', consumer, '--testMatch', '**/uses.test.js'],
      consumer,
    );
    expect(output).toBe('');
  });
});

describe('a second changeset and release', () => {
  it('bumps the changed package and its direct dependents only, publishes only those, and a consumer upgrades', async () => {
    const changed = packages.find((pkg) => pkg.dir === 'codec-json')!;
    writeFileSync(
      join(copy, '.changeset', 'release-check-second.md'),
      `---\n"${changed.name}": minor\n---\n\nA minor change to check the second release.\n`,
    );
    run(npm, ['run', 'version'], copy);
    const second = versionsInCopy();
    // A 0.x minor leaves the dependents' ^ ranges: changesets bumps them (a patch) and their ranges;
    // a package that depends on it only through another one keeps its version if that one's range still holds.
    const dependents = new Set([
      changed.name,
      ...packages.filter((pkg) => changed.name in (pkg.manifest.dependencies ?? {})).map((pkg) => pkg.name),
    ]);
    for (const pkg of packages) {
      if (dependents.has(pkg.name)) expect(second.get(pkg.name), pkg.name).not.toBe(firstVersions.get(pkg.name));
      else expect(second.get(pkg.name), pkg.name).toBe(firstVersions.get(pkg.name));
    }
    release();
    for (const pkg of packages) {
      const expected = [...new Set([firstVersions.get(pkg.name)!, second.get(pkg.name)!])].sort();
      expect(await publishedVersions(pkg.name), pkg.name).toEqual(expected);
    }
    const consumer = join(work, 'consumers', changed.dir);
    run(npm, ['install', '--no-audit', '--no-fund', `${changed.name}@latest`], consumer, registryEnv);
    const installed = JSON.parse(
      readFileSync(join(consumer, 'node_modules', '@openstack-image', changed.dir, 'package.json'), 'utf8'),
    ) as { version: string };
    expect(installed.version).toBe(second.get(changed.name));
    expect(
      readFileSync(join(consumer, 'node_modules', '@openstack-image', changed.dir, 'CHANGELOG.md'), 'utf8'),
    ).toContain('A minor change to check the second release.');
    run(process.execPath, ['names.cjs'], consumer);
  });
});
