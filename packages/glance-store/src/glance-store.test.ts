import { isFault } from '@openstack-image/faults';
import { afterEach, describe, expect, it } from 'vitest';
import { GlanceImageStore } from './glance-store.ts';
import { type Answer, type FakeGlance, fakeGlance, glanceImage, json } from './test-fake-glance.ts';

const COMPUTE = 'http://compute.example.com';
let glance: FakeGlance | undefined;

afterEach(async () => {
  await glance?.close();
  glance = undefined;
});

async function storeOn(answer: Answer, options: Partial<ConstructorParameters<typeof GlanceImageStore>[0]> = {}) {
  glance = await fakeGlance(answer);
  return new GlanceImageStore({ url: glance.url, computeUrl: COMPUTE, ...options });
}

async function faultOf(promise: Promise<unknown>): Promise<{ name: string; code: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isFault(error)) return { name: error.name, code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a Fault');
}

describe('identity headers', () => {
  it('trusted: X-Identity-Status, the tenant as X-Project-Id and X-Tenant-Id, X-Roles; never a token', async () => {
    const store = await storeOn((_, res) => json(res, 200, glanceImage('i')), {
      identity: { mode: 'trusted', roles: ['member', 'reader'], userId: 'u1' },
    });
    await store.get('acme', 'i');
    const headers = glance!.seen[0]!.headers;
    expect(headers).toMatchObject({
      'x-identity-status': 'Confirmed',
      'x-project-id': 'acme',
      'x-tenant-id': 'acme',
      'x-roles': 'member,reader',
      'x-user-id': 'u1',
      accept: 'application/json',
    });
    expect(headers['x-auth-token']).toBeUndefined();
  });

  it('pass-through: the caller’s token as it came, and nothing of ours', async () => {
    const store = await storeOn((_, res) => json(res, 200, glanceImage('i')), { identity: { mode: 'pass-through' } });
    expect(await faultOf(store.get('acme', 'i'))).toMatchObject({ name: 'unauthorized', code: 401 });
    expect(glance!.seen).toHaveLength(0);
    await store.withToken('gAAAAAB-token').get('acme', 'i');
    const headers = glance!.seen[0]!.headers;
    expect(headers['x-auth-token']).toBe('gAAAAAB-token');
    expect(headers['x-identity-status']).toBeUndefined();
    expect(headers['x-tenant-id']).toBeUndefined();
  });

  it('a tenant or token that cannot be a header value is a badRequest, not a TypeError', async () => {
    const store = await storeOn((_, res) => json(res, 200, glanceImage('i')));
    for (const tenant of ['a\nb', 'é', ' lead', '', 'x'.repeat(300)]) {
      expect((await faultOf(store.get(tenant, 'i'))).name).toMatch(/badRequest|unauthorized/);
    }
    expect(await faultOf(store.withToken('t\r\nx: y').get('acme', 'i'))).toMatchObject({ name: 'badRequest' });
    expect(glance!.seen).toHaveLength(0);
  });
});

describe('Glance’s errors and outages become faults', () => {
  it.each([
    [400, 'badRequest', 400],
    [401, 'unauthorized', 401],
    [403, 'forbidden', 403],
    [409, 'conflictingRequest', 409],
    [500, 'computeFault', 500],
    [502, 'serviceUnavailable', 503],
    [503, 'serviceUnavailable', 503],
    [504, 'serviceUnavailable', 503],
  ])('Glance %d on GET is %s %d', async (status, name, code) => {
    const store = await storeOn((_, res) => json(res, status, { message: 'Glance says no<br /><br />\n\n\n' }));
    expect(await faultOf(store.get('acme', 'i'))).toMatchObject({ name, code });
  });

  it('404 is "no such image" for get, delete, metadata and writes', async () => {
    const store = await storeOn((_, res) => json(res, 404, { message: 'No image found with ID i' }));
    expect(await store.get('acme', 'i')).toBeUndefined();
    expect(await store.delete('acme', 'i')).toBe(false);
    expect(await store.getMetadata('acme', 'i')).toBeUndefined();
    expect(await store.mergeMetadata('acme', 'i', { a: '1' })).toBeUndefined();
    expect(await store.deleteMetadataItem('acme', 'i', 'a')).toBe('imageNotFound');
  });

  it('delete: 403 is Nova’s "You are not allowed to delete the image.", 409 a conflict with Glance’s text', async () => {
    let status = 403;
    const store = await storeOn((_, res) =>
      json(res, status, { message: 'Image i could not be deleted because it is in use' }),
    );
    expect(await faultOf(store.delete('acme', 'i'))).toMatchObject({
      name: 'forbidden',
      message: 'You are not allowed to delete the image.',
    });
    status = 409;
    expect(await faultOf(store.delete('acme', 'i'))).toMatchObject({
      name: 'conflictingRequest',
      message: 'Image i could not be deleted because it is in use',
    });
  });

  it('Glance down (connection refused) is 503 serviceUnavailable', async () => {
    const closed = await fakeGlance(() => {});
    const url = closed.url;
    await closed.close();
    const store = new GlanceImageStore({ url, computeUrl: COMPUTE });
    expect(await faultOf(store.get('acme', 'i'))).toMatchObject({ name: 'serviceUnavailable', code: 503 });
    expect(await faultOf(store.list('acme', { limit: 5 }))).toMatchObject({ name: 'serviceUnavailable' });
  });

  it('Glance not answering within the timeout is 503, after about the timeout and never a hang', async () => {
    const store = await storeOn(() => {}, { timeout: 300 });
    const started = Date.now();
    expect(await faultOf(store.get('acme', 'i'))).toMatchObject({
      name: 'serviceUnavailable',
      message: expect.stringContaining('300 ms'),
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a body that stalls half-way is cut by the same timeout', async () => {
    const store = await storeOn(
      (_, res) => res.writeHead(200, { 'content-type': 'application/json' }).write('{"id":'),
      {
        timeout: 300,
      },
    );
    expect(await faultOf(store.get('acme', 'i'))).toMatchObject({ name: 'serviceUnavailable' });
  });

  it.each([
    ['HTML instead of JSON', (res: Parameters<Answer>[1]) => res.writeHead(200).end('<html>hi</html>')],
    ['a JSON array', (res: Parameters<Answer>[1]) => json(res, 200, [1])],
    ['an image without an id', (res: Parameters<Answer>[1]) => json(res, 200, { status: 'active' })],
    ['a body past maxResponseBytes', (res: Parameters<Answer>[1]) => res.writeHead(200).end('x'.repeat(5000))],
    [
      'a declared length past maxResponseBytes',
      (res: Parameters<Answer>[1]) => res.writeHead(200, { 'content-length': '99999' }).end('{}'),
    ],
  ])('a 200 with %s is a computeFault', async (_, answer) => {
    const store = await storeOn((__, res) => answer(res), { maxResponseBytes: 1000 });
    expect(await faultOf(store.get('acme', 'i'))).toMatchObject({ name: 'computeFault', code: 500 });
  });

  it('an HTML error page (no Accept honoured) still maps by status, with a generic text', async () => {
    const store = await storeOn((_, res) =>
      res.writeHead(400, { 'content-type': 'text/html' }).end('<html>400</html>'),
    );
    expect(await faultOf(store.get('acme', 'i'))).toMatchObject({
      name: 'badRequest',
      message: 'The image service answered 400.',
    });
  });
});

describe('lists: Glance’s next pages followed under our own endpoint until the page is full', () => {
  it('follows next (from Glance’s root, kept under a proxy’s path prefix), never with limit=0', async () => {
    const pages: Record<string, unknown> = {
      '': {
        images: [glanceImage('a'), glanceImage('b', { os_distro: 'x' })],
        next: '/v2/images?limit=2&marker=b&os_distro=x',
      },
      b: { images: [glanceImage('c'), glanceImage('d', { os_distro: 'x' })], next: '/v2/images?limit=0&marker=d' },
      d: { images: [glanceImage('e', { os_distro: 'x' })], next: '/v2/images?limit=2&marker=e' },
      e: { images: [] },
    };
    glance = await fakeGlance((request, res) => {
      const marker = new URL(request.url, 'http://x').searchParams.get('marker') ?? '';
      json(res, 200, pages[marker]);
    });
    // The fake answers without os_distro filtering, as a Glance that ignored the filter would:
    // the store filters again.
    const store = new GlanceImageStore({ url: `${glance.url}/image/`, computeUrl: COMPUTE });
    const page = await store.list('acme', { limit: 3, properties: { os_distro: 'x' } });
    expect(page).not.toBe('markerNotFound');
    expect((page as readonly { id: string }[]).map((image) => image.id)).toEqual(['b', 'd', 'e']);
    expect(glance.seen.map((seen) => seen.url)).toEqual([
      '/image/v2/images?limit=3&os_distro=x',
      '/image/v2/images?limit=2&marker=b&os_distro=x',
      '/image/v2/images?limit=1000&marker=d',
    ]);
  });

  it('stops on a Glance that sends the same next page forever', async () => {
    const store = await storeOn((_, res) =>
      json(res, 200, { images: [glanceImage('a')], next: '/v2/images?limit=1&marker=a' }),
    );
    expect(await store.list('acme', { limit: 5, name: 'nothing' })).toEqual([]);
    expect(glance!.seen.length).toBeLessThanOrEqual(2);
  });

  it('a status no image can have answers an empty page without asking Glance', async () => {
    const store = await storeOn((_, res) => json(res, 200, { images: [] }));
    expect(await store.list('acme', { limit: 5, status: 'BOGUS' })).toEqual([]);
    expect(glance!.seen).toHaveLength(0);
  });

  it('a list answer without images is a computeFault', async () => {
    const store = await storeOn((_, res) => json(res, 200, { imagez: [] }));
    expect(await faultOf(store.list('acme', { limit: 5 }))).toMatchObject({ name: 'computeFault' });
  });
});

describe('metadata writes: one PATCH after one GET', () => {
  it('sends add and remove in Glance’s JSON-patch media type, and answers what Glance answered', async () => {
    const store = await storeOn((request, res) => {
      if (request.method === 'GET')
        json(res, 200, glanceImage('i', { a: '1', b: '2', os_glance_importing_to_stores: '' }));
      else json(res, 200, glanceImage('i', { a: '9', c: '3', os_glance_importing_to_stores: '' }));
    });
    expect(await store.replaceMetadata('acme', 'i', { a: '9', c: '3' })).toEqual({
      a: '9',
      c: '3',
      os_glance_importing_to_stores: '',
    });
    const patch = glance!.seen[1]!;
    expect(patch.method).toBe('PATCH');
    expect(patch.headers['content-type']).toBe('application/openstack-images-v2.1-json-patch');
    expect(JSON.parse(patch.body)).toEqual([
      { op: 'add', path: '/a', value: '9' },
      { op: 'add', path: '/c', value: '3' },
      { op: 'remove', path: '/b' },
    ]);
    expect(glance!.seen).toHaveLength(2);
  });

  it('checks the quota after the change (default 128) before any PATCH', async () => {
    const existing = Object.fromEntries(Array.from({ length: 128 }, (_, i) => [`k${i}`, 'v']));
    const store = await storeOn((_, res) => json(res, 200, glanceImage('i', existing)));
    expect(await faultOf(store.setMetadataItem('acme', 'i', 'one-more', 'v'))).toMatchObject({
      name: 'forbidden',
      code: 403,
    });
    expect(await store.setMetadataItem('acme', 'i', 'k0', 'v')).toEqual(existing);
    expect(glance!.seen.every((seen) => seen.method === 'GET')).toBe(true);
  });

  it('Glance 413 is Nova’s quota fault; a 409 race on remove is retried, then a conflict', async () => {
    let patchStatus = 413;
    const store = await storeOn((request, res) => {
      if (request.method === 'GET') json(res, 200, glanceImage('i', { a: '1' }));
      else json(res, patchStatus, { message: 'Attempted: 137, Maximum: 128' });
    });
    expect(await faultOf(store.mergeMetadata('acme', 'i', { b: '2' }))).toMatchObject({
      name: 'forbidden',
      code: 403,
      message: expect.stringContaining('Image metadata limit exceeded'),
    });
    patchStatus = 409;
    glance!.seen.length = 0;
    expect(await faultOf(store.replaceMetadata('acme', 'i', {}))).toMatchObject({ name: 'conflictingRequest' });
    expect(glance!.seen.filter((seen) => seen.method === 'PATCH')).toHaveLength(3);
    expect(await store.deleteMetadataItem('acme', 'i', 'a')).toBe('keyNotFound');
  });

  it('deleting an absent key asks Glance nothing but the GET', async () => {
    const store = await storeOn((_, res) => json(res, 200, glanceImage('i', { a: '1' })));
    expect(await store.deleteMetadataItem('acme', 'i', 'zz')).toBe('keyNotFound');
    expect(await store.deleteMetadataItem('acme', 'i', 'name')).toBe('keyNotFound');
    expect(glance!.seen.map((seen) => seen.method)).toEqual(['GET', 'GET']);
  });
});

describe('options', () => {
  it('refuses a URL that is not http(s) and a timeout that is not > 0', () => {
    expect(() => new GlanceImageStore({ url: 'ftp://x', computeUrl: COMPUTE })).toThrow(TypeError);
    expect(() => new GlanceImageStore({ url: 'http://x', computeUrl: COMPUTE, timeout: 0 })).toThrow(TypeError);
  });
});
