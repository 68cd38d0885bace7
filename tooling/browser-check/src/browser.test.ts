import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDocuments } from '@openstack-image/test-support';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import { type StaticServer, serveStatic } from './serve.ts';

/**
 * The runtime-neutral packages (faults, schema, both codecs, the http core and its fetch binding, the client),
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

declare global {
  interface Window {
    violations: string[];
  }
}

/** A page that records, from before its first script, every CSP violation and console error. */
async function watchedPage(): Promise<{ page: Page; errors: string[]; consoleErrors: string[] }> {
  const page = await browser!.newPage();
  const errors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await page.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.violations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return { page, errors, consoleErrors };
}

describe('in a real browser', () => {
  it('decodes, encodes, refuses hostile input and serves the seed, as in Node', async () => {
    const { page, errors, consoleErrors } = await watchedPage();
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
    expect(result.refusedImage).toBe('badRequest: minDisk must be an integer >= 0 at /image/minDisk');
    expect(result.client).toEqual({
      metadata: (result.fromJson as { metadata: unknown }).metadata,
      fault: 'itemNotFound 404',
    });

    // Under `Content-Security-Policy: script-src 'self'`, nothing was refused: no code generation.
    expect(await page.evaluate(() => window.violations)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(server!.violations).toEqual([]);
    await page.close();
  });

  it('the policy is enforced: code generation on that page is refused and reported', async () => {
    const { page } = await watchedPage();
    await page.goto(`${server!.origin}/index.html?probe=eval`);
    await page.waitForFunction(() => typeof window.runChecks === 'function');
    expect(await page.evaluate(() => window.probeResult)).toBe('EvalError');
    await expect.poll(() => page.evaluate(() => window.violations.length)).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.violations[0])).toMatch(/^script-src/);
    // ...and reported to the server too (report-uri), the channel the first test finds empty.
    await expect.poll(() => server!.violations.length, { timeout: 10_000 }).toBeGreaterThan(0);
    server!.violations.length = 0;
    await page.close();
  });
});
