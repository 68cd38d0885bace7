import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createImagesApi, type ImagesApiOptions } from './images-api.ts';
import { MemoryImageStore } from './memory-store.ts';
import { type NodeListenerOptions, toNodeListener } from './node-listener.ts';
import { guardNodeServer, type NodeServerGuards } from './node-server.ts';
import { SEED_ID, seedImage } from './test-fixtures.ts';

const T = '/v2/openstack/images';
const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A guarded node:http server on 127.0.0.1, port 0, serving the seed image. */
async function serve(
  options: { guards?: NodeServerGuards; listener?: NodeListenerOptions; api?: Partial<ImagesApiOptions> } = {},
): Promise<{ port: number; store: MemoryImageStore; server: Server }> {
  const store = new MemoryImageStore({ defaultTenant: 'openstack' });
  store.put('openstack', seedImage());
  const api = createImagesApi({ store, ...options.api });
  const server = guardNodeServer(createServer(toNodeListener(api, options.listener)), options.guards);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { port: (server.address() as AddressInfo).port, store, server };
}

/** Sends raw bytes on a fresh connection and collects everything until the server closes it. */
function raw(port: number, bytes: string | Uint8Array, wait = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    }, wait);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error) => {
      clearTimeout(timer);
      if (chunks.length > 0) resolve(Buffer.concat(chunks).toString('latin1'));
      else reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
    socket.write(bytes);
  });
}

/** The status line's code and the JSON body of each answer in a raw stream. */
function answers(stream: string): { status: number; body: string }[] {
  const out: { status: number; body: string }[] = [];
  let rest = stream;
  while (rest.startsWith('HTTP/1.1 ')) {
    const headEnd = rest.indexOf('\r\n\r\n');
    const head = rest.slice(0, headEnd);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? '0');
    out.push({ status: Number(head.slice(9, 12)), body: rest.slice(headEnd + 4, headEnd + 4 + length) });
    rest = rest.slice(headEnd + 4 + length);
  }
  return out;
}

function faultName(body: string): string {
  return Object.keys(JSON.parse(body) as object)[0]!;
}

describe('pipelined requests are handled in order, one after the other', () => {
  const put = (key: string) => {
    const body = JSON.stringify({ meta: { [key]: 'v' } });
    return (
      `PUT ${T}/${SEED_ID}/metadata/${key} HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${body.length}\r\n\r\n${body}`
    );
  };
  it('PUT then DELETE of one key: 200 then 204, and the key is gone (10 of 10)', async () => {
    const { port, store } = await serve();
    for (let i = 0; i < 10; i++) {
      const stream = await raw(
        port,
        `${put(`k${i}`)}DELETE ${T}/${SEED_ID}/metadata/k${i} HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n`,
      );
      expect(answers(stream).map((a) => a.status)).toEqual([200, 204]);
      expect(Object.hasOwn(store.all('openstack')[0]!.metadata, `k${i}`)).toBe(false);
    }
  });

  it('PUT then GET of one key: the GET sees the PUT (10 of 10)', async () => {
    const { port } = await serve();
    for (let i = 0; i < 10; i++) {
      const stream = await raw(
        port,
        `${put(`g${i}`)}GET ${T}/${SEED_ID}/metadata/g${i} HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n`,
      );
      const [first, second] = answers(stream);
      expect([first?.status, second?.status]).toEqual([200, 200]);
      expect(JSON.parse(second!.body)).toEqual({ meta: { [`g${i}`]: 'v' } });
    }
  });
});

describe('errors node:http answers itself carry a JSON fault body', () => {
  const cases: [string, string, number][] = [
    ['large headers', `GET / HTTP/1.1\r\nHost: h\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ['a malformed header line', 'GET / HTTP/1.1\r\nHost: h\r\nno colon here\r\n\r\n', 400],
    ['a lowercase method', 'get / HTTP/1.1\r\nHost: h\r\n\r\n', 400],
    ['an unknown method', 'FROB / HTTP/1.1\r\nHost: h\r\n\r\n', 400],
    ['a missing Host', `GET ${T} HTTP/1.1\r\n\r\n`, 400],
    ['a raw NUL in the path', `GET /v2/\u0000 HTTP/1.1\r\nHost: h\r\n\r\n`, 400],
    [
      'Content-Length with Transfer-Encoding',
      'POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      400,
    ],
    [
      'two different Content-Lengths',
      'POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd',
      400,
    ],
    ['Expect: foo', `GET ${T} HTTP/1.1\r\nHost: h\r\nExpect: foo\r\n\r\n`, 417],
    ['CONNECT', 'CONNECT h:443 HTTP/1.1\r\nHost: h:443\r\n\r\n', 405],
  ];
  it.each(cases)('%s: the status of its kind, with a fault body', async (_name, bytes, status) => {
    const { port } = await serve();
    const [answer] = answers(await raw(port, bytes));
    expect(answer?.status).toBe(status);
    const parsed = JSON.parse(answer!.body) as Record<string, { code: number; message: string }>;
    const name = Object.keys(parsed)[0]!;
    expect(parsed[name]!.code).toBe(status);
    expect(parsed[name]!.message.length).toBeGreaterThan(0);
  });

  it('a head not finished within headersTimeout: 408 with a fault body, connection closed', async () => {
    const { port } = await serve({ guards: { headersTimeout: 300, requestTimeout: 600 } });
    const started = Date.now();
    const [answer] = answers(await raw(port, 'GET / HTTP/1.1\r\nHost: h\r\n', 5000));
    expect(answer?.status).toBe(408);
    expect(faultName(answer!.body)).toBe('badRequest');
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('slow clients do not hold connections', () => {
  it('a body trickled slower than requestTimeout allows is cut with a 408 fault', async () => {
    const { port } = await serve({ guards: { headersTimeout: 300, requestTimeout: 600 } });
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.write(
      `PUT ${T}/${SEED_ID}/metadata HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{`,
    );
    const trickle = setInterval(() => socket.writable && socket.write(' '), 100);
    await once(socket, 'close');
    clearInterval(trickle);
    const [answer] = answers(Buffer.concat(chunks).toString('latin1'));
    expect(answer?.status).toBe(408);
    expect(faultName(answer!.body)).toBe('badRequest');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('connections past maxConnections are closed at once; the ones within are served', async () => {
    const { port, server } = await serve({ guards: { maxConnections: 2 } });
    // The server's side of each connection it accepted: the cap counts these, not the client's.
    const accepted: Socket[] = [];
    const counted = (n: number) =>
      new Promise<void>((resolve) => {
        const check = () => (accepted.length >= n ? resolve() : server.once('connection', check));
        check();
      });
    server.on('connection', (socket) => accepted.push(socket));
    const held = [connect(port, '127.0.0.1'), connect(port, '127.0.0.1')];
    await counted(2);
    // Past the cap: closed unanswered (an RST when the request bytes were already there).
    const extra = await raw(port, `GET ${T} HTTP/1.1\r\nHost: h\r\n\r\n`, 2000).catch(
      (error: NodeJS.ErrnoException) => error.code,
    );
    expect(['', 'ECONNRESET']).toContain(extra);
    expect(accepted).toHaveLength(2);
    const gone = accepted.map((socket) => (socket.destroyed ? Promise.resolve() : once(socket, 'close')));
    for (const socket of held) socket.destroy();
    await Promise.all(gone);
    const served = answers(await raw(port, `GET ${T} HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n`));
    expect(served[0]?.status).toBe(200);
  });

  it('refuses timeouts and caps that are not positive integers', () => {
    for (const guards of [{ headersTimeout: 0 }, { requestTimeout: Number.NaN }, { maxConnections: -1 }]) {
      expect(() => guardNodeServer(createServer(), guards)).toThrow(TypeError);
    }
  });
});

describe('an early 413 reaches a client that is still sending (lingering close)', () => {
  it('20 of 20 uploads past the limit read the 413 fault, none an EPIPE or reset', async () => {
    const { port } = await serve({ api: { maxBodyBytes: 1000 } });
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    for (let i = 0; i < 20; i++) {
      const status = await new Promise<number | string>((resolve) => {
        const req = request({
          host: '127.0.0.1',
          port,
          method: 'PUT',
          path: `${T}/${SEED_ID}/metadata`,
          headers: { 'content-type': 'application/json', 'content-length': String(chunk.byteLength * 256) },
        });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
        let sent = 0;
        const pump = (): void => {
          while (sent < 256) {
            sent++;
            if (!req.write(chunk)) {
              req.once('drain', pump);
              return;
            }
          }
          req.end();
        };
        pump();
      });
      expect(status).toBe(413);
    }
  });
});

describe('after an early 413 the server stops writing and drains, it does not reset', () => {
  it('a raw client that sends the rest of its body after the answer sees the 413 and an orderly close', async () => {
    const { port } = await serve({ api: { maxBodyBytes: 1000 } });
    // Half-open, as a client still uploading is: the server's FIN does not stop it sending.
    const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    const chunks: Buffer[] = [];
    let failure: string | undefined;
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      failure = error.code;
    });
    socket.write(
      `PUT ${T}/${SEED_ID}/metadata HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: ${8 * 1024 * 1024}\r\n\r\n`,
    );
    socket.write(new Uint8Array(64 * 1024).fill(0x20));
    while (chunks.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    // The answer is out and the server has closed its side: keep sending what the body announced.
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (let i = 0; i < 64 && failure === undefined; i++) {
      if (!socket.write(new Uint8Array(64 * 1024).fill(0x20))) {
        await Promise.race([once(socket, 'drain'), once(socket, 'close')]);
      }
    }
    socket.end();
    await once(socket, 'close');
    expect(failure).toBeUndefined();
    expect(answers(Buffer.concat(chunks).toString('latin1'))[0]?.status).toBe(413);
  });
});

describe('an absolute-form request target is accepted (RFC 9112 3.2.2)', () => {
  it('GET http://host:port/v2/... answers the image, links on that authority', async () => {
    const { port } = await serve();
    const [answer] = answers(
      await raw(
        port,
        `GET http://127.0.0.1:${port}${T}/${SEED_ID} HTTP/1.1\r\nHost: other\r\nConnection: close\r\n\r\n`,
      ),
    );
    expect(answer?.status).toBe(200);
    const image = (JSON.parse(answer!.body) as { image: { id: string; links: { href: string }[] } }).image;
    expect(image.id).toBe(SEED_ID);
    expect(image.links[0]!.href).toBe(`http://127.0.0.1:${port}${T}/${SEED_ID}`);
  });
});
