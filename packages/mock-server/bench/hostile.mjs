// The server against slow and hostile clients (issue 12, items 3 and 4), measured on the built bin
// in its own process with its default limits: its RSS (Linux /proc) and how long it stalls.
//  1. 200 uploads stalled one byte short of the body limit: the server's peak RSS growth, and the
//     time until it has answered (408) or closed every one of them.
//  2. 8 concurrent hostile XML PUTs: one huge text in a <meta> of 1 MiB (past the limit: 413) and of
//     the largest body the limit lets in; whitespace between elements and a tab-filled attribute at
//     the limit: peak RSS growth, time until all are answered, and the slowest answer to a small GET
//     sent every 20 ms meanwhile (the stall other clients see).
// Bounded: every phase has a deadline; BENCH_STALLED changes the 200.
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startListeningBin } from '../../../tooling/test-support/bench/processes.mjs';

const STALLED = Number(process.env.BENCH_STALLED ?? 200);
const HOSTILE = 8;
const SEED = '/v2/openstack/images/70a599e0-31e7-49b7-b260-868f441e862b';
// The server's defaults (@openstack-image/http): largestRequestBytes(128), requestTimeout 30 s.
const LIMIT = 4096 + 128 * (2 * 12 * 255 + 256);
const REQUEST_TIMEOUT_MS = 30_000;
const MiB = 1024 * 1024;

if (process.platform !== 'linux') {
  console.log('@openstack-image/mock-server hostile clients: skipped (RSS is read from Linux /proc)');
  process.exit(0);
}

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const { server, root } = await startListeningBin(bin, ['--port', '0']);
const port = Number(new URL(root).port);

/** The server's RSS now and its peak since the last reset, in MiB. */
function memory() {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  const kib = (name) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)[1]);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}
/** Resets the peak (VmHWM) to the current RSS (Linux >= 4.0). */
function resetPeak() {
  writeFileSync(`/proc/${server.pid}/clear_refs`, '5');
}

async function settle() {
  await new Promise((resolve) => setTimeout(resolve, 500));
}

const rows = [];
try {
  // Warm the server up: code paths compiled, the heap at its working size.
  for (let i = 0; i < 50; i++) await (await fetch(root + SEED, { headers: { accept: 'application/xml' } })).text();
  await settle();

  // 1. Stalled uploads.
  {
    const before = memory().rss;
    resetPeak();
    const body = Buffer.alloc(LIMIT - 1, 0x20);
    const head = `PUT ${SEED}/metadata HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\nContent-Length: ${LIMIT}\r\n\r\n`;
    const answered = [];
    const sockets = [];
    for (let i = 0; i < STALLED; i++) {
      const socket = connect(port, '127.0.0.1');
      sockets.push(socket);
      answered.push(
        new Promise((resolve) => {
          let text = '';
          socket.on('data', (chunk) => {
            text += chunk.toString('latin1');
          });
          socket.on('error', () => {});
          socket.on('close', () => resolve(text.slice(9, 12) || 'closed'));
        }),
      );
      socket.write(head);
      socket.write(body);
    }
    const sent = performance.now();
    const deadline = new Promise((resolve) => setTimeout(resolve, REQUEST_TIMEOUT_MS + 15_000, 'deadline'));
    const outcome = await Promise.race([Promise.all(answered), deadline]);
    const held = (performance.now() - sent) / 1000;
    const after = memory();
    for (const socket of sockets) socket.destroy();
    const statuses = outcome === 'deadline' ? ['still open at the deadline'] : [...new Set(outcome)];
    const growth = after.peak - before;
    const bodies = (STALLED * LIMIT) / MiB;
    rows.push({
      load: `${STALLED} uploads stalled 1 byte short of ${(LIMIT / 1024).toFixed(0)} KiB`,
      'peak RSS growth MiB': Number(growth.toFixed(1)),
      'held s': Number(held.toFixed(1)),
      answers: statuses.join(' '),
      goal: `growth <= 1.5 x the bodies (${(1.5 * bodies).toFixed(0)} MiB), closed within requestTimeout + 2 s`,
      result:
        outcome !== 'deadline' && growth <= 1.5 * bodies && held <= REQUEST_TIMEOUT_MS / 1000 + 2 ? 'PASS' : 'MISS',
    });
    await settle();
  }

  // 2. Hostile XML PUTs, with a small GET probing the server meanwhile.
  const NS = 'xmlns="http://docs.openstack.org/compute/api/v1.1"';
  const filled = (open, fill, close, size) => `${open}${fill.repeat(size - open.length - close.length)}${close}`;
  const families = [
    ['one text', MiB, filled(`<metadata ${NS}><meta key="k">`, 'x', '</meta></metadata>', MiB)],
    ['one text', LIMIT, filled(`<metadata ${NS}><meta key="k">`, 'x', '</meta></metadata>', LIMIT)],
    ['whitespace between elements', LIMIT, filled(`<metadata ${NS}>`, ' ', '<meta key="k">v</meta></metadata>', LIMIT)],
    ['a tab-filled attribute', LIMIT, filled(`<metadata ${NS}><meta key="`, '\t', '">v</meta></metadata>', LIMIT)],
  ];
  for (const [family, size, text] of families) {
    const before = memory().rss;
    resetPeak();
    let probing = true;
    let slowest = 0;
    const probe = (async () => {
      while (probing) {
        const began = performance.now();
        await (await fetch(root + SEED, { headers: { accept: 'application/json' } })).text();
        slowest = Math.max(slowest, performance.now() - began);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const began = performance.now();
    const statuses = await Promise.all(
      Array.from({ length: HOSTILE }, () =>
        fetch(`${root}${SEED}/metadata`, {
          method: 'PUT',
          headers: { 'content-type': 'application/xml', accept: 'application/xml' },
          body: text,
          signal: AbortSignal.timeout(60_000),
        }).then(
          async (response) => {
            await response.text();
            return response.status;
          },
          (error) => `error ${error.name}`,
        ),
      ),
    );
    const elapsed = performance.now() - began;
    probing = false;
    await probe;
    const growth = memory().peak - before;
    const bodies = (HOSTILE * size) / MiB;
    rows.push({
      load: `${HOSTILE} concurrent XML PUTs of ${(size / 1024).toFixed(0)} KiB, ${family}`,
      'peak RSS growth MiB': Number(growth.toFixed(1)),
      'held s': Number((elapsed / 1000).toFixed(2)),
      answers: [...new Set(statuses)].join(' '),
      goal: `growth <= 10 x the bodies (${(10 * bodies).toFixed(0)} MiB); a GET meanwhile within 1 s (slowest ${slowest.toFixed(0)} ms)`,
      result: growth <= 10 * bodies && slowest <= 1000 ? 'PASS' : 'MISS',
    });
    await settle();
  }
} finally {
  server.kill('SIGTERM');
  await once(server, 'exit');
}

console.log(`@openstack-image/mock-server against slow and hostile clients, on ${root}`);
console.table(rows);
