import { FALLBACK_FAULT } from './fault-response.ts';
import { newRequestId } from './request-id.ts';
import type { ApiResponse, ImagesApi } from './request-response.ts';

/**
 * The API as a WHATWG fetch handler (`(Request) => Promise<Response>`), for Hono, Deno, Bun and
 * edge workers. Reads at most `maxBodyBytes + 1` bytes of a body: the core answers 413 past the limit.
 */
export function toFetchHandler(api: ImagesApi): (request: Request) => Promise<Response> {
  return async (request) => {
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      // Headers yields each Set-Cookie apart; every other name comes once, already joined.
      const before = headers[name];
      headers[name] = before === undefined ? value : `${before}, ${value}`;
    });
    const body = request.body === null ? undefined : await readAtMost(request.body, api.maxBodyBytes + 1);
    let answer: ApiResponse;
    try {
      answer = await api.handle({
        method: request.method,
        url: request.url,
        headers,
        ...(body === undefined ? {} : { body }),
      });
    } catch {
      // Only an `ImagesApi` wrapper can fail here: `createImagesApi`'s handle never rejects.
      answer = {
        status: 500,
        headers: { 'content-type': 'application/json', 'x-compute-request-id': newRequestId() },
        body: FALLBACK_FAULT,
      };
    }
    const empty = request.method === 'HEAD' || answer.status === 204 || answer.status === 304;
    return new Response(empty ? null : (answer.body as string | Uint8Array<ArrayBuffer>), {
      status: answer.status,
      headers: answer.headers,
    });
  };
}

/** The first `limit` bytes of a stream; the rest is not read (the stream is cancelled). */
async function readAtMost(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
    if (size >= limit) await reader.cancel();
  } finally {
    reader.releaseLock();
  }
  return concat(chunks, Math.min(size, limit));
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]!.byteLength === size) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    const part = chunk.byteLength <= size - at ? chunk : chunk.subarray(0, size - at);
    out.set(part, at);
    at += part.byteLength;
    if (at >= size) break;
  }
  return out;
}
