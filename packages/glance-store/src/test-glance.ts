// Test helpers (excluded from the build): a real Glance, reached directly as its own clients do.
import { GlanceImageStore, type GlanceImageStoreOptions } from './glance-store.ts';

/** The Glance `npm run test:glance` started (GLANCE_URL); the suites that need it fail clearly without it. */
export function glanceUrl(): string {
  const url = process.env.GLANCE_URL;
  if (url === undefined || url === '') {
    throw new Error('GLANCE_URL is not set: run these tests with `npm run test:glance`, which starts a Glance');
  }
  return url;
}

export const COMPUTE = 'http://compute.example.com';

export function glanceStore(options: Partial<GlanceImageStoreOptions> = {}): GlanceImageStore {
  return new GlanceImageStore({ url: glanceUrl(), computeUrl: COMPUTE, ...options });
}

/** A tenant name of its own for each test, so that tests never see each other's images. */
export function freshTenant(label: string): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export interface DirectGlance {
  /** `POST /v2/images` as `tenant` (roles `member`, or `admin`); answers Glance's image. */
  create(body: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Uploads data: the image becomes `active` with this size. */
  upload(id: string, bytes: Uint8Array<ArrayBuffer>): Promise<void>;
  deactivate(id: string): Promise<void>;
  get(id: string): Promise<Record<string, unknown>>;
  request(method: string, path: string, init?: { body?: string; contentType?: string }): Promise<Response>;
}

/** Glance as an operator or another OpenStack service drives it, past our store. */
export function directGlance(tenant: string, roles = 'member'): DirectGlance {
  const url = glanceUrl();
  const request = (method: string, path: string, init: { body?: string; contentType?: string } = {}) =>
    fetch(`${url}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        'x-identity-status': 'Confirmed',
        'x-tenant-id': tenant,
        'x-project-id': tenant,
        'x-roles': roles,
        ...(init.contentType === undefined ? {} : { 'content-type': init.contentType }),
      },
      ...(init.body === undefined ? {} : { body: init.body }),
    });
  const ok = async (response: Response, what: string): Promise<Response> => {
    if (!response.ok) throw new Error(`${what}: Glance answered ${response.status} ${await response.text()}`);
    return response;
  };
  return {
    request,
    async create(body) {
      const response = await ok(
        await request('POST', '/v2/images', {
          body: JSON.stringify({ disk_format: 'raw', container_format: 'bare', ...body }),
          contentType: 'application/json',
        }),
        'create',
      );
      return (await response.json()) as Record<string, unknown>;
    },
    async upload(id, bytes) {
      await ok(
        await fetch(`${url}/v2/images/${id}/file`, {
          method: 'PUT',
          headers: {
            'x-identity-status': 'Confirmed',
            'x-tenant-id': tenant,
            'x-roles': roles,
            'content-type': 'application/octet-stream',
          },
          body: bytes,
        }),
        'upload',
      );
    },
    async deactivate(id) {
      await ok(await request('POST', `/v2/images/${id}/actions/deactivate`), 'deactivate');
    },
    async get(id) {
      return (await (await ok(await request('GET', `/v2/images/${id}`), 'get')).json()) as Record<string, unknown>;
    },
  };
}
