import { describe, expect, it } from 'vitest';
import { bundleSize } from './bundle-size.ts';

/**
 * What a browser user pays for each entry point, gzipped, minified by rolldown from the built
 * packages: the budgets hold the sizes measured when they were set, with a little room. A change
 * that crosses one fails here; raise a budget only on purpose, in the same commit, saying why.
 */
const BUDGETS: readonly { entry: string; source: string; kilobytes: number }[] = [
  // Issue 13: 13.3 KB and 49.2 KB before the schemas were written out as literals (no TypeBox
  // builders in a bundle) and the codecs named problems with `validationFault` (no compiled check
  // they do not run): 9.5 KB and 46.4 KB measured then. Issue 7's goal (jsonCodec under 8 KB) is
  // still open: what is left is the codec's own readers, writers, checks and messages.
  { entry: 'jsonCodec', source: "export { jsonCodec } from '@openstack-image/codec-json';", kilobytes: 10 },
  // xmlCodec: 36.1 KB measured (issue 13's faster reader and writer). Issue 7's goal of 25 KB is not
  // reachable with fast-xml-parser as the parser: its XMLParser alone bundles to 20.9 KB (the
  // package exports no entry for the parser without its validator, entity tables and is-unsafe),
  // schema's part (assertValid, bodyText, LIMITS) 4.5 KB, faults 0.8 KB: some 26 KB before any of
  // the codec's own code (11.9 KB gzipped on its own).
  { entry: 'xmlCodec', source: "export { xmlCodec } from '@openstack-image/codec-xml';", kilobytes: 37 },
  {
    entry: 'createImagesApi + toFetchHandler',
    source: "export { createImagesApi, toFetchHandler } from '@openstack-image/http';",
    // Raised from 47.5 when the merge brought issue 13's XML reader and writer (about 1.2 KB more
    // of codec-xml's own code): 47.7 KB measured then.
    kilobytes: 48,
  },
  { entry: 'isValid', source: "export { isValid } from '@openstack-image/schema';", kilobytes: 1.5 },
  { entry: 'assertValid', source: "export { assertValid } from '@openstack-image/schema';", kilobytes: 4 },
  // A literal since issue 13 (0.8 KB measured): TypeBox's builders stay out of every bundle.
  { entry: 'the Image schema (TypeBox)', source: "export { Image } from '@openstack-image/schema';", kilobytes: 1 },
  { entry: 'Fault + isFault', source: "export { Fault, isFault } from '@openstack-image/faults';", kilobytes: 1 },
];

/** What code generation at run time looks like in a bundle (refused under a CSP without 'unsafe-eval'). */
const CODE_GENERATION = /\bnew Function\b|\bFunction\(|\beval\(/;

describe('bundle budgets (rolldown, minified, gzipped)', () => {
  it.each(BUDGETS)(
    '$entry stays within $kilobytes KB and generates no code at run time',
    async ({ source, kilobytes }) => {
      const size = await bundleSize(source);
      console.log(`${source} -> ${(size.gzipped / 1024).toFixed(1)} KB gzipped, ${size.minified} B minified`);
      expect(size.gzipped).toBeGreaterThan(200);
      expect(size.gzipped).toBeLessThanOrEqual(kilobytes * 1024);
      expect(size.code).not.toMatch(CODE_GENERATION);
    },
  );

  it('the measure sees what an entry pulls in (TypeBox compiler: well over budget)', async () => {
    const size = await bundleSize("export { TypeCompiler } from '@sinclair/typebox/compiler';");
    expect(size.gzipped).toBeGreaterThan(10 * 1024);
    expect(size.code).toMatch(CODE_GENERATION);
  });

  it('an entry that does not resolve fails instead of measuring nothing', async () => {
    await expect(bundleSize("export { nothing } from '@openstack-image/no-such-package';")).rejects.toThrow(
      /no-such-package/,
    );
  });
});
