import { openApiDocument } from '@openstack-image/http';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_IMAGE_ID, SEED_TENANT } from './seed-images.ts';
import { type MockServer, start } from './start.ts';

// biome-ignore lint/suspicious/noExplicitAny: the tests walk the document as plain JSON
type Json = Record<string, any>;
const DOC_ID = 'https://openapi.invalid/images.json';

let mock: MockServer;
let doc: Json;
const ajv = new Ajv2020({ strict: false, allErrors: true });

beforeAll(async () => {
  mock = await start();
  const response = await fetch(`${mock.url}/openapi.json`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json');
  doc = (await response.json()) as Json;
  ajv.addSchema({ $id: DOC_ID, components: doc.components });
  // Compiling the document's schemas takes a while on a loaded machine.
}, 60_000);
afterAll(() => mock.close());

/** The schema a response declares for a status and media type, as a validator of the whole document's components. */
function validatorFor(operation: Json, status: number, mediaType: string) {
  const response = operation.responses[String(status)];
  expect(response, `status ${status} is not declared`).toBeDefined();
  const schema = response.content?.[mediaType]?.schema as Json | undefined;
  expect(schema, `no ${mediaType} body declared for ${status}`).toBeDefined();
  return ajv.compile({ $ref: `${DOC_ID}${schema!.$ref}` });
}

interface Case {
  readonly label: string;
  readonly path: string;
  readonly method: string;
  readonly operation: Json;
}

/** Every JSON-capable operation of the document (no suffix, or `.json`). */
function cases(): Case[] {
  const out: Case[] = [];
  for (const [path, item] of Object.entries((openApiDocument() as Json).paths as Json)) {
    if (path.endsWith('.xml')) continue;
    for (const method of ['get', 'head', 'put', 'post', 'delete']) {
      if (item[method] !== undefined)
        out.push({ label: `${method.toUpperCase()} ${path}`, path, method, operation: item[method] });
    }
  }
  return out;
}

function concrete(path: string, imageId: string, key: string): string {
  return path
    .replace('{tenant_id}', SEED_TENANT)
    .replace('{image_id}', encodeURIComponent(imageId))
    .replace('{key}', encodeURIComponent(key));
}

function bodyFor(path: string, method: string, key: string): string | undefined {
  if (method !== 'put' && method !== 'post') return undefined;
  if (path.includes('{key}')) return JSON.stringify({ meta: { [key]: 'v' } });
  if (path.includes('/metadata')) return JSON.stringify({ metadata: { openapi: 'yes' } });
  return undefined;
}

async function call(url: string, method: string, body: string | undefined) {
  const response = await fetch(`${mock.url}${url}`, {
    method: method.toUpperCase(),
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    redirect: 'manual',
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', text };
}

describe("the mock server's real JSON answers validate against the schemas the document declares (Ajv)", () => {
  it('the document it serves is openApiDocument()', () => {
    expect(doc).toEqual(openApiDocument());
  });

  it.each(cases().map((c) => [c.label, c] as const))('%s', async (_label, c) => {
    // DELETE takes an image (or item) of its own, so that the other cases keep theirs.
    const own = `openapi-${c.method}-${Math.random().toString(36).slice(2)}`;
    const seed = mock.store.all(SEED_TENANT).find((image) => image.id === SEED_IMAGE_ID)!;
    // Each case starts from the seed's own metadata, whatever a PUT before it replaced.
    mock.store.put(SEED_TENANT, { ...seed, metadata: { ...seed.metadata, architecture: 'x86_64' } });
    let imageId = SEED_IMAGE_ID;
    let key = 'architecture';
    if (c.method === 'delete' && !c.path.includes('{key}')) {
      mock.store.put(SEED_TENANT, { ...seed, id: own });
      imageId = own;
    } else if (c.method === 'delete') {
      await mock.store.setMetadataItem(SEED_TENANT, SEED_IMAGE_ID, own, 'x', { maxItems: Number.POSITIVE_INFINITY });
      key = own;
    }
    const answer = await call(concrete(c.path, imageId, key), c.method, bodyFor(c.path, c.method, key));
    const expected = c.method === 'delete' ? 204 : c.path === '/v2' ? 302 : 200;
    expect([answer.status, answer.text.slice(0, 200)]).toEqual([expected, expect.any(String)]);
    expect(c.operation.responses[String(expected)]).toBeDefined();
    if (expected === 200 && c.method !== 'head') {
      const validate = validatorFor(c.operation, 200, 'application/json');
      expect(validate(JSON.parse(answer.text)), JSON.stringify(validate.errors)).toBe(true);
    }
    // And the faults: an unknown image where the route has one, a bad marker on the lists.
    const listQuery = (c.operation.parameters ?? []).some((p: Json) => p.name === 'marker');
    if (c.method === 'head' || !(c.path.includes('{image_id}') || listQuery)) return;
    const failing = c.path.includes('{image_id}')
      ? await call(concrete(c.path, 'no-such-image', key), c.method, bodyFor(c.path, c.method, key))
      : await call(`${concrete(c.path, imageId, key)}?marker=no-such-image`, c.method, undefined);
    const validateFault = validatorFor(c.operation, failing.status, 'application/json');
    expect(validateFault(JSON.parse(failing.text)), JSON.stringify(validateFault.errors)).toBe(true);
    expect(failing.status).toBe(c.path.includes('{image_id}') ? 404 : 400);
  });

  it('a body in another media type (415), a malformed one (400) and a large one (413) are declared faults', async () => {
    const path = '/v2/{tenant_id}/images/{image_id}/metadata';
    const operation = (openApiDocument() as Json).paths[path].put as Json;
    const url = `${mock.url}${concrete(path, SEED_IMAGE_ID, '')}`;
    for (const [init, status] of [
      [{ headers: { 'content-type': 'text/plain' }, body: 'x' }, 415],
      [{ headers: { 'content-type': 'application/json' }, body: '{"metadata": [' }, 400],
      [
        { headers: { 'content-type': 'application/json' }, body: `{"metadata": {"a": "${'x'.repeat(1024 * 1024)}"}}` },
        413,
      ],
    ] as const) {
      const response = await fetch(url, { method: 'PUT', ...init });
      expect(response.status).toBe(status);
      const validate = validatorFor(operation, status, 'application/json');
      expect(validate((await response.json()) as Json), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('a schema that cannot hold the answer is refused: the check can fail', () => {
    const validate = ajv.compile({ $ref: `${DOC_ID}#/components/schemas/ImageBody` });
    expect(validate({ image: { id: 1 } })).toBe(false);
    expect(validate({ images: [] })).toBe(false);
  });
});
