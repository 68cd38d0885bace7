// One server of the binding bench, in its own process so that autocannon does not share its CPU.
// Usage: node server.mjs bare|binding|full  -> prints the port, serves until killed.
import { createServer } from 'node:http';
import { answerCpuRequests } from '../../../tooling/test-support/bench/processes.mjs';
import { createImagesApi, MemoryImageStore, toNodeListener } from '../dist/index.js';

const TENANT = 'openstack';
const ID = '70a599e0-31e7-49b7-b260-868f441e862b';
const PATH = `/v2/${TENANT}/images/${ID}`;

/** The seed's image (shared/seed/get-image-details.txt), as the store holds it. */
const seedImage = {
  id: ID,
  name: 'fakeimage7',
  status: 'ACTIVE',
  progress: 100,
  minDisk: 0,
  minRam: 0,
  created: '2011-01-01T01:02:03Z',
  updated: '2011-01-01T01:02:03Z',
  metadata: { architecture: 'x86_64', auto_disk_config: 'True', kernel_id: 'nokernel', ramdisk_id: 'nokernel' },
  links: [],
};

const store = new MemoryImageStore({ defaultTenant: TENANT });
store.put(TENANT, seedImage);
const api = createImagesApi({ store });

// The exact answer the full API gives, encoded once: what the bare server and the binding-only API send.
const sample = await api.handle({ method: 'GET', url: PATH, headers: { host: '127.0.0.1' } });
const bytes = new TextEncoder().encode(sample.body);
const headers = { ...sample.headers, 'content-length': String(bytes.byteLength) };

const listeners = {
  bare: (_req, res) => {
    res.writeHead(200, headers);
    res.end(bytes);
  },
  // The other way node:http is written: headers set one by one, Content-Length left to end().
  bareSet: (_req, res) => {
    res.statusCode = 200;
    for (const name in sample.headers) res.setHeader(name, sample.headers[name]);
    res.end(bytes);
  },
  binding: toNodeListener({
    maxBodyBytes: api.maxBodyBytes,
    handle: async () => ({ status: 200, headers: { ...sample.headers }, body: bytes }),
  }),
  full: toNodeListener(api),
};

const kind = process.argv[2];
const listener = listeners[kind];
if (listener === undefined) {
  console.error(`usage: node server.mjs ${Object.keys(listeners).join('|')}`);
  process.exit(2);
}
const server = createServer(listener);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
});
// On request of the bench: the CPU time this process spent and the requests it answered since last asked.
answerCpuRequests(server);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
