#!/usr/bin/env node
// The README's test line, `npm ci && npm test`, in a clean clone of this repository's HEAD, with the
// PATH and environment of a bare machine: a PATH that holds node, npm, npx, git and sh and nothing
// else (no chromium, no xmllint reachable), an empty HOME and temp folder, no turbo cache. Only
// npm's download cache is shared with this machine, so that nothing is fetched twice.
// Run by .ci/run after `npm test`; by hand: `npm run test:bare-machine` (commits only: it clones).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TIMEOUT_MS = 30 * 60_000;
/** Programs a bare machine lacks, and the tests must not need. */
const ABSENT = ['chromium', 'chromium-browser', 'google-chrome', 'xmllint'];

function which(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return realpathSync(candidate);
  }
  throw new Error(`${name} is not on PATH: the bare-machine check needs it to build its PATH`);
}

function sharedFolder() {
  const candidates = [process.env.OPENSTACK_IMAGE_SHARED, resolve(repoRoot, '..', 'shared')].filter(Boolean);
  const found = candidates.find((dir) => existsSync(join(dir, 'reference', 'WIRE.md')));
  if (found === undefined) throw new Error(`the shared reference folder was not found in ${candidates.join(', ')}`);
  return realpathSync(found);
}

const work = mkdtempSync(join(tmpdir(), 'openstack-image-bare-'));
const started = Date.now();
let status = 1;
try {
  const bin = join(work, 'bin');
  mkdirSync(bin);
  const npmCli = which('npm');
  symlinkSync(process.execPath, join(bin, 'node'));
  symlinkSync(npmCli, join(bin, 'npm'));
  symlinkSync(join(dirname(npmCli), 'npx-cli.js'), join(bin, 'npx'));
  symlinkSync(which('git'), join(bin, 'git'));
  symlinkSync('/bin/sh', join(bin, 'sh'));
  for (const dir of ['home', 'tmp']) mkdirSync(join(work, dir));

  // The clone and `../shared` beside it, as a new user lays them out.
  const clone = join(work, 'openstack-image');
  const cloned = spawnSync(which('git'), ['clone', '--quiet', '--no-hardlinks', repoRoot, clone], { stdio: 'inherit' });
  if (cloned.status !== 0) throw new Error('git clone failed');
  symlinkSync(sharedFolder(), join(work, 'shared'));

  const env = {
    PATH: bin,
    HOME: join(work, 'home'),
    TMPDIR: join(work, 'tmp'),
    LANG: 'C.UTF-8',
    CI: 'true',
    TURBO_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
    npm_config_cache: process.env.npm_config_cache || join(process.env.HOME ?? '/root', '.npm'),
    npm_config_update_notifier: 'false',
  };
  const probe = spawnSync('/bin/sh', ['-c', `for p in ${ABSENT.join(' ')}; do command -v "$p"; done; exit 0`], {
    env,
    encoding: 'utf8',
  });
  if (probe.stdout.trim() !== '') throw new Error(`not a bare PATH, these are reachable: ${probe.stdout.trim()}`);

  const log = join(work, 'npm-test.log');
  console.log(`bare machine: npm ci && npm test in ${clone} (PATH=${bin}), log in ${log}`);
  // Its own process group, so that a run past the time limit is stopped whole (turbo, vitest, Chromium).
  const child = spawn('/bin/sh', ['-c', `npm ci --no-audit --no-fund && npm test > ${log} 2>&1`], {
    cwd: clone,
    env,
    stdio: 'inherit',
    detached: true,
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    process.kill(-child.pid, 'SIGKILL');
  }, TIMEOUT_MS);
  const run = await new Promise((resolveRun) =>
    child.on('exit', (code, signal) => resolveRun({ status: code, signal: timedOut ? 'timed out' : signal })),
  );
  clearTimeout(timer);
  const output = existsSync(log) ? readFileSync(log, 'utf8') : '';
  const summary = output
    .split('\n')
    .filter((line) => /^\s*(Tasks|Cached|Time):/.test(line))
    .join('\n');
  status = run.status ?? 1;
  if (status !== 0) console.error(output.split('\n').slice(-120).join('\n'));
  console.log(summary);
  console.log(
    `bare machine: ${status === 0 ? 'passed' : `FAILED (${run.signal ?? `exit ${run.status}`})`} in ` +
      `${Math.round((Date.now() - started) / 1000)} s`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(status);
