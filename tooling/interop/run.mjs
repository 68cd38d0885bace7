// npm run test:interop: the real openstacksdk (Debian's python3-openstacksdk) against the mock
// server, configured three ways (a keystoneauth noauth Session on the tenant endpoint; admin_token
// with compute_endpoint_override, which runs version discovery; a password login at a stand-in
// Keystone whose catalog points at the mock server), with and without --token. The JSON and XML
// bodies drive.py fetched through the SDK's Session are decoded here with the project's codecs.
// Installs python3-openstacksdk with apt when it is missing (as root); stops every server and the
// driver on failure, on a timeout and on Ctrl-C too.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { jsonCodec } from '@openstack-image/codec-json';
import { xmlCodec } from '@openstack-image/codec-xml';
import { start } from '@openstack-image/mock-server';
import { startKeystone } from './keystone.mjs';

const PYTHON = '/usr/bin/python3';
const TIMEOUT_MS = 300_000;
const here = dirname(fileURLToPath(import.meta.url));
const TOKEN = 'interop-token-openstack';
const TOKEN_ACME = 'interop-token-acme';

function ensureOpenstacksdk() {
  const probe = () => spawnSync(PYTHON, ['-c', 'import openstack, keystoneauth1'], { stdio: 'ignore' }).status === 0;
  if (probe()) return;
  if (process.getuid?.() !== 0) {
    throw new Error('python3-openstacksdk is missing: run as root (it is installed with apt), or apt-get install it');
  }
  console.log('interop: installing python3-openstacksdk with apt');
  const apt = (args) => {
    const run = spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (run.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (${run.status})`);
  };
  apt(['update', '-qq']);
  apt(['-o', 'DPkg::Lock::Timeout=900', 'install', '-y', '-qq', '--no-install-recommends', 'python3-openstacksdk']);
  if (!probe()) throw new Error('python3-openstacksdk was installed but cannot be imported');
}

const DECODERS = {
  image: 'decodeImage',
  list: 'decodeImageList',
  index: 'decodeImageIndex',
  metadata: 'decodeMetadata',
  meta: 'decodeMetaItem',
  fault: 'decodeFault',
  version: 'decodeVersion',
  versions: 'decodeVersionList',
};

/** The body pairs the SDK's Session fetched: each XML body decodes (xmlCodec) to what its JSON twin decodes to (jsonCodec). */
function checkBodies(bodies) {
  return bodies.map((pair) => {
    const call = `Session.get ${pair.kind} (${pair.url.replace(/^http:\/\/[^/]+/, '')}), XML = JSON`;
    try {
      const decode = DECODERS[pair.kind];
      if (pair.jsonStatus !== pair.xmlStatus)
        throw new Error(`status ${pair.jsonStatus} in JSON, ${pair.xmlStatus} in XML`);
      const fromJson = jsonCodec[decode](pair.json);
      const fromXml = xmlCodec[decode](pair.xml);
      const same =
        pair.kind === 'fault'
          ? [fromJson.name, fromJson.code, fromJson.message].join() ===
            [fromXml.name, fromXml.code, fromXml.message].join()
          : isDeepStrictEqual(fromJson, fromXml);
      if (!same) throw new Error(`XML decodes to ${JSON.stringify(fromXml)}, JSON to ${JSON.stringify(fromJson)}`);
      return { config: pair.config, call, ok: true, detail: `${pair.jsonStatus}` };
    } catch (error) {
      return { config: pair.config, call, ok: false, detail: String(error?.message ?? error) };
    }
  });
}

const cleanups = [];
let driver;
async function stopAll() {
  if (driver !== undefined && driver.exitCode === null) driver.kill('SIGKILL');
  while (cleanups.length > 0)
    await cleanups
      .pop()()
      .catch(() => {});
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopAll().finally(() => process.exit(130));
  });
}

async function main() {
  ensureOpenstacksdk();
  let secureUrl = '';
  const keystone = await startKeystone({
    computeUrl: () => secureUrl,
    users: {
      demo: { password: 'demo-secret', project: 'openstack', token: TOKEN },
      alt: { password: 'alt-secret', project: 'acme', token: TOKEN_ACME },
    },
  });
  cleanups.push(() => keystone.close());
  const log = (message) => console.error(`mock server: ${message}`);
  const open = await start({ log });
  cleanups.push(() => open.close());
  const secure = await start({
    log,
    tokens: { [TOKEN]: 'openstack', [TOKEN_ACME]: 'acme' },
    identityUrl: keystone.url,
  });
  cleanups.push(() => secure.close());
  secureUrl = secure.url;

  driver = spawn(PYTHON, [join(here, 'drive.py')], {
    env: {
      ...process.env,
      INTEROP_OPEN: open.url,
      INTEROP_SECURE: secure.url,
      INTEROP_KEYSTONE: keystone.url,
      INTEROP_TOKEN: TOKEN,
      INTEROP_TOKEN_ACME: TOKEN_ACME,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  driver.stdout.on('data', (chunk) => {
    out += chunk;
  });
  const timer = setTimeout(() => driver.kill('SIGKILL'), TIMEOUT_MS);
  const [code, signal] = await new Promise((resolve) => driver.on('exit', (c, s) => resolve([c, s])));
  clearTimeout(timer);
  if (code !== 0)
    throw new Error(`drive.py exited with ${code ?? signal}${signal === 'SIGKILL' ? ' (timed out)' : ''}`);
  const report = JSON.parse(out);
  const results = [...report.results, ...checkBodies(report.bodies)];

  const byConfig = new Map();
  for (const result of results) {
    if (!byConfig.has(result.config)) byConfig.set(result.config, []);
    byConfig.get(result.config).push(result);
  }
  console.log(`interop: openstacksdk ${report.sdk} against the mock server`);
  for (const [config, list] of byConfig) {
    const passed = list.filter((result) => result.ok).length;
    console.log(`\n${config}: ${passed}/${list.length} passed`);
    for (const result of list) {
      const detail = typeof result.detail === 'string' ? result.detail : JSON.stringify(result.detail);
      console.log(`  ${result.ok ? 'PASS' : 'FAIL'}  ${result.call}${detail ? `  (${detail})` : ''}`);
    }
  }
  const failed = results.filter((result) => !result.ok).length;
  console.log(`\ninterop: ${results.length - failed}/${results.length} calls passed`);
  return failed === 0;
}

let ok = false;
try {
  ok = await main();
} catch (error) {
  console.error(`interop: ${error?.stack ?? error}`);
} finally {
  await stopAll();
}
process.exit(ok ? 0 : 1);
