import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type PublishedPackage, publishedPackages, repoRoot } from '@openstack-image/test-support';
import { describe, expect, it } from 'vitest';
import { REPOSITORY } from './repository.ts';

/**
 * What every package under packages/ must have to be published like the others. Each check
 * returns what is missing as a sentence saying what to add, so that a new package copied from an
 * old one (or written from scratch) is told exactly what to change; README.md's "Adding a package"
 * lists the same steps.
 */
const packages = publishedPackages();
const each = packages.map((pkg) => [pkg.dir, pkg] as const);
const rootLicense = readFileSync(join(repoRoot, 'LICENSE'), 'utf8');

function read(pkg: PublishedPackage, file: string): string | undefined {
  const path = join(pkg.path, file);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

function same(actual: unknown, expected: unknown): boolean {
  return JSON.stringify(actual) === JSON.stringify(expected);
}

/** The package.json fields every package carries, with the value each must have. */
function expectedFields(pkg: PublishedPackage): Record<string, unknown> {
  return {
    name: `@openstack-image/${pkg.dir}`,
    license: 'Apache-2.0',
    homepage: `${REPOSITORY}/tree/main/packages/${pkg.dir}#readme`,
    repository: { type: 'git', url: `git+${REPOSITORY}.git`, directory: `packages/${pkg.dir}` },
    bugs: { url: `${REPOSITORY}/issues` },
    type: 'module',
    sideEffects: false,
    engines: { node: '>=20.19' },
    main: './dist/index.cjs',
    types: './dist/index.d.cts',
    publishConfig: { access: 'public' },
  };
}

const mainExport = {
  '@openstack-image/source': './src/index.ts',
  import: { types: './dist/index.d.ts', default: './dist/index.js' },
  require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
};

function manifestProblems(pkg: PublishedPackage): string[] {
  const manifest = pkg.manifest;
  const problems: string[] = [];
  for (const [field, value] of Object.entries(expectedFields(pkg))) {
    if (!same(manifest[field], value)) problems.push(`package.json: set "${field}": ${JSON.stringify(value)}`);
  }
  if (manifest.private === true) problems.push('package.json: packages/ holds published packages; drop "private"');
  if (typeof manifest.description !== 'string' || manifest.description.length < 20) {
    problems.push('package.json: add a "description" saying what the package holds');
  }
  const exports = manifest.exports as Record<string, unknown> | undefined;
  if (!same(exports?.['.'], mainExport)) {
    problems.push(`package.json: set "exports"["."] to ${JSON.stringify(mainExport)} (ESM and CommonJS, with types)`);
  }
  if (exports?.['./package.json'] !== './package.json') {
    problems.push('package.json: add "exports"["./package.json"]: "./package.json"');
  }
  const files = (manifest.files as string[] | undefined) ?? [];
  for (const entry of [
    'dist',
    'src',
    'CHANGELOG.md',
    '!src/**/*.test.ts',
    '!src/**/test-*.ts',
    '!dist/**/*.tsbuildinfo',
  ]) {
    if (!files.includes(entry)) problems.push(`package.json: add "${entry}" to "files"`);
  }
  const scripts = (manifest.scripts as Record<string, string> | undefined) ?? {};
  const wanted: Record<string, (script: string) => boolean> = {
    build: (script) => script.startsWith('tsc -b') && script.endsWith('node ../../tooling/build-cjs.mjs'),
    prepack: (script) => script === 'npm run build',
    typecheck: (script) => script === 'tsc -p tsconfig.test.json',
    test: (script) => script === 'vitest run',
    lint: (script) => script === 'biome ci src',
    'check-package': (script) => script === 'publint --strict && attw --pack .',
  };
  const how: Record<string, string> = {
    build: '"tsc -b && node ../../tooling/build-cjs.mjs" (steps of its own may stand between)',
    prepack: '"npm run build"',
    typecheck: '"tsc -p tsconfig.test.json"',
    test: '"vitest run"',
    lint: '"biome ci src"',
    'check-package': '"publint --strict && attw --pack ." (the default attw profile)',
  };
  for (const [name, ok] of Object.entries(wanted)) {
    const script = scripts[name];
    if (script === undefined || !ok(script)) problems.push(`package.json: set "scripts"."${name}" to ${how[name]}`);
  }
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies'] as const) {
    const deps = (manifest[field] as Record<string, string> | undefined) ?? {};
    for (const [dep, range] of Object.entries(deps)) {
      const internal = packages.find((other) => other.name === dep);
      if (internal && range !== `^${internal.manifest.version}`) {
        problems.push(
          `package.json: "${field}"."${dep}" must be "^${internal.manifest.version}" (changesets keeps it)`,
        );
      }
    }
  }
  return problems;
}

describe('every package under packages/', () => {
  it('is found (the checks below iterate over them)', () => {
    expect(packages.map((pkg) => pkg.dir)).toEqual(expect.arrayContaining(['faults', 'schema', 'codec-json']));
  });

  it.each(each)('%s: package.json has the published fields, exports, files and scripts', (_dir, pkg) => {
    expect(manifestProblems(pkg)).toEqual([]);
  });

  it.each(each)('%s: has LICENSE (a copy of the root LICENSE) and CHANGELOG.md', (_dir, pkg) => {
    const problems: string[] = [];
    if (read(pkg, 'LICENSE') !== rootLicense) problems.push(`copy the root LICENSE to packages/${pkg.dir}/LICENSE`);
    if (!read(pkg, 'CHANGELOG.md')?.startsWith(`# ${pkg.name}\n`)) {
      problems.push(`add packages/${pkg.dir}/CHANGELOG.md starting with "# ${pkg.name}" (changesets writes below it)`);
    }
    expect(problems).toEqual([]);
  });

  it.each(each)('%s: README has an install line and a ten-line TypeScript example first', (_dir, pkg) => {
    const readme = read(pkg, 'README.md') ?? '';
    const problems: string[] = [];
    if (!readme.startsWith(`# ${pkg.name}\n`)) problems.push(`start README.md with "# ${pkg.name}"`);
    if (!readme.includes(`\nnpm install ${pkg.name}\n`)) {
      problems.push(`README.md: add a sh block with the line "npm install ${pkg.name}"`);
    }
    const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    if (example === undefined) problems.push('README.md: add a ```ts example (tooling/package-conventions runs it)');
    else if (example.split('\n').length - 1 > 20) problems.push('README.md: keep the first ```ts example short');
    expect(problems).toEqual([]);
  });

  it.each(each)('%s: tsconfig, vitest config and the root lists name it', (_dir, pkg) => {
    const problems: string[] = [];
    const tsconfig = read(pkg, 'tsconfig.json') ?? '';
    if (!tsconfig.includes('"extends": "../../tsconfig.base.json"') || !tsconfig.includes('"outDir": "dist"')) {
      problems.push('tsconfig.json: extend ../../tsconfig.base.json with rootDir src, outDir dist (copy faults)');
    }
    if (!read(pkg, 'tsconfig.test.json')?.includes('@openstack-image/source')) {
      problems.push('tsconfig.test.json: add one with customConditions ["@openstack-image/source"] (copy faults)');
    }
    if (!read(pkg, 'vitest.config.ts')?.includes('tooling/vitest-shared.ts')) {
      problems.push('vitest.config.ts: use sourceCondition from ../../tooling/vitest-shared.ts (copy faults)');
    }
    if (!read(pkg, 'src/index.ts')) problems.push('add src/index.ts: the public API');
    const rootTsconfig = readFileSync(join(repoRoot, 'tsconfig.json'), 'utf8');
    if (!rootTsconfig.includes(`"path": "packages/${pkg.dir}"`)) {
      problems.push(`tsconfig.json (root): add { "path": "packages/${pkg.dir}" } to "references"`);
    }
    const rootReadme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    if (!rootReadme.includes(`[\`${pkg.name}\`](packages/${pkg.dir})`)) {
      problems.push(`README.md (root): add a row [\`${pkg.name}\`](packages/${pkg.dir}) to the package table`);
    }
    expect(problems).toEqual([]);
  });
});
