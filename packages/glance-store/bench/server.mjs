// The Glance-backed images API of the bench, in its own process so that autocannon does not share
// its CPU. Usage: node server.mjs GLANCE_URL -> prints the port, serves until killed.
import { createServer } from 'node:http';
import { createImagesApi, toNodeListener } from '@openstack-image/http';
import { GlanceImageStore } from '../dist/index.js';

const store = new GlanceImageStore({ url: process.argv[2], computeUrl: 'http://127.0.0.1' });
const server = createServer(toNodeListener(createImagesApi({ store, glanceBaseUrl: process.argv[2] })));
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.on('SIGTERM', () => process.exit(0));
