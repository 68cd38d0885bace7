// One server of bench/vs-fastify.mjs, in its own process so that autocannon does not share its CPU.
// Usage: node peer-server.mjs ours|fastify -> prints the port, serves until killed; answers 'cpu'
// over IPC with the CPU time used since the last ask.
//   ours:    the mock server itself (`start()`: createImagesApi + toNodeListener on node:http).
//   fastify: Fastify 5 serving the same store (MemoryImageStore, the seed's images) with the same
//            codecs, written as a user would: Accept read by hand, each image's links built from the
//            request's origin per request, the codec's encodeImageList for the body.
import { jsonCodec } from '@openstack-image/codec-json';
import { xmlCodec } from '@openstack-image/codec-xml';
import { MemoryImageStore } from '@openstack-image/http';
import { answerCpuRequests } from '../../../tooling/test-support/bench/processes.mjs';
import { SEED_TENANT, seedImages, start } from '../dist/index.js';

const kind = process.argv[2];

async function fastify() {
  const { default: Fastify } = await import('fastify');
  const store = new MemoryImageStore({ defaultTenant: SEED_TENANT });
  for (const image of seedImages()) store.put(SEED_TENANT, image);
  const app = Fastify({ logger: false });
  const links = (base, tenant, id) => {
    const tail = `/${encodeURIComponent(tenant)}/images/${encodeURIComponent(id)}`;
    return [
      { href: `${base}/v2${tail}`, rel: 'self' },
      { href: `${base}${tail}`, rel: 'bookmark' },
      { href: `${base}${tail}`, rel: 'alternate', type: 'application/vnd.openstack.image' },
    ];
  };
  app.get('/v2/:tenant/images/detail', async (request, reply) => {
    const { tenant } = request.params;
    const codec = /xml/.test(request.headers.accept ?? '') ? xmlCodec : jsonCodec;
    const page = await store.list(tenant, { limit: 1000 });
    const base = `http://${request.headers.host}`;
    const images = page.map((image) => ({ ...image, links: links(base, tenant, image.id) }));
    reply.header('content-type', codec.mediaType);
    return codec.encodeImageList({ images });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app.server.address().port;
}

async function ours() {
  const server = await start({ log: () => {} });
  return server.port;
}

const port = kind === 'fastify' ? await fastify() : kind === 'ours' ? await ours() : undefined;
if (port === undefined) {
  console.error('usage: node peer-server.mjs ours|fastify');
  process.exit(2);
}
answerCpuRequests();
process.on('disconnect', () => process.exit(0));
console.log(port);
