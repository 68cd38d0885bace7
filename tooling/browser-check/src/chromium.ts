import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sparticuz from '@sparticuz/chromium';
import { type Browser, chromium } from 'playwright-core';

/**
 * The headless Chromium the browser tests run in: the one that ships inside the npm package
 * `@sparticuz/chromium` (pinned), so that `npm ci` is all a machine needs. `CHROMIUM_PATH` points
 * at another build instead (a Chromium of your own).
 */

/** The pinned version (this package's package.json), which names the folder it is inflated into. */
const version: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).devDependencies[
  '@sparticuz/chromium'
];

/** How long a launch may take before it counts as broken: a working one takes about two seconds. */
const LAUNCH_TIMEOUT_MS = 30_000;

/** Flags of the package that would let a page do what a user's browser forbids. */
const RELAXING = new Set(['--disable-web-security', '--allow-running-insecure-content']);

/**
 * The package inflates its brotli archives into `os.tmpdir()` and reuses whatever `chromium` it
 * finds there, even half written or of another version. Several test runs may start at once on one
 * machine, so each inflates into a fresh folder of its own, then renames it into place under a name
 * that carries the version: a rename is atomic, and the first one wins.
 */
async function bundledChromium(): Promise<string> {
  const home = join(tmpdir(), `openstack-image-chromium-${version}`);
  const executable = join(home, 'chromium');
  if (existsSync(executable)) return executable;
  const staging = mkdtempSync(join(tmpdir(), `openstack-image-chromium-${version}-`));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  try {
    await sparticuz.executablePath();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
  try {
    renameSync(staging, home);
  } catch {
    // Another run got there first: its copy is complete (it was renamed whole), use it.
    rmSync(staging, { recursive: true, force: true });
  }
  return executable;
}

function describeFailure(executablePath: string, reason: unknown): Error {
  const cause = reason instanceof Error ? reason.message.split('\n')[0] : String(reason);
  return new Error(
    `Chromium could not be started from ${executablePath}: ${cause}. The browser tests use the ` +
      `Chromium inside the npm package @sparticuz/chromium ${version} (run npm ci again if it is ` +
      'damaged), or the one CHROMIUM_PATH names.',
  );
}

/**
 * Starts headless Chromium, or fails within `LAUNCH_TIMEOUT_MS` with one error that says which
 * executable was tried and why it did not start.
 */
export async function launchChromium(executablePath?: string): Promise<Browser> {
  let path = executablePath ?? process.env.CHROMIUM_PATH;
  const bundled = path === undefined || path === '';
  if (!bundled && !existsSync(path!)) throw describeFailure(path!, new Error('no such file'));
  try {
    if (bundled) path = await bundledChromium();
    return await chromium.launch({
      executablePath: path!,
      // The package's own flags (single process, no sandbox, SwiftShader) when it is its build,
      // less the two that relax what a user's browser enforces; a Chromium of your own gets the
      // usual headless ones.
      args: bundled ? sparticuz.args.filter((arg) => !RELAXING.has(arg)) : ['--no-sandbox', '--disable-gpu'],
      headless: true,
      timeout: LAUNCH_TIMEOUT_MS,
    });
  } catch (error) {
    throw describeFailure(path ?? `@sparticuz/chromium ${version}`, error);
  }
}
