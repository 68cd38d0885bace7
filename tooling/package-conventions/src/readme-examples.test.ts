import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { publishedPackages, repoRoot } from '@openstack-image/test-support';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * The first ```ts block of each package's README, as written: typechecked with the repository's
 * strict settings and run. A README whose example names something it never defines, or throws
 * before its last line, fails here.
 */
const packages = publishedPackages();
const work = join(repoRoot, 'tooling', 'package-conventions', '.readme-examples');
const files = new Map<string, string>();

function firstExample(readme: string): string {
  const match = /```ts\n([\s\S]*?)```/.exec(readme);
  if (!match) throw new Error('no ```ts block');
  return match[1]!;
}

beforeAll(() => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  for (const pkg of packages) {
    const file = join(work, `${pkg.dir}.ts`);
    // `export {}` keeps every example a module of its own (top-level await, no shared names).
    writeFileSync(file, `${firstExample(readFileSync(join(pkg.path, 'README.md'), 'utf8'))}export {};\n`);
    files.set(pkg.dir, file);
  }
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('each README example', () => {
  it('typechecks (strict, NodeNext, against the sources)', () => {
    const base = ts.readConfigFile(join(repoRoot, 'tsconfig.base.json'), ts.sys.readFile).config as {
      compilerOptions: object;
    };
    const { options } = ts.convertCompilerOptionsFromJson(
      {
        ...base.compilerOptions,
        composite: false,
        noEmit: true,
        types: ['node'],
        customConditions: ['@openstack-image/source'],
      },
      repoRoot,
    );
    const program = ts.createProgram([...files.values()], options);
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .filter((diagnostic) => diagnostic.file?.fileName.startsWith(work))
      .map((diagnostic) => {
        const where = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
        const name = diagnostic.file!.fileName.slice(work.length + 1).replace(/\.ts$/, '');
        return `packages/${name}/README.md example, line ${where.line + 1}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
      });
    expect(diagnostics).toEqual([]);
  });

  it.each(packages.map((pkg) => pkg.dir))('%s: runs to its last line', async (dir) => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await import(pathToFileURL(files.get(dir)!).href);
    } finally {
      log.mockRestore();
    }
  });
});
