import { readFileSync } from 'node:fs';
import { start } from '@openstack-image/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformancePassed, type VectorResult } from '../result.ts';
import { HTTP_CHECK_IDS, runHttpConformance } from './run-http-conformance.ts';

/** The mock server conforms: its failure list is empty. */
const MOCK_FAILURES: readonly string[] = [];

const summary = (results: readonly VectorResult[]) =>
  results.filter((r) => r.status !== 'passed').map((r) => `${r.status} ${r.id}: ${r.message ?? ''}`);

describe('HTTP conformance against the mock server, over real HTTP on 127.0.0.1', { timeout: 120_000 }, () => {
  let mock: Awaited<ReturnType<typeof start>>;
  let authMock: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    mock = await start({ host: '127.0.0.1', port: 0, log: () => {} });
    authMock = await start({ host: '127.0.0.1', port: 0, tokens: { secret: 'openstack' }, log: () => {} });
  });
  afterAll(async () => {
    await mock?.close();
    await authMock?.close();
  });

  it('passes every check, writes included, with its failure list, and leaves the metadata as it was', async () => {
    const image = '70a599e0-31e7-49b7-b260-868f441e862b';
    const before = structuredClone(await mock.store.getMetadata('openstack', image));
    const results = await runHttpConformance({
      url: `${mock.url}/v2/openstack`,
      failureList: MOCK_FAILURES,
      level: 'recommended',
    });
    expect(
      summary(results).filter((line) => !line.startsWith('expected-failure') && !line.includes('needs --token')),
    ).toEqual([]);
    expect(conformancePassed(results)).toBe(true);
    expect(results.filter((r) => r.status === 'passed').length).toBeGreaterThan(40);
    expect(await mock.store.getMetadata('openstack', image)).toEqual(before);
  });

  it('with a token: the 401 checks run too, and the tenantless root /v2 works the same', async () => {
    const results = await runHttpConformance({
      url: `${authMock.url}/v2`,
      token: 'secret',
      failureList: MOCK_FAILURES,
      readOnly: true,
      filter: ['auth', 'negotiation', 'lists', 'routes'],
    });
    expect(results.find((r) => r.id === 'http/faults/401-no-token-xml')?.status).toBe('passed');
    expect(conformancePassed(results)).toBe(true);
  });

  it('read-only: no check that writes runs', async () => {
    const results = await runHttpConformance({
      url: `${mock.url}/v2/openstack`,
      readOnly: true,
      failureList: MOCK_FAILURES,
    });
    const writes = results.filter((r) => r.message === 'writes, and the run is read-only');
    expect(writes.map((r) => r.id)).toEqual(
      expect.arrayContaining(['http/metadata/writes-json', 'http/routes/put-image-404']),
    );
    expect(conformancePassed(results)).toBe(true);
  });

  it('a wrong token, a dead server, a server with no images: every check fails with a reason', async () => {
    const wrong = await runHttpConformance({ url: `${authMock.url}/v2/openstack`, token: 'wrong' });
    expect(wrong.every((r) => r.status === 'failed' || r.status === 'skipped')).toBe(true);
    expect(wrong[0]!.message).toContain("cannot discover the server's images");
    const empty = await start({ host: '127.0.0.1', port: 0, images: [], log: () => {} });
    try {
      const results = await runHttpConformance({ url: `${empty.url}/v2/openstack`, filter: 'lists' });
      expect(results.find((r) => r.id === 'http/lists/index-json')?.message).toContain('lists no image');
    } finally {
      await empty.close();
    }
    await expect(runHttpConformance({ url: 'not a url' })).rejects.toThrow(/is not a URL/);
  });

  it('catches a server that answers faults in JSON whatever was negotiated, and only those checks', async () => {
    // A proxy in front of the mock that rewrites every XML fault as a JSON one.
    const proxied: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const type = response.headers.get('content-type') ?? '';
      if (response.status < 400 || !type.includes('xml')) return response;
      const status = response.status;
      const headers = new Headers(response.headers);
      headers.set('content-type', 'application/json');
      return new Response(JSON.stringify({ computeFault: { code: status, message: 'x' } }), { status, headers });
    };
    const results = await runHttpConformance({
      url: `${mock.url}/v2/openstack`,
      fetch: proxied,
      failureList: MOCK_FAILURES,
    });
    const failed = results.filter((r) => r.status === 'failed').map((r) => r.id);
    expect(failed.length).toBeGreaterThan(5);
    expect(failed.every((id) => id.endsWith('-xml'))).toBe(true);
    expect(failed).toContain('http/faults/404-image-xml');
    expect(failed).toContain('http/faults/405-post-images-xml');
  });

  it('every check id is unique', () => {
    expect(new Set(HTTP_CHECK_IDS).size).toBe(HTTP_CHECK_IDS.length);
  });

  it('a failure list entry for a check the mock server passes is stale', async () => {
    const results = await runHttpConformance({
      url: `${mock.url}/v2/openstack`,
      failureList: ['http/routes/put-image-404'],
      filter: 'routes',
    });
    expect(results.find((r) => r.id === 'http/routes/put-image-404')?.status).toBe('stale');
    expect(conformancePassed(results)).toBe(false);
  });
});

describe('the README tells the number of HTTP checks', () => {
  it(`runs ${HTTP_CHECK_IDS.length} checks`, () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain(`runs ${HTTP_CHECK_IDS.length} checks`);
  });
});
