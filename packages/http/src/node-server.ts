import { jsonCodec } from '@openstack-image/codec-json';
import { Fault } from '@openstack-image/faults';
import { utf8Length } from '@openstack-image/schema';
import { encodeFaultBody } from './fault-response.ts';
import type { NodeResponse } from './node-listener.ts';

/** The parts of a node:http `Server` that `guardNodeServer` sets and listens to (an `http.Server` is one). */
export interface NodeServer {
  headersTimeout: number;
  requestTimeout: number;
  connectionsCheckingInterval?: number;
  requireHostHeader?: boolean;
  maxConnections?: number | null;
  // biome-ignore lint/suspicious/noExplicitAny: node:http's own listener signature
  on(event: string, listener: (...args: any[]) => void): unknown;
}

/** The parts of a connection `guardNodeServer` writes a raw answer to. */
interface RawSocket {
  readonly writable?: boolean;
  readonly _httpMessage?: { readonly headersSent?: boolean } | null;
  end(data?: string): unknown;
  destroy(): unknown;
}

export interface NodeServerGuards {
  /** Milliseconds a client has to send the request head. Defaults to 10 000. */
  readonly headersTimeout?: number;
  /** Milliseconds a client has to send the whole request, head and body. Defaults to 30 000. */
  readonly requestTimeout?: number;
  /** The most connections open at once; more are closed as they come. Defaults to 512. */
  readonly maxConnections?: number;
}

/** Node's reason phrases for the statuses the guard writes itself. */
const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  417: 'Expectation Failed',
  431: 'Request Header Fields Too Large',
};

/**
 * Hardens a node:http server for `toNodeListener`; call it before `listen`. Sets header and
 * request timeouts and a connection cap, so that a slow client cannot hold a connection (and up to
 * `maxBodyBytes` of memory) for minutes, and answers with a JSON fault body every error node:http
 * would otherwise answer itself with an empty one: a malformed request (400), header fields too
 * large (431), a timeout (408), an unknown `Expect` (417), `CONNECT` (405, which it would not
 * answer at all). A request without `Host` reaches the listener, which answers its own 400 fault.
 */
export function guardNodeServer<S extends NodeServer>(server: S, guards: NodeServerGuards = {}): S {
  const headersTimeout = guards.headersTimeout ?? 10_000;
  const requestTimeout = guards.requestTimeout ?? 30_000;
  const maxConnections = guards.maxConnections ?? 512;
  for (const [name, value] of [
    ['headersTimeout', headersTimeout],
    ['requestTimeout', requestTimeout],
    ['maxConnections', maxConnections],
  ] as const) {
    if (!(Number.isSafeInteger(value) && value > 0)) throw new TypeError(`${name} must be an integer > 0`);
  }
  server.requestTimeout = requestTimeout;
  // node:http wants the head's timeout no longer than the whole request's.
  server.headersTimeout = Math.min(headersTimeout, requestTimeout);
  // node:http looks for expired requests this often (30 s unless told); it reads this on `listen`.
  server.connectionsCheckingInterval = Math.max(50, Math.min(1000, Math.floor(server.headersTimeout / 4)));
  server.requireHostHeader = false;
  server.maxConnections = maxConnections;

  server.on('clientError', (error: Error & { code?: string }, socket: RawSocket) => {
    const status = statusOf(error.code);
    const message =
      status === 408
        ? 'The request was not received in time'
        : status === 431
          ? 'The request header fields are too large'
          : `The request is not valid HTTP/1.1 (${error.code ?? 'malformed'})`;
    writeRaw(socket, status, new Fault('badRequest', message, { code: status }));
  });
  server.on('connect', (_req: unknown, socket: RawSocket) => {
    writeRaw(
      socket,
      405,
      new Fault('badMethod', 'CONNECT is not served here'),
      'Allow: GET, HEAD, PUT, POST, DELETE\r\n',
    );
  });
  server.on('checkExpectation', (_req: unknown, res: NodeResponse) => {
    const body = encodeFaultBody(
      jsonCodec,
      new Fault('badRequest', 'Only Expect: 100-continue is understood', { code: 417 }),
    );
    res.statusCode = 417;
    res.setHeader('content-type', jsonCodec.mediaType);
    res.setHeader('connection', 'close');
    res.end(body);
  });
  return server;
}

function statusOf(code: string | undefined): number {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'HPE_HEADERS_TIMEOUT') return 408;
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  return 400;
}

/** Answers on the connection itself (node:http has no response object for it) and closes it. */
function writeRaw(socket: RawSocket, status: number, fault: Fault, extra = ''): void {
  if (socket.writable !== true || socket._httpMessage?.headersSent === true) {
    socket.destroy();
    return;
  }
  const body = encodeFaultBody(jsonCodec, fault);
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Bad Request'}\r\nContent-Type: ${jsonCodec.mediaType}\r\n` +
      `Content-Length: ${utf8Length(body)}\r\n${extra}Connection: close\r\n\r\n${body}`,
  );
}
