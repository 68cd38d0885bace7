// The XML codec's complexity families (tooling/test-support/bench/families.mjs runs them): hostile
// documents of one shape at growing sizes, decoded by the built package.
import { fill, runFamilies } from '../../../tooling/test-support/bench/families.mjs';

const { xmlCodec } = await import('../dist/index.js').catch((error) => {
  console.error(`The built package was not found (${error.message}): run \`npm run build\` first.`);
  process.exit(1);
});
const NS = 'http://docs.openstack.org/compute/api/v1.1';

runFamilies({
  title: '@openstack-image/codec-xml',
  decode: (document, options) => xmlCodec.decodeMetadata(document, options),
  families: {
    'one big text in a <meta>': (n) => `<metadata xmlns="${NS}"><meta key="k">${'a'.repeat(n)}</meta></metadata>`,
    'tab-filled attribute value': (n) => `<metadata xmlns="${NS}"><meta key="${'\t'.repeat(n)}">v</meta></metadata>`,
    'whitespace between elements': (n) => `<metadata xmlns="${NS}">${' '.repeat(n)}<meta key="k">v</meta></metadata>`,
    'reference with leading zeros': (n) =>
      `<metadata xmlns="${NS}"><meta key="k">&#${'0'.repeat(n)}65;</meta></metadata>`,
    'text split by comments': (n) =>
      `<metadata xmlns="${NS}"><meta key="k">${fill('aaaaaaaaa<!---->', n)}</meta></metadata>`,
    'many <meta> elements': (n) => {
      let s = '';
      for (let i = 0; s.length < n; i++) s += `<meta key="k${i}">v</meta>`;
      return `<metadata xmlns="${NS}">${s}</metadata>`;
    },
    'many empty elements': (n) => `<metadata xmlns="${NS}">${fill('<x/>', n)}</metadata>`,
    'many attributes': (n) => {
      let s = '';
      for (let i = 0; s.length < n; i++) s += ` a${i.toString(36).padStart(6, '0')}=""`;
      return `<metadata xmlns="${NS}"><meta key="k"${s}>v</meta></metadata>`;
    },
    'deep nesting': (n) => `<metadata xmlns="${NS}">${'<x>'.repeat(n / 3)}</metadata>`,
  },
});
