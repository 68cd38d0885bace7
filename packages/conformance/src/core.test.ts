import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = dirname(fileURLToPath(import.meta.url));

/** Every source file `entry` reaches through relative imports. */
function reachable(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const text = readFileSync(join(src, entry), 'utf8');
  for (const [, spec] of text.matchAll(/(?:import|export)[^'"]*from\s+'([^']+)'/g)) {
    if (spec!.startsWith('.')) reachable(join(dirname(entry), spec!), seen);
  }
  return seen;
}

describe('src/core.ts, the runtime-neutral part of the API', () => {
  it('imports no Node module, directly or through its own files', () => {
    const files = [...reachable('core.ts')];
    expect(files.length).toBeGreaterThan(10);
    const nodeImports = files.filter((file) =>
      /from\s+'node:|from\s+'(fs|path|url|os|child_process)'/.test(readFileSync(join(src, file), 'utf8')),
    );
    expect(nodeImports).toEqual([]);
    expect(files.some((file) => /process\.|Buffer\./.test(readFileSync(join(src, file), 'utf8')))).toBe(false);
  });

  it('the Node entry adds only the file loader, runConformance and the command', () => {
    const nodeOnly = [...reachable('index.ts')].filter((file) => !reachable('core.ts').has(file)).sort();
    expect(nodeOnly).toEqual(['cli.ts', 'index.ts', 'load-vectors.ts', 'run-conformance.ts']);
  });
});
