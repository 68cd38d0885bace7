import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { start } from '@openstack-image/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import { xmlInfoset } from './xml-infoset.ts';

const execFileAsync = promisify(execFile);
const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'conformance-cli-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function cli(argv: string[], isTTY = false) {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    isTTY,
    env: {},
    cwd: packageDir,
  });
  return { code, out, err };
}

const BOTH = ['--codec', '@openstack-image/codec-json', '--codec', '@openstack-image/codec-xml'];

describe('openstack-image-conformance --codec', () => {
  it('the project codecs pass: exit 0, a summary table, no colour off a terminal', async () => {
    const { code, out } = await cli([...BOTH, '--filter', 'faults']);
    expect(code).toBe(0);
    expect(out).toMatch(/^\s+passed\s+failed\s+expected-failure\s+stale\s+advisory\s+skipped$/m);
    expect(out).toMatch(/^fault application\/xml\s+\d+/m);
    expect(out).toMatch(/PASS: \d+ passed in [\d.]+ s/);
    expect(out).not.toContain('\x1b[');
  });

  it('colours on a terminal', async () => {
    expect((await cli([...BOTH, '--filter', 'doctype'], true)).out).toContain('\x1b[32mPASS');
  });

  it('a broken codec fails (exit 1) and names the vectors; a failure list of them passes; a stale list fails', async () => {
    const broken = ['--codec', '@openstack-image/codec-json', '--codec', './src/test-broken-codec.ts'];
    const failing = await cli([...broken, '--filter', 'image', '--reporter', 'json']);
    expect(failing.code).toBe(1);
    const report = JSON.parse(failing.out) as { passed: boolean; results: { id: string; status: string }[] };
    const ids = report.results.filter((r) => r.status === 'failed').map((r) => r.id);
    expect(ids).toContain('decode/xml/seed/get-image-details');
    expect(ids.every((id) => /^(decode\/xml|cross-format)\//.test(id))).toBe(true);

    const list = join(work, 'failing.txt');
    writeFileSync(list, `# minDisk is lost\n${ids.join('\n')}\n`);
    expect((await cli([...broken, '--filter', 'image', '--failure-list', list])).code).toBe(0);
    const stale = await cli([...BOTH, '--filter', 'image', '--failure-list', list]);
    expect(stale.code).toBe(1);
    expect(stale.out).toContain('STALE decode/xml/seed/get-image-details: listed as failing, but it passes');
  });

  it('--strict counts recommended vectors', async () => {
    const lax = join(work, 'lax-codec.mjs');
    writeFileSync(
      lax,
      `import { jsonCodec } from ${JSON.stringify(import.meta.resolve('@openstack-image/codec-json'))};\n` +
        `export default { ...jsonCodec, decodeFault(body) { if (new TextDecoder().decode(typeof body === 'string' ? new TextEncoder().encode(body) : body).includes('teapot')) throw new Error('no'); return jsonCodec.decodeFault(body); } };\n`,
    );
    const plain = await cli(['--codec', lax, '--filter', 'faults']);
    expect(plain.code).toBe(0);
    expect(plain.out).toContain('WARN  decode/json/fault/unknown-fault-name-418');
    expect((await cli(['--codec', lax, '--filter', 'faults', '--strict'])).code).toBe(1);
  });

  it('junit: well-formed XML with one testcase per vector and the failures in it', async () => {
    const output = join(work, 'junit.xml');
    const run = await cli([
      '--codec',
      '@openstack-image/codec-json',
      '--codec',
      './src/test-broken-codec.ts',
      '--reporter',
      'junit',
      '--output',
      output,
    ]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('FAIL: report written to');
    const junit = readFileSync(output, 'utf8');
    const root = xmlInfoset(junit);
    expect(root.name).toBe('{}testsuites');
    expect(root.attributes.find((a) => a.startsWith('{}failures='))).toMatch(/=[1-9]\d*$/);
    expect(junit).toMatch(
      /<testcase classname="image\.application\/xml" name="decode\/xml\/seed\/get-image-details" time="[\d.]+">\n\s+<failure /,
    );
    expect((junit.match(/<testcase /g) ?? []).length).toBeGreaterThan(700);
  });

  it.each([
    [[], 'give --codec MODULE or --url URL'],
    [['--codec'], '--codec needs a value'],
    [['--codec', './nope.js'], 'cannot import it'],
    [['--codec', 'node:path'], 'exports no Codec'],
    [['--reporter', 'tap', ...BOTH], 'expected text, json or junit'],
    [['--frobnicate'], 'unknown argument'],
    [[...BOTH, '--token', 't'], 'go with --url'],
    [[...BOTH, '--failure-list', '/nonexistent/list.txt'], 'ENOENT'],
  ])('%j is a usage error (exit 2): %s', async (argv, message) => {
    const run = await cli(argv as string[]);
    expect(run.code).toBe(2);
    expect(run.err).toContain(message);
  });
});

describe('openstack-image-conformance --url, against the mock server on 127.0.0.1', () => {
  let mock: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    mock = await start({ host: '127.0.0.1', port: 0, log: () => {} });
  });
  afterAll(() => mock?.close());

  it('runs the HTTP checks: the mock server passes them with an empty failure list', async () => {
    const run = await cli(['--url', `${mock.url}/v2/openstack`, '--filter', 'negotiation']);
    expect(run.code, run.out).toBe(0);
    expect(run.out).toMatch(/^http application\/xml\s+\d+/m);
  });

  it('the built bin runs as a user runs it: exit 0 when the run passes, 1 when it does not', async () => {
    const bin = async (...args: string[]) => {
      try {
        const { stdout } = await execFileAsync(process.execPath, [join(packageDir, 'dist', 'bin.js'), ...args], {
          encoding: 'utf8',
          timeout: 150_000,
        });
        return { status: 0, stdout };
      } catch (error) {
        return error as { code: number; stdout: string };
      }
    };
    const url = `${mock.url}/v2/openstack`;
    const passing = await bin('--url', url, '--filter', 'routes');
    expect(passing, passing.stdout).toMatchObject({ status: 0 });
    expect(passing.stdout).toContain('PASS');
    // An image the server does not have: every check fails.
    const failing = await bin('--url', url, '--image', 'no-such-image', '--filter', 'routes', '--reporter', 'json');
    expect(failing).toMatchObject({ code: 1 });
    expect(JSON.parse(failing.stdout).passed).toBe(false);
  }, 180_000);
});
