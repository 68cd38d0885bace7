// The ESM build as one file, run by a package's `npm run build` after `tsc -b` (and before
// build-cjs.mjs, which then reads it): dist/index.js, tsc's entry module, becomes the whole package
// bundled by rolldown from src/index.ts, with every bare import (a dependency, node:*) left as an
// import. Node.js loads an ES module graph file by file (resolve, read, compile, link): thirty small
// modules cost about 100 ms more than one file holding the same code, which is what a user's
// `import` pays before anything runs. tsc still writes the declarations (dist/**/*.d.ts, which
// name the other modules) and their maps; the bundle's own map points into src/, which ships.
// Bundling from the sources, not from tsc's modules, keeps an incremental `tsc -b` from leaving
// the bundle stale: tsc rewrites only what changed, this step rewrites dist/index.js every time.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { rolldown } from 'rolldown';

const root = process.cwd();

const bundle = await rolldown({
  input: join(root, 'src', 'index.ts'),
  platform: 'neutral',
  tsconfig: join(root, 'tsconfig.json'),
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(id),
  logLevel: 'warn',
});
await bundle.write({ file: join(root, 'dist', 'index.js'), format: 'esm', sourcemap: true });
await bundle.close();

// tsc's JavaScript for the other modules is dead once dist/index.js holds them all (`exports` names
// no other module), and would be packed: only its declarations stay. What tsc wrote for a source
// file since removed or renamed stays in dist/ too (tsc -b never deletes outputs): it would be
// packed, with maps naming a source that is no longer there.
for (const file of readdirSync(join(root, 'dist'), { recursive: true, encoding: 'utf8' })) {
  const output = /^(.*?)\.(js|js\.map|d\.ts|d\.ts\.map|d\.cts)$/.exec(file);
  if (output === null || file.split('/').some((part) => part.startsWith('.'))) continue;
  const [, module, kind] = output;
  const deadScript = (kind === 'js' || kind === 'js.map') && module !== 'index';
  if (deadScript || !existsSync(join(root, 'src', `${module}.ts`))) rmSync(join(root, 'dist', file));
}
