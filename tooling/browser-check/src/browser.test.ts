import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDocuments } from '@openstack-image/test-support';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import { type StaticServer, serveStatic } from './serve.ts';

/**
 * The runtime-neutral packages (faults, schema, both codecs, the http core and its fetch binding),
 * as published (`dist/` through their `exports`), bundled for the browser by Vite and run in a real
 * headless Chromium (the one inside the npm package `@sparticuz/chromium`, see chromium.ts).
 */
const here = dirname(fileURLToPath(import.meta.url));

let out: string | undefined;
let server: StaticServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  // The browser first: when it cannot start, that is the one error to report, at once.
  browser = await launchChromium();
  out = mkdtempSync(join(tmpdir(), 'openstack-image-browser-'));
  await build({
    root: join(here, 'page'),
    logLevel: 'warn',
    configFile: false,
    build: { outDir: out, emptyOutDir: true, minify: false, target: 'es2022' },
  });
  server = await serveStatic(out);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (out !== undefined) rmSync(out, { recursive: true, force: true });
});

describe('in a real browser', () => {
  it('decodes, encodes, refuses hostile input and serves the seed, as in Node', async () => {
    const page = await browser!.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${server!.origin}/index.html`);
    await page.waitForFunction(() => typeof window.runChecks === 'function');
    const seed = seedDocuments();
    const result = await page.evaluate((documents) => window.runChecks(documents), seed);

    expect(errors).toEqual([]);
    expect(result.userAgent).toMatch(/Chrome\//);
    expect(result.fromXmlBytes).toEqual(result.fromJson);
    expect(result.valid).toBe(true);
    expect(result.jsonRoundTrip).toEqual(result.fromJson);
    expect(result.xmlRoundTrip).toEqual(result.fromJson);
    expect(result.doctype).toBe('badRequest');
    expect(result.badUtf8).toBe('badRequest');
    expect(result.faultAcrossFormats).toBe(404);
    expect(result.served).toEqual({
      status: 200,
      contentType: expect.stringMatching(/^application\/xml/),
      image: result.fromJson,
    });
    expect(result.missing).toEqual({ status: 404, fault: 'itemNotFound' });
    await page.close();
  });
});
