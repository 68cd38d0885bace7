// A verdaccio registry on 127.0.0.1 and a free port, storage in the folder given as argv[2]:
// prints {"url": ...} once listening, stops on SIGTERM. Packages outside @openstack-image come
// from the npm registry through verdaccio's uplink, as they would for a user.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runServer } from 'verdaccio';

const dir = process.argv[2];
const config = join(dir, 'config.yaml');
writeFileSync(
  config,
  `storage: ./storage
auth:
  htpasswd:
    file: ./htpasswd
    max_users: 10
uplinks:
  npmjs:
    url: ${process.env.RELEASE_CHECK_UPLINK ?? 'https://registry.npmjs.org/'}
    cache: true
packages:
  '@openstack-image/*':
    access: $all
    publish: $authenticated
    unpublish: $authenticated
  '**':
    access: $all
    proxy: npmjs
web:
  enable: false
log: { type: stdout, format: pretty, level: warn }
`,
);
const server = await runServer(config);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}/` })}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
