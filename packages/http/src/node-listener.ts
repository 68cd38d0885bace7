import { FALLBACK_FAULT } from './fault-response.ts';
import { newRequestId } from './request-id.ts';
import type { ApiRequest, ApiResponse, ImagesApi } from './request-response.ts';

/**
 * The parts of node:http's `IncomingMessage` the listener uses. Declared here, not imported, so
 * that this package's types and code need nothing from Node: an `IncomingMessage` is one.
 */
export interface NodeRequest {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** Stops reading the body (an `IncomingMessage` has it). */
  pause?(): unknown;
}

/** The parts of node:http's `ServerResponse` the listener uses. */
export interface NodeResponse {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: string | Uint8Array): unknown;
}

/**
 * The API as a node:http request listener: `http.createServer(toNodeListener(api))`. Reads a
 * body only when the request has one, and never more than `maxBodyBytes + 1` bytes of it: once a
 * body is past the limit the listener stops reading, answers at once (the core says 413) and closes
 * the connection, whatever the client still means to send. The scheme of the links' default root
 * is `https` on a TLS socket.
 */
export function toNodeListener(api: ImagesApi): (req: NodeRequest, res: NodeResponse) => void {
  const limit = api.maxBodyBytes + 1;
  return (req, res) => {
    const headers = flatHeaders(req.headers);
    const encrypted = (req as { socket?: { encrypted?: unknown } }).socket?.encrypted === true;
    const url = `${encrypted ? 'https' : 'http'}://${headers.host ?? 'localhost'}${req.url ?? '/'}`;
    const method = req.method ?? 'GET';
    const hasBody = headers['transfer-encoding'] !== undefined || (headers['content-length'] ?? '0') !== '0';
    if (!hasBody) {
      respond(api, { method, url, headers }, res, false);
      return;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    let answered = false;
    req.on('data', (chunk) => {
      if (answered) return;
      if (size + chunk.byteLength < limit) {
        chunks.push(chunk);
        size += chunk.byteLength;
        return;
      }
      // Past the limit: what is read so far is enough for the core to refuse it. Read no more,
      // answer now, and close the connection once the answer is out.
      answered = true;
      req.pause?.();
      chunks.push(chunk.subarray(0, limit - size));
      respond(api, { method, url, headers, body: concat(chunks) }, res, true);
    });
    req.on('error', () => {
      // The client went away mid-body: there is no one to answer.
    });
    req.on('end', () => {
      if (answered) return;
      answered = true;
      respond(api, { method, url, headers, body: concat(chunks) }, res, false);
    });
  };
}

function respond(api: ImagesApi, request: ApiRequest, res: NodeResponse, close: boolean): void {
  let answering: Promise<ApiResponse>;
  try {
    answering = api.handle(request);
  } catch {
    // An `ImagesApi` wrapper that throws instead of rejecting.
    send(res, undefined, close);
    return;
  }
  answering.then(
    (answer) => send(res, answer, close),
    () => send(res, undefined, close),
  );
}

/** Writes an answer; `close` ends the connection after it (a request body was left unread). */
function send(res: NodeResponse, answer: ApiResponse | undefined, close: boolean): void {
  if (answer !== undefined) {
    try {
      res.statusCode = answer.status;
      for (const name in answer.headers) res.setHeader(name, answer.headers[name]!);
      if (close) res.setHeader('connection', 'close');
      // Given the whole body at once, node:http sets Content-Length itself (none on a 204).
      res.end(answer.body);
      return;
    } catch {
      // An answer node:http refuses to write (a header it finds invalid): fall through to a plain 500.
    }
  }
  try {
    res.statusCode = 500;
    res.setHeader('content-type', 'application/json');
    res.setHeader('x-compute-request-id', newRequestId());
    if (close) res.setHeader('connection', 'close');
    res.end(FALLBACK_FAULT);
  } catch {
    // The head is already out: nothing more can be said on this connection.
  }
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
