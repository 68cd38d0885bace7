import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDocuments } from '@openstack-image/test-support';
import { type Browser, chromium } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The runtime-neutral packages (faults, schema, both codecs, the http core and its fetch binding),
 * as published (`dist/` through their `exports`), bundled for the browser by Vite and run in a real
 * headless Chromium (Debian's, installed by .ci/run).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const here = dirname(fileURLToPath(import.meta.url));

let out: string;
let server: Server;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM}: install Debian's chromium (.ci/run does) or set CHROMIUM_PATH`,
    );
  }
  out = mkdtempSync(join(tmpdir(), 'openstack-image-browser-'));
  await build({
    root: join(here, 'page'),
    logLevel: 'warn',
    configFile: false,
    build: { outDir: out, emptyOutDir: true, minify: false, target: 'es2022' },
  });
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };
  server = createServer((request, response) => {
    const path = normalize(new URL(request.url ?? '/', 'http://x').pathname).replace(/^(\.\.[/\\])+/, '');
    const file = join(out, path === '/' ? 'index.html' : path);
    if (!file.startsWith(out) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('in a real browser', () => {
  it('decodes, encodes, refuses hostile input and serves the seed, as in Node', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${origin}/index.html`);
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
