import { Fault, faultNameForStatus, isFault } from '@openstack-image/faults';

/** How the store tells Glance who is asking. */
export type GlanceIdentity =
  | {
      /**
       * The API's `authorize` hook decided who the caller is; Glance (behind no Keystone middleware,
       * or one that trusts this service) reads the tenant from `X-Identity-Status: Confirmed`,
       * `X-Project-Id`/`X-Tenant-Id` and `X-Roles`.
       */
      readonly mode: 'trusted';
      /** `X-Roles`; defaults to `['member']`. `admin` makes every request a cloud admin's. */
      readonly roles?: readonly string[];
      /** `X-User-Id`, when Glance should record one. */
      readonly userId?: string;
    }
  | {
      /** The caller's Keystone token goes to a Keystone-protected Glance as it came: Glance decides. */
      readonly mode: 'pass-through';
      /** The token (`X-Auth-Token`); `GlanceImageStore.withToken` binds one per request. */
      readonly token?: string;
    };

export interface GlanceRequest {
  readonly method: 'GET' | 'DELETE' | 'PATCH';
  /** Path and query under the endpoint: `/v2/images/{id}`. */
  readonly path: string;
  readonly tenant: string | undefined;
  readonly body?: string;
  readonly contentType?: string;
}

export interface GlanceAnswer {
  readonly status: number;
  /** The body read as JSON (undefined for an empty body). */
  readonly json: unknown;
  /** Glance's own message of an error answer, without its HTML line breaks. */
  readonly message: string;
}

export interface GlanceClientOptions {
  readonly url: string;
  readonly identity: GlanceIdentity;
  readonly defaultTenant: string | undefined;
  readonly timeout: number;
  readonly maxResponseBytes: number;
  readonly fetch: typeof fetch;
}

/** Visible ASCII and inner spaces: what a header value can carry unchanged. */
const HEADER_VALUE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/**
 * One request to Glance with the identity headers, answered with its status and JSON body. Glance
 * not answering (refused, reset, past `timeout`) is a serviceUnavailable Fault; a body that is not
 * JSON or larger than `maxResponseBytes` is a computeFault. Never rejects with anything but a Fault.
 */
export async function callGlance(options: GlanceClientOptions, request: GlanceRequest): Promise<GlanceAnswer> {
  const headers: Record<string, string> = { accept: 'application/json', ...identityHeaders(options, request.tenant) };
  if (request.contentType !== undefined) headers['content-type'] = request.contentType;
  const signal = AbortSignal.timeout(options.timeout);
  let response: Response;
  let text: string;
  try {
    response = await options.fetch(`${options.url}${request.path}`, {
      method: request.method,
      headers,
      signal,
      ...(request.body === undefined ? {} : { body: request.body }),
    });
    text = await readText(response, options.maxResponseBytes);
  } catch (error) {
    if (isFault(error)) throw error;
    throw notAnswering(options, signal.aborted);
  }
  let json: unknown;
  if (text !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      if (response.status < 400) {
        throw new Fault('computeFault', `The image service answered ${request.method} with a body that is not JSON.`);
      }
    }
  }
  return { status: response.status, json, message: messageOf(json, response.status) };
}

/**
 * The Fault for a Glance error answer that has no meaning of its own to the caller (GLANCE.md 2(d)):
 * 400 badRequest and 409 conflictingRequest with Glance's text; 401 unauthorized; 502-504 and 503
 * serviceUnavailable; anything else by its status (computeFault for other 5xx).
 */
export function glanceFault(answer: GlanceAnswer): Fault {
  const { status, message } = answer;
  if (status === 400) return new Fault('badRequest', message);
  if (status === 401) return new Fault('unauthorized', 'The image service did not accept the credentials.');
  if (status === 409) return new Fault('conflictingRequest', message);
  if (status === 502 || status === 503 || status === 504) {
    return new Fault('serviceUnavailable', `The image service is unavailable (${status}); try again later.`);
  }
  if (status >= 500) return new Fault('computeFault', `The image service failed (${status}).`);
  return new Fault(faultNameForStatus(status), message);
}

function identityHeaders(options: GlanceClientOptions, tenant: string | undefined): Record<string, string> {
  const { identity } = options;
  if (identity.mode === 'pass-through') {
    if (identity.token === undefined || identity.token === '') {
      throw new Fault('unauthorized', 'This request needs an X-Auth-Token header.');
    }
    return { 'x-auth-token': headerValue('X-Auth-Token', identity.token) };
  }
  const project = tenant ?? options.defaultTenant;
  // Glance without a project lists every shared image that has a member: never send none.
  if (project === undefined || project === '') {
    throw new Fault('unauthorized', 'This request names no tenant: use /v2/{tenant}/images.');
  }
  const headers: Record<string, string> = {
    'x-identity-status': 'Confirmed',
    'x-project-id': headerValue('The tenant', project),
    'x-tenant-id': project,
    'x-roles': (identity.roles ?? ['member']).join(','),
  };
  if (identity.userId !== undefined) headers['x-user-id'] = headerValue('The user id', identity.userId);
  return headers;
}

function headerValue(what: string, value: string): string {
  if (!HEADER_VALUE.test(value) || value.length > 255) {
    throw new Fault('badRequest', `${what} must be 1 to 255 visible ASCII characters to reach the image service.`);
  }
  return value;
}

function notAnswering(options: GlanceClientOptions, timedOut: boolean): Fault {
  return new Fault(
    'serviceUnavailable',
    timedOut
      ? `The image service did not answer within ${options.timeout} ms; try again later.`
      : 'The image service cannot be reached; try again later.',
  );
}

/** The body as text, refusing (and cancelling) one larger than `max` bytes. */
async function readText(response: Response, max: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > max) {
    await response.body?.cancel();
    throw tooLarge(max);
  }
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

function tooLarge(max: number): Fault {
  return new Fault('computeFault', `The image service sent an answer larger than ${max} bytes.`);
}

/** Glance's error text: `{"message": "No image found with ID x<br /><br />\n\n\n", ...}`. */
function messageOf(json: unknown, status: number): string {
  const raw =
    typeof json === 'object' && json !== null && typeof (json as { message?: unknown }).message === 'string'
      ? (json as { message: string }).message
      : '';
  const text = raw
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text === '' ? `The image service answered ${status}.` : text.slice(0, 500);
}
