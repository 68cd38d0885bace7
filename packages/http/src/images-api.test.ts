import { Fault, isFault } from '@openstack-image/faults';
import { describe, expect, it } from 'vitest';
import { createImagesApi } from './images-api.ts';
import { largestRequestBytes } from './metadata-rules.ts';
import { json, SEED_BASE, SEED_GLANCE, SEED_ID, sampleStore, seedImage, xml } from './test-fixtures.ts';
import { failingStore, memoryKit, routeSuite } from './test-route-suite.ts';

const T = '/v2/openstack/images';

// Every route, both bindings, both formats, on the store in memory (glance-store runs it on Glance).
describe(`on ${memoryKit.name}`, () => {
  routeSuite(memoryKit);
});

describe('createImagesApi without a transport', () => {
  it('serves JSON and XML by default (JSON first) and takes relative URLs and mixed-case headers', async () => {
    const api = createImagesApi({ store: sampleStore(), baseUrl: SEED_BASE, glanceBaseUrl: SEED_GLANCE });
    const jsonAnswer = await api.handle({ method: 'GET', url: `${T}/${SEED_ID}`, headers: {} });
    expect(jsonAnswer.headers['content-type']).toBe('application/json');
    expect(json.codec.decodeImage(jsonAnswer.body)).toEqual(seedImage());
    const xmlAnswer = await api.handle({
      method: 'GET',
      url: `${T}/${SEED_ID}`,
      headers: { Accept: 'application/xml' },
    });
    expect(xmlAnswer.headers['content-type']).toBe('application/xml');
    expect(xml.codec.decodeImage(xmlAnswer.body)).toEqual(seedImage());
    expect(api.maxBodyBytes).toBe(largestRequestBytes(128));
    expect(createImagesApi({ store: sampleStore(), maxMetadataItems: Number.POSITIVE_INFINITY }).maxBodyBytes).toBe(
      1024 * 1024,
    );
  });

  it('serves only the codecs it is given', async () => {
    const api = createImagesApi({ store: sampleStore(), codecs: [xml.codec] });
    const answer = await api.handle({ method: 'GET', url: `${T}/${SEED_ID}.json`, headers: { host: 'h' } });
    expect(answer.status).toBe(404);
    expect(answer.headers['content-type']).toBe('application/xml');
    expect(xml.codec.decodeFault(answer.body).name).toBe('itemNotFound');
    const body = json.codec.encodeMetadata({ a: 'b' });
    const put = await api.handle({
      method: 'PUT',
      url: `${T}/${SEED_ID}/metadata`,
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(put.status).toBe(415);
    expect(xml.codec.decodeFault(put.body).message).toContain('application/xml');
  });

  it('never rejects, and a fault message XML cannot carry is cleaned', async () => {
    const api = createImagesApi({
      store: failingStore(() => new Fault('badRequest', 'bad \u0001 byte \ud800')),
    });
    const answer = await api.handle({ method: 'GET', url: `${T}/x`, headers: { accept: 'application/xml' } });
    expect(answer.status).toBe(400);
    expect(xml.codec.decodeFault(answer.body).message).toBe('bad \ufffd byte \ufffd');
  });

  it('never rejects, whatever a caller passes: arrays as headers, no headers, no URL, an odd body', async () => {
    const api = createImagesApi({ store: sampleStore() });
    const requests: unknown[] = [
      { method: 'GET', url: `${T}/${SEED_ID}`, headers: { accept: ['application/xml', 'application/json'] } },
      { method: 'GET', url: `${T}/${SEED_ID}` },
      { method: 'GET', url: `${T}/${SEED_ID}`, headers: null },
      { method: 'GET', headers: {} },
      { url: `${T}/${SEED_ID}`, headers: {} },
      { method: 'PUT', url: `${T}/${SEED_ID}/metadata`, headers: {}, body: { metadata: {} } },
      { method: 'PUT', url: `${T}/${SEED_ID}/metadata`, headers: {}, body: 42 },
      null,
      'GET /',
    ];
    const statuses: number[] = [];
    for (const request of requests) {
      const answer = await api.handle(request as never);
      statuses.push(answer.status);
      expect(typeof answer.body).toBe('string');
      if (answer.status !== 200) expect(isFault(json.codec.decodeFault(answer.body))).toBe(true);
    }
    expect(statuses).toEqual([200, 200, 200, 400, 400, 400, 400, 400, 400]);
    const joined = await api.handle({
      method: 'GET',
      url: `${T}/${SEED_ID}`,
      headers: { accept: ['application/xml'] } as never,
    });
    expect(joined.headers['content-type']).toBe('application/xml');
  });

  it('refuses options it cannot work with', () => {
    const store = sampleStore();
    expect(() => createImagesApi({ store, maxLimit: 0 })).toThrow('maxLimit must be an integer >= 1');
    expect(() => createImagesApi({ store, maxBodyBytes: -1 })).toThrow('maxBodyBytes must be an integer >= 0');
    expect(() => createImagesApi({ store, maxMetadataItems: Number.NaN })).toThrow('maxMetadataItems must be >= 0');
    expect(() => createImagesApi({ store, codecs: [] })).toThrow('at least one codec');
  });

  it('turns the metadata quota off with Infinity', async () => {
    const api = createImagesApi({ store: sampleStore(), maxMetadataItems: Number.POSITIVE_INFINITY });
    const metadata = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, 'v']));
    const answer = await api.handle({
      method: 'PUT',
      url: `${T}/${SEED_ID}/metadata`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ metadata }),
    });
    expect(answer.status).toBe(200);
    expect(Object.keys(json.codec.decodeMetadata(answer.body))).toHaveLength(300);
  });

  it('counts a string body in UTF-8 bytes against maxBodyBytes', async () => {
    const api = createImagesApi({ store: sampleStore(), maxBodyBytes: 40 });
    const body = JSON.stringify({ metadata: { k: 'é'.repeat(12) } });
    expect(body.length).toBeLessThanOrEqual(40);
    const answer = await api.handle({
      method: 'POST',
      url: `${T}/${SEED_ID}/metadata`,
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(answer.status).toBe(413);
  });
});
