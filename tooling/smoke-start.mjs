// The README's second quick-start line, checked as a user would: `npm start`, then the seed's URL
// in XML and JSON, then Ctrl-C. Run by .ci/run after the tests; bounded at 120 s.
import { spawn } from 'node:child_process';

const port = '18774';
const url = `http://127.0.0.1:${port}/v2/openstack/images/70a599e0-31e7-49b7-b260-868f441e862b`;
const server = spawn('npm', ['start'], {
  env: { ...process.env, PORT: port },
  stdio: ['ignore', 'pipe', 'inherit'],
  detached: true,
});
let printed = '';
server.stdout.on('data', (chunk) => {
  printed += chunk;
});
const deadline = Date.now() + 120_000;
const fail = (message) => {
  console.error(`npm start smoke: ${message}\n--- npm start printed:\n${printed}`);
  try {
    process.kill(-server.pid, 'SIGKILL');
  } catch {}
  process.exit(1);
};

async function get(accept) {
  for (;;) {
    if (Date.now() > deadline) fail(`no answer from ${url} within 120 s`);
    try {
      const response = await fetch(url, { headers: { accept } });
      return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

const xml = await get('application/xml');
if (xml.status !== 200 || !xml.type.startsWith('application/xml') || !xml.body.includes('name="fakeimage7"')) {
  fail(`unexpected XML answer: ${xml.status} ${xml.type}\n${xml.body}`);
}
const json = await get('application/json');
if (
  json.status !== 200 ||
  !json.type.startsWith('application/json') ||
  JSON.parse(json.body).image?.name !== 'fakeimage7'
) {
  fail(`unexpected JSON answer: ${json.status} ${json.type}\n${json.body}`);
}
process.kill(-server.pid, 'SIGINT');
const code = await new Promise((resolve) => server.on('exit', (exitCode, signal) => resolve(exitCode ?? signal)));
if (!printed.includes(`http://127.0.0.1:${port}`)) fail('npm start did not print its URL');
console.log(`npm start smoke: the seed's URL answered in XML and JSON; the server stopped on SIGINT (${code})`);
