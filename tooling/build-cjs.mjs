// The CommonJS build beside the ESM one, run by every package's `npm run build` after `tsc -b`:
// dist/index.js (ESM, from tsc) becomes dist/index.cjs, one file, with every bare import left to
// require(); each dist/**/*.d.ts gets a .d.cts twin whose relative imports name the .cjs twins, so
// that TypeScript reads the `require` types as CommonJS (module node16/nodenext, Jest, ts-jest).
// dist/index.cjs sits beside dist/index.js, so paths relative to the module (new URL('../data/x',
// import.meta.url), which rolldown rewrites for CommonJS) mean the same in both builds.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rolldown } from 'rolldown';

const dist = join(process.cwd(), 'dist');

const bundle = await rolldown({
  input: join(dist, 'index.js'),
  // 'node' so that import.meta.url becomes the .cjs file's own URL (CommonJS has no import.meta).
  platform: 'node',
  // A bare specifier (a dependency, node:*) stays an import; only the package's own files are joined.
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(id),
  logLevel: 'warn',
});
await bundle.write({ file: join(dist, 'index.cjs'), format: 'cjs', exports: 'named', sourcemap: false });
await bundle.close();

for (const file of readdirSync(dist, { recursive: true, encoding: 'utf8' })) {
  if (!file.endsWith('.d.ts')) continue;
  const text = readFileSync(join(dist, file), 'utf8')
    .replace(/^\/\/# sourceMappingURL=.*$/m, '')
    .replace(/(from\s+|import\(\s*)(['"])(\.{1,2}\/[^'"]*?)\.js\2/g, '$1$2$3.cjs$2');
  writeFileSync(join(dist, file.replace(/\.d\.ts$/, '.d.cts')), text.trimEnd() + '\n');
}
