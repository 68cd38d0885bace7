// The JSON codec's complexity families (tooling/test-support/bench/families.mjs runs them): hostile
// documents of one shape at growing sizes, decoded by the built package.
import { fill, runFamilies } from '../../../tooling/test-support/bench/families.mjs';

const { jsonCodec } = await import('../dist/index.js').catch((error) => {
  console.error(`The built package was not found (${error.message}): run \`npm run build\` first.`);
  process.exit(1);
});

runFamilies({
  title: '@openstack-image/codec-json',
  decode: (document, options) => jsonCodec.decodeMetadata(document, options),
  families: {
    'one big string value': (n) => `{"metadata": {"k": "${'a'.repeat(n)}"}}`,
    'escapes in a string': (n) => `{"metadata": {"k": "${fill('\\u0041', n)}"}}`,
    'whitespace between members': (n) => `{"metadata": ${' '.repeat(n)}{"k": "v"}}`,
    'many members': (n) => {
      let s = '';
      for (let i = 0; s.length < n; i++) s += `"k${i}": "v", `;
      return `{"metadata": {${s}"z": "v"}}`;
    },
    'deep nesting (arrays)': (n) => `{"metadata": {"k": ${'['.repeat(n / 2)}${']'.repeat(n / 2)}}}`,
    'deep nesting, unclosed': (n) => `{"metadata": {"k": ${'['.repeat(n)}`,
    'a number with many digits': (n) => `{"metadata": {"k": ${'9'.repeat(n)}}}`,
  },
});
