import { applyFailureList } from '../failure-list.ts';
import type { Level } from '../manifest.ts';
import type { VectorResult } from '../result.ts';
import { bodyIn, CheckFailure, expectStatus } from './answers.ts';
import { type CheckContext, HTTP_CHECKS } from './http-checks.ts';
import { HttpClient } from './http-client.ts';

export interface HttpConformanceOptions {
  /** The API root: `http://host:port/v2/TENANT` (or `.../v2` for the tenantless routes). */
  readonly url: string;
  /** Sent as `X-Auth-Token`; with it, the 401 checks run too. */
  readonly token?: string;
  /** The image to read and, unless `readOnly`, to write metadata on (restored afterwards). Defaults to the first listed. */
  readonly image?: string;
  /** Run no check that writes. */
  readonly readOnly?: boolean;
  readonly failureList?: readonly string[];
  readonly level?: Level;
  readonly filter?: string | readonly string[];
  /** Defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Milliseconds each request may take. Defaults to 30 s. */
  readonly timeout?: number;
}

/** The ids of every HTTP check, for failure lists and filters. */
export const HTTP_CHECK_IDS: readonly string[] = HTTP_CHECKS.map((check) => check.id);

/**
 * Runs the HTTP checks over real HTTP against a live server: negotiation, HEAD, faults, Nova's
 * route table, index and detail with paging, metadata reads and (unless `readOnly`) writes on one
 * image, whose metadata is put back afterwards, also when a check fails. One result per check.
 */
export async function runHttpConformance(options: HttpConformanceOptions): Promise<VectorResult[]> {
  const client = new HttpClient(options);
  const level = options.level ?? 'required';
  const filter = options.filter === undefined ? undefined : new Set([options.filter].flat());
  const context = await discover(client, options);

  const results: VectorResult[] = [];
  let restore: (() => Promise<string | undefined>) | undefined;
  try {
    for (const check of HTTP_CHECKS) {
      const base = {
        id: check.id,
        kind: 'http',
        mediaType: check.mediaType,
        operation: 'http',
        level: check.level,
        tags: check.tags,
      };
      const skip = (message: string) => results.push({ ...base, status: 'skipped', message, ms: 0 });
      if (filter !== undefined && !filter.has(check.id) && !check.tags.some((tag) => filter.has(tag))) {
        skip('filtered out');
        continue;
      }
      if ('failure' in context) {
        results.push({ ...base, status: 'failed', message: context.failure, ms: 0 });
        continue;
      }
      if (check.writes && options.readOnly) {
        skip('writes, and the run is read-only');
        continue;
      }
      const unmet = check.needs?.(context);
      if (unmet !== undefined) {
        skip(unmet);
        continue;
      }
      if (check.writes && restore === undefined) restore = () => restoreMetadata(client, context);
      const started = performance.now();
      let failure: string | undefined;
      try {
        await check.run(context);
      } catch (error) {
        failure = error instanceof CheckFailure ? error.message : `threw ${(error as Error)?.message ?? String(error)}`;
      }
      if (check.writes) {
        // Put the metadata back after each write, so that the next check reads what discovery saw.
        const problem = await restoreMetadata(client, context).catch((error: Error) => error.message);
        if (problem !== undefined) failure ??= `the metadata could not be restored: ${problem}`;
      }
      const ms = performance.now() - started;
      if (failure === undefined) results.push({ ...base, status: 'passed', ms });
      else {
        const status = check.level === 'recommended' && level === 'required' ? 'advisory' : 'failed';
        results.push({ ...base, status, message: failure, ms });
      }
    }
  } finally {
    const problem = await restore?.().catch((error: Error) => error.message);
    if (problem !== undefined) {
      results.push({
        id: 'http/metadata/restored',
        kind: 'http',
        status: 'failed',
        message: `the metadata of ${options.image ?? 'the image'} could not be restored: ${problem}`,
        ms: 0,
      });
    }
  }
  return applyFailureList(results, options.failureList ?? [], new Set(HTTP_CHECK_IDS));
}

async function discover(
  client: HttpClient,
  options: HttpConformanceOptions,
): Promise<CheckContext | { failure: string }> {
  try {
    const detail = await client.request('GET', '/images/detail', { headers: { accept: 'application/json' } });
    expectStatus(detail, 200, `GET ${client.root}/images/detail`);
    const list = bodyIn(detail, 'json', 'GET /images/detail') as { images?: { id: string; metadata?: unknown }[] };
    const images = Array.isArray(list.images) ? list.images : [];
    // Every id, across pages: the server may cut a page at its own maximum.
    const ids = images.map((image) => image.id);
    const chosen = options.image ?? ids[0];
    if (chosen === undefined) return { failure: 'the server lists no image: give it one, or --image ID' };
    const one = await client.request('GET', `/images/${encodeURIComponent(chosen)}`, {
      headers: { accept: 'application/json' },
    });
    expectStatus(one, 200, `GET /images/${chosen}`);
    const metadata = (bodyIn(one, 'json', `GET /images/${chosen}`) as { image?: { metadata?: unknown } }).image
      ?.metadata;
    return {
      client,
      imageId: chosen,
      metadata: (typeof metadata === 'object' && metadata !== null ? metadata : {}) as Record<string, string>,
      ids,
      hasToken: options.token !== undefined,
    };
  } catch (error) {
    return { failure: `cannot discover the server's images: ${(error as Error).message}` };
  }
}

async function restoreMetadata(client: HttpClient, context: CheckContext): Promise<string | undefined> {
  const path = `/images/${encodeURIComponent(context.imageId)}/metadata`;
  const answer = await client.request('PUT', path, {
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify({ metadata: context.metadata }),
  });
  return answer.status === 200 ? undefined : `PUT ${path} answered ${answer.status}`;
}
