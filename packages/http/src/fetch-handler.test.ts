import { describe, expect, it } from 'vitest';
import { toFetchHandler } from './fetch-handler.ts';
import type { ImagesApi } from './request-response.ts';

describe('toFetchHandler answers every request, whatever the API it serves does', () => {
  it.each([
    ['rejects', () => Promise.reject(new Error('down'))],
    [
      'throws',
      () => {
        throw new TypeError('not a promise');
      },
    ],
  ] as const)('an API whose handle %s gets a computeFault 500', async (_, handle) => {
    const api: ImagesApi = { maxBodyBytes: 10, handle };
    const response = await toFetchHandler(api)(new Request('http://h/v2/images'));
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(Object.keys((await response.json()) as object)).toEqual(['computeFault']);
  });
});

describe('toFetchHandler answers a request whose body stream fails', () => {
  it('an aborted upload gets a 400 fault, not a rejection', async () => {
    const api: ImagesApi = {
      maxBodyBytes: 100,
      handle: () => Promise.resolve({ status: 200, headers: {}, body: 'unreachable' }),
    };
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array([0x7b]));
        controller.error(new Error('connection reset'));
      },
    });
    const request = new Request('http://h/v2/images/x/metadata', {
      method: 'PUT',
      body,
      duplex: 'half',
    } as RequestInit);
    const response = await toFetchHandler(api)(request);
    expect(response.status).toBe(400);
    expect(Object.keys((await response.json()) as object)).toEqual(['badRequest']);
  });
});
