import { jsonCodec } from '@openstack-image/codec-json';
import { xmlCodec } from '@openstack-image/codec-xml';
import { Fault, isFault } from '@openstack-image/faults';
import type { Codec } from '@openstack-image/schema';
import { excerpt, faultOfAnswer } from './answer-fault.ts';
import { type RetryPolicy, retryDelay } from './retry.ts';

/** The `fetch` a client calls: the global one, or one injected for tests and proxies. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface TransportOptions {
  readonly fetch: FetchLike;
  readonly codec: Codec;
  readonly token: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeout: number | undefined;
  readonly retry: RetryPolicy;
  readonly maxResponseBytes: number;
}

export interface Outgoing {
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  readonly url: string;
  readonly body?: string;
  readonly signal?: AbortSignal | undefined;
}

export interface Incoming {
  readonly status: number;
  readonly url: string;
  readonly headers: Headers;
  /** The codec the answer's `Content-Type` names, else the client's own. */
  readonly codec: Codec;
  readonly body: Uint8Array;
}

/** Redirects followed (on the same origin only) before giving up. */
const MAX_REDIRECTS = 5;

/**
 * One call: sends the request (again, as the retry policy allows), reads the answer within the size
 * limit, and turns every failure into a `Fault`: the server's fault, a fault named by the status, or
 * `serviceUnavailable` (with the error as `cause`) when the server could not be reached in time.
 * An abort through the caller's signal rejects with the signal's reason, as `fetch` does.
 */
export async function send(options: TransportOptions, outgoing: Outgoing): Promise<Incoming> {
  for (let attempt = 0; ; attempt++) {
    let incoming: Incoming;
    try {
      incoming = await attemptOnce(options, outgoing);
    } catch (error) {
      if (isUnreachable(error)) {
        const delay = retryDelay(503, undefined, attempt, options.retry);
        if (delay !== undefined) {
          await sleep(delay, outgoing.signal);
          continue;
        }
      }
      throw error;
    }
    if (incoming.status < 400) return incoming;
    const fault = faultOfAnswer(
      incoming.status,
      '',
      incoming.body,
      incoming.codec,
      incoming.headers.get('retry-after') ?? undefined,
    );
    const delay = retryDelay(incoming.status, fault.retryAfter, attempt, options.retry);
    if (delay === undefined) throw fault;
    await sleep(delay, outgoing.signal);
  }
}

const UNREACHABLE: unique symbol = Symbol('unreachable');

function isUnreachable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { [UNREACHABLE]?: true })[UNREACHABLE] === true;
}

async function attemptOnce(options: TransportOptions, outgoing: Outgoing): Promise<Incoming> {
  const caller = outgoing.signal;
  caller?.throwIfAborted();
  const timer = options.timeout === undefined ? undefined : AbortSignal.timeout(options.timeout);
  const signals = [caller, timer].filter((s): s is AbortSignal => s !== undefined);
  const signal = signals.length === 0 ? undefined : signals.length === 1 ? signals[0] : AbortSignal.any(signals);
  const headers: Record<string, string> = { ...options.headers, accept: options.codec.mediaType };
  if (options.token !== undefined) headers['x-auth-token'] = options.token;
  if (outgoing.body !== undefined) headers['content-type'] = options.codec.mediaType;
  let url = outgoing.url;
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await options.fetch(url, {
        method: outgoing.method,
        headers,
        redirect: 'manual',
        ...(outgoing.body === undefined ? {} : { body: outgoing.body }),
        ...(signal === undefined ? {} : { signal }),
      });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await response.body?.cancel();
        const next = new URL(location, url);
        if (next.origin !== new URL(url).origin || redirects >= MAX_REDIRECTS) {
          throw new Fault(
            'computeFault',
            redirects >= MAX_REDIRECTS
              ? `More than ${MAX_REDIRECTS} redirects from ${outgoing.url}`
              : `${url} redirects to another origin (${next.origin}); not followed, so that the token stays where it was given`,
            { code: response.status },
          );
        }
        url = next.href;
        continue;
      }
      if (response.type === 'opaqueredirect') {
        throw new Fault('computeFault', `${url} answers with a redirect the browser does not show`, { code: 502 });
      }
      const body = await readBounded(response, options.maxResponseBytes);
      return {
        status: response.status,
        url,
        headers: response.headers,
        codec: codecOf(response.headers.get('content-type'), options.codec)!,
        body,
      };
    }
  } catch (error) {
    if (caller?.aborted) throw caller.reason;
    if (isFault(error)) throw error;
    const timedOut = timer?.aborted === true;
    const message = timedOut
      ? `No answer from ${url} within ${options.timeout} ms`
      : `Cannot reach ${url}: ${error instanceof Error ? error.message : String(error)}`;
    const fault = new Fault('serviceUnavailable', message, { cause: error });
    Object.defineProperty(fault, UNREACHABLE, { value: true });
    throw fault;
  }
}

/** The body, refusing (and cancelling) one past `limit` bytes without holding more than that. */
async function readBounded(response: Response, limit: number): Promise<Uint8Array> {
  if (response.body === null) return new Uint8Array(0);
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) {
    await response.body.cancel();
    throw tooLarge(limit);
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function tooLarge(limit: number): Fault {
  return new Fault('overLimit', `The answer is larger than maxResponseBytes (${limit} bytes)`);
}

/** The codec a `Content-Type` names (vendor types included), else `fallback`. */
export function codecOf(contentType: string | null, fallback: Codec | undefined): Codec | undefined {
  if (contentType === null) return fallback;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) return jsonCodec;
  if (type === 'application/xml' || type === 'text/xml' || type.endsWith('+xml')) return xmlCodec;
  return fallback;
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A 2xx body the codec refuses: the server's failure (502), with the codec's reason and place. */
export function badAnswer(incoming: Incoming, what: string, error: unknown): Fault {
  if (isFault(error) && error.name === 'overLimit') return error;
  const reason = error instanceof Error ? error.message : String(error);
  const where = isFault(error) ? error.where : undefined;
  return new Fault(
    'computeFault',
    `The answer from ${incoming.url} is not ${what} in ${incoming.codec.mediaType}: ${reason}${incoming.body.byteLength === 0 ? '' : ` (it begins: ${excerpt(incoming.body.subarray(0, 120))})`}`,
    { code: 502, cause: error, ...(where === undefined ? {} : { where }) },
  );
}
