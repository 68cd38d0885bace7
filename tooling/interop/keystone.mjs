// A stand-in Keystone v3 for the interop suite: just enough of the identity API for keystoneauth's
// password login (version discovery, POST /v3/auth/tokens), with a catalog whose compute endpoint
// is the mock server. Each user logs in to one project and gets the token the mock server accepts
// for that tenant.
import { once } from 'node:events';
import { createServer } from 'node:http';

/**
 * @param {{ computeUrl: () => string, users: Record<string, { password: string, project: string, token: string }> }} options
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function startKeystone({ computeUrl, users }) {
  let base = '';
  const version = () => ({
    id: 'v3.14',
    status: 'stable',
    updated: '2020-04-07T00:00:00Z',
    links: [{ rel: 'self', href: `${base}/v3/` }],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }],
  });
  const send = (res, status, body, headers = {}) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  };
  const unauthorized = (res) =>
    send(
      res,
      401,
      { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } },
      { 'www-authenticate': `Keystone uri="${base}"` },
    );

  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method === 'GET' && path === '/') return send(res, 300, { versions: { values: [version()] } });
      if (req.method === 'GET' && (path === '/v3' || path === '/v3/')) return send(res, 200, { version: version() });
      if (req.method !== 'POST' || path !== '/v3/auth/tokens') {
        return send(res, 404, {
          error: { code: 404, title: 'Not Found', message: 'The resource could not be found.' },
        });
      }
      let auth;
      try {
        auth = JSON.parse(Buffer.concat(chunks).toString('utf8')).auth;
      } catch {
        return send(res, 400, { error: { code: 400, title: 'Bad Request', message: 'The body is not JSON.' } });
      }
      const given = auth?.identity?.password?.user;
      const user = given === undefined ? undefined : users[given.name];
      if (user === undefined || user.password !== given.password) return unauthorized(res);
      const scope = auth?.scope?.project;
      if (scope !== undefined && scope.name !== user.project && scope.id !== user.project) return unauthorized(res);
      const now = new Date();
      const token = {
        methods: ['password'],
        user: { id: given.name, name: given.name, domain: { id: 'default', name: 'Default' } },
        project: { id: user.project, name: user.project, domain: { id: 'default', name: 'Default' } },
        roles: [{ id: 'member', name: 'member' }],
        issued_at: now.toISOString(),
        expires_at: new Date(now.getTime() + 3_600_000).toISOString(),
        catalog: [
          {
            type: 'compute',
            name: 'nova',
            id: 'compute',
            endpoints: [
              {
                id: 'compute-public',
                interface: 'public',
                region: 'RegionOne',
                region_id: 'RegionOne',
                url: `${computeUrl()}/v2/${user.project}`,
              },
            ],
          },
          {
            type: 'identity',
            name: 'keystone',
            id: 'identity',
            endpoints: [
              {
                id: 'identity-public',
                interface: 'public',
                region: 'RegionOne',
                region_id: 'RegionOne',
                url: `${base}/v3`,
              },
            ],
          },
        ],
      };
      send(res, 201, { token }, { 'x-subject-token': user.token });
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${server.address().port}`;
  return {
    url: base,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
