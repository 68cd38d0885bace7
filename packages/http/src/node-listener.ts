import { jsonCodec } from '@openstack-image/codec-json';
import { Fault } from '@openstack-image/faults';
import { encodeFaultBody, FALLBACK_FAULT } from './fault-response.ts';
import type { ApiRequest, ApiResponse, ImagesApi } from './request-response.ts';

/** The parts of node:http's `Socket` the listener uses. */
export interface NodeSocket {
  readonly encrypted?: unknown;
  end?(): unknown;
  destroy?(): unknown;
  /** node:http calls it to close a connection after its last answer; the listener may take it over. */
  destroySoon?: () => void;
  on?(event: 'close', listener: () => void): unknown;
}

/**
 * The parts of node:http's `IncomingMessage` the listener uses. Declared here, not imported, so
 * that this package's types and code need nothing from Node: an `IncomingMessage` is one.
 */
export interface NodeRequest {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly httpVersion?: string | undefined;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly socket?: NodeSocket | null | undefined;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** Stops reading the body (an `IncomingMessage` has it). */
  pause?(): unknown;
  /** Reads (and here discards) the rest of the body. */
  resume?(): unknown;
}

/** The parts of node:http's `ServerResponse` the listener uses. */
export interface NodeResponse {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: string | Uint8Array): unknown;
  on?(event: 'close', listener: () => void): unknown;
}

export interface NodeListenerOptions {
  /**
   * After an answer sent before the body was read (413), how long the connection keeps reading and
   * discarding what the client still sends, so that it reads the answer instead of a reset
   * (a lingering close). Defaults to 2000 ms.
   */
  readonly lingerMs?: number;
}

/**
 * The API as a node:http request listener: `http.createServer(toNodeListener(api))`. Reads a
 * body only when the request has one, and never more than `maxBodyBytes + 1` bytes of it: once a
 * body is past the limit the listener stops reading, answers at once (the core says 413) and closes
 * the connection lingering, whatever the client still means to send. Requests of one connection
 * (pipelined) are handled one after the other, in order. The scheme of the links' default root
 * is `https` on a TLS socket. Pair it with `guardNodeServer` for timeouts and faults on errors
 * node:http answers itself.
 */
export function toNodeListener(
  api: ImagesApi,
  options: NodeListenerOptions = {},
): (req: NodeRequest, res: NodeResponse) => void {
  const limit = api.maxBodyBytes + 1;
  const lingerMs = options.lingerMs ?? 2000;
  /** Per connection, the end of the last request handed to the API: the next one waits for it. */
  const turns = new WeakMap<object, Promise<void>>();

  /** Runs `work` once every earlier request of the same connection has been answered. */
  function inTurn(socket: NodeSocket | null | undefined, work: () => Promise<void>): void {
    if (socket === null || socket === undefined) {
      void work();
      return;
    }
    const previous = turns.get(socket);
    const turn = previous === undefined ? work() : previous.then(work);
    turns.set(socket, turn);
    void turn.then(() => {
      if (turns.get(socket) === turn) turns.delete(socket);
    });
  }

  return (req, res) => {
    const headers = flatHeaders(req.headers);
    const socket = req.socket;
    const method = req.method ?? 'GET';
    const url = absoluteUrl(req.url ?? '/', headers.host, socket?.encrypted === true);
    if (req.httpVersion === '1.1' && headers.host === undefined) {
      // RFC 9112 3.2: a server must answer 400 to an HTTP/1.1 request without Host.
      inTurn(socket, () => sendFault(res, new Fault('badRequest', 'An HTTP/1.1 request needs a Host header')));
      return;
    }
    const hasBody = headers['transfer-encoding'] !== undefined || (headers['content-length'] ?? '0') !== '0';
    if (!hasBody) {
      inTurn(socket, () => respond(api, { method, url, headers }, res, false));
      return;
    }
    let settle: (body: Uint8Array | 'early' | 'failed') => void = () => {};
    const body = new Promise<Uint8Array | 'early' | 'failed'>((resolve) => {
      settle = resolve;
    });
    const chunks: Uint8Array[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk) => {
      if (done) return;
      if (size + chunk.byteLength < limit) {
        chunks.push(chunk);
        size += chunk.byteLength;
        return;
      }
      // Past the limit: what is read so far is enough for the core to refuse it. Read no more.
      done = true;
      req.pause?.();
      chunks.push(chunk.subarray(0, limit - size));
      settle('early');
    });
    req.on('error', () => {
      // The client went away mid-body: there is no one to answer, but later requests still wait.
      done = true;
      settle('failed');
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      settle(concat(chunks));
    });
    inTurn(socket, async () => {
      const read = await body;
      if (read === 'failed') return;
      if (read === 'early') {
        lingerAfterAnswer(req, socket, lingerMs);
        await respond(api, { method, url, headers, body: concat(chunks) }, res, true);
        return;
      }
      await respond(api, { method, url, headers, body: read }, res, false);
    });
  };
}

/**
 * Takes over how node:http closes the connection after this answer: instead of closing at once
 * (the unread body then makes the kernel reset the connection, and a client still sending loses
 * the answer), stop writing, read and discard what comes for at most `lingerMs`, then close.
 */
function lingerAfterAnswer(req: NodeRequest, socket: NodeSocket | null | undefined, lingerMs: number): void {
  if (socket === null || socket === undefined || typeof socket.destroySoon !== 'function') return;
  socket.destroySoon = () => {
    socket.end?.();
    req.resume?.();
    const cut = setTimeout(() => socket.destroy?.(), lingerMs);
    (cut as { unref?: () => void }).unref?.();
    socket.on?.('close', () => clearTimeout(cut));
  };
}

/** The request's URL with its origin: an absolute-form target (RFC 9112 3.2.2) as it is, else built from Host. */
function absoluteUrl(target: string, host: string | undefined, encrypted: boolean): string {
  if (/^https?:\/\//i.test(target)) return target;
  return `${encrypted ? 'https' : 'http'}://${host ?? 'localhost'}${target}`;
}

async function respond(api: ImagesApi, request: ApiRequest, res: NodeResponse, close: boolean): Promise<void> {
  let answer: ApiResponse | undefined;
  try {
    answer = await api.handle(request);
  } catch {
    // An `ImagesApi` wrapper that throws or rejects: a plain 500 below.
  }
  await send(res, answer, close);
}

async function sendFault(res: NodeResponse, fault: Fault): Promise<void> {
  await send(
    res,
    { status: fault.code, headers: { 'content-type': jsonCodec.mediaType }, body: encodeFaultBody(jsonCodec, fault) },
    true,
  );
}

/**
 * Writes an answer and resolves once it is out (or the connection is gone); `close` ends the
 * connection after it.
 */
function send(res: NodeResponse, answer: ApiResponse | undefined, close: boolean): Promise<void> {
  const finished = new Promise<void>((resolve) => {
    if (typeof res.on === 'function') res.on('close', resolve);
    else resolve();
  });
  if (answer !== undefined) {
    try {
      res.statusCode = answer.status;
      for (const name in answer.headers) res.setHeader(name, answer.headers[name]!);
      if (close) res.setHeader('connection', 'close');
      // Given the whole body at once, node:http sets Content-Length itself (none on a 204).
      res.end(answer.body);
      return finished;
    } catch {
      // An answer node:http refuses to write (a header it finds invalid): fall through to a plain 500.
    }
  }
  try {
    res.statusCode = 500;
    res.setHeader('content-type', 'application/json');
    if (close) res.setHeader('connection', 'close');
    res.end(FALLBACK_FAULT);
  } catch {
    // The head is already out: nothing more can be said on this connection.
  }
  return finished;
}

/**
 * node:http joins repeated headers itself, except `set-cookie`, which it keeps as an array: join
 * that one as fetch does, copying the headers only when it is there.
 */
function flatHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): Record<string, string | undefined> {
  const cookies = headers['set-cookie'];
  if (cookies === undefined || typeof cookies === 'string') return headers as Record<string, string | undefined>;
  const flat: Record<string, string | undefined> = {};
  for (const name in headers) {
    const value = headers[name];
    flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  let size = 0;
  for (const chunk of chunks) size += chunk.byteLength;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
