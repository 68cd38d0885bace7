import type { Level } from '../manifest.ts';
import { valueDifference } from '../value-difference.ts';
import type { XmlInfoset } from '../xml-infoset.ts';
import {
  ATOM_NS,
  attribute,
  bodyIn,
  children,
  expectFault,
  expectStatus,
  type Format,
  fail,
  formatOf,
  xmlMetadata,
} from './answers.ts';
import type { HttpClient } from './http-client.ts';

/** What the checks share: the client, and the image they read (and, unless read-only, write). */
export interface CheckContext {
  readonly client: HttpClient;
  /** The image the checks use: `--image`, else the first of the detail list. */
  readonly imageId: string;
  /** Its metadata as the detail list gave it, to compare reads with and to restore after writes. */
  readonly metadata: Readonly<Record<string, string>>;
  /** Every image id of the detail list, in order. */
  readonly ids: readonly string[];
  readonly hasToken: boolean;
}

export interface HttpCheck {
  readonly id: string;
  readonly mediaType: string;
  readonly level: Level;
  readonly tags: readonly string[];
  /** Writes to the server: not run with `readOnly`. */
  readonly writes?: boolean;
  /** Why it cannot run on this server, if it cannot (no token given, too few images...). */
  readonly needs?: (context: CheckContext) => string | undefined;
  /** WIRE.md's rule, in words, for the report. */
  readonly rule: string;
  run(context: CheckContext): Promise<void>;
}

const COMMON_NS = 'http://docs.openstack.org/common/api/v1.0';
const TYPES: Record<Format, string> = { json: 'application/json', xml: 'application/xml' };
const ACCEPT: Record<Format, Record<string, string>> = {
  json: { accept: 'application/json' },
  xml: { accept: 'application/xml' },
};
const enc = encodeURIComponent;
const missingId = () => `conformance-missing-${Math.random().toString(36).slice(2, 10)}`;
const needsTwo = (c: CheckContext) => (c.ids.length < 2 ? 'needs a server with at least two images' : undefined);

/** The image id an image answer names, in either format. */
function imageIdIn(body: unknown, format: Format): string | undefined {
  if (format === 'json') return (body as { image?: { id?: unknown } })?.image?.id as string | undefined;
  const root = body as XmlInfoset;
  return root.name === `{http://docs.openstack.org/compute/api/v1.1}image` ? attribute(root, 'id') : undefined;
}

/** One list page in either format: its ids, and its next link (href) if any. */
function pageOf(body: unknown, format: Format): { ids: string[]; next: string | undefined } {
  if (format === 'json') {
    const list = body as { images?: { id: string }[]; images_links?: { rel: string; href: string }[] };
    if (!Array.isArray(list?.images)) fail(`expected {"images": [...]}, got ${JSON.stringify(body).slice(0, 120)}`);
    return {
      ids: list.images.map((image) => image.id),
      next: list.images_links?.find((link) => link.rel === 'next')?.href,
    };
  }
  const root = body as XmlInfoset;
  if (root.name !== '{http://docs.openstack.org/compute/api/v1.1}images') fail(`expected <images>, got ${root.name}`);
  const next = children(root, 'link', ATOM_NS).find((link) => attribute(link, 'rel') === 'next');
  return {
    ids: children(root, 'image').map((image) => attribute(image, 'id') ?? ''),
    next: next && attribute(next, 'href'),
  };
}

function both(make: (format: Format) => HttpCheck): HttpCheck[] {
  return [make('json'), make('xml')];
}

function negotiation(
  name: string,
  rule: string,
  expected: Format,
  request: (c: CheckContext) => { path: string; headers?: Record<string, string> },
  level: Level = 'required',
): HttpCheck {
  return {
    id: `http/negotiation/${name}`,
    mediaType: TYPES[expected],
    level,
    tags: ['http', 'negotiation', expected],
    rule,
    async run(c) {
      const { path, headers } = request(c);
      const answer = await c.client.request('GET', path, headers === undefined ? {} : { headers });
      expectStatus(answer, 200, `GET ${path}`);
      const body = bodyIn(answer, expected, `GET ${path}`);
      if (imageIdIn(body, expected) !== c.imageId) fail(`GET ${path}: the answer is not the image ${c.imageId}`);
    },
  };
}

const image = (c: CheckContext) => `/images/${enc(c.imageId)}`;

export const HTTP_CHECKS: readonly HttpCheck[] = [
  negotiation('default-json', 'without a suffix or an Accept header, the answer is JSON', 'json', (c) => ({
    path: image(c),
  })),
  ...both((f) =>
    negotiation(`accept-${f}`, `Accept: ${TYPES[f]} chooses ${f.toUpperCase()}`, f, (c) => ({
      path: image(c),
      headers: ACCEPT[f],
    })),
  ),
  ...both((f) =>
    negotiation(`vendor-${f}`, `Accept: application/vnd.openstack.compute+${f} chooses ${f.toUpperCase()}`, f, (c) => ({
      path: image(c),
      headers: { accept: `application/vnd.openstack.compute+${f}` },
    })),
  ),
  ...both((f) =>
    negotiation(`suffix-${f}`, `a .${f} suffix wins over the Accept header`, f, (c) => ({
      path: `${image(c)}.${f}`,
      headers: ACCEPT[f === 'json' ? 'xml' : 'json'],
    })),
  ),
  negotiation('q-values-xml', 'Accept q-values: the higher q wins (xml;q=0.9 over json;q=0.5)', 'xml', (c) => ({
    path: image(c),
    headers: { accept: 'application/json;q=0.5, application/xml;q=0.9' },
  })),
  negotiation('q-values-json', 'Accept q-values: an absent q is 1 (json over xml;q=0.1)', 'json', (c) => ({
    path: image(c),
    headers: { accept: 'application/xml;q=0.1, application/json' },
  })),
  negotiation('q-zero', 'q=0 refuses a type: xml;q=0 with */* answers JSON', 'json', (c) => ({
    path: image(c),
    headers: { accept: 'application/xml;q=0, */*;q=0.1' },
  })),
  negotiation(
    'unknown-accept-json',
    'an Accept that names nothing on offer gets JSON, as from Nova (never 406)',
    'json',
    (c) => ({ path: image(c), headers: { accept: 'text/html' } }),
    'recommended',
  ),
  ...both((f) => ({
    id: `http/negotiation/content-type-names-vendor-${f}`,
    mediaType: TYPES[f],
    level: 'recommended' as const,
    tags: ['http', 'negotiation', f],
    rule: 'the Content-Type names what was chosen: the vendor type when the client asked for it',
    async run(c: CheckContext) {
      const vendor = `application/vnd.openstack.compute+${f}`;
      const answer = await c.client.request('GET', image(c), { headers: { accept: vendor } });
      const type = (answer.headers.get('content-type') ?? '').split(';')[0]!.trim();
      if (type !== vendor && type !== TYPES[f]) fail(`Content-Type ${type} names neither ${vendor} nor ${TYPES[f]}`);
    },
  })),
  ...both((f) => ({
    id: `http/head/image-${f}`,
    mediaType: TYPES[f],
    level: 'required' as const,
    tags: ['http', 'head', f],
    rule: 'HEAD answers like GET: same status and Content-Type, no body',
    async run(c: CheckContext) {
      const get = await c.client.request('GET', image(c), { headers: ACCEPT[f] });
      const head = await c.client.request('HEAD', image(c), { headers: ACCEPT[f] });
      expectStatus(head, get.status, `HEAD ${image(c)}`);
      if (formatOf(head) !== f) fail(`HEAD ${image(c)}: Content-Type ${head.headers.get('content-type')}`);
      if (head.text !== '') fail(`HEAD ${image(c)}: the answer has a body`);
      const length = head.headers.get('content-length');
      if (length !== null && Number(length) !== new TextEncoder().encode(get.text).length) {
        fail(`HEAD ${image(c)}: Content-Length ${length} is not the GET body's length`);
      }
    },
  })),
  ...both((f) => ({
    id: `http/head/missing-${f}`,
    mediaType: TYPES[f],
    level: 'required' as const,
    tags: ['http', 'head', 'faults', f],
    rule: 'HEAD of an unknown image: 404 with no body',
    async run(c: CheckContext) {
      const head = await c.client.request('HEAD', `/images/${missingId()}`, { headers: ACCEPT[f] });
      expectStatus(head, 404, 'HEAD of an unknown image');
      if (head.text !== '') fail('HEAD of an unknown image: the answer has a body');
    },
  })),

  // Faults of every status a client can provoke without harm.
  ...both((f) => ({
    id: `http/faults/404-image-${f}`,
    mediaType: TYPES[f],
    level: 'required' as const,
    tags: ['http', 'faults', f],
    rule: 'an unknown image is 404 itemNotFound, in the negotiated format',
    async run(c: CheckContext) {
      const path = `/images/${missingId()}`;
      expectFault(await c.client.request('GET', path, { headers: ACCEPT[f] }), 404, f, `GET ${path}`, 'itemNotFound');
    },
  })),
  ...both((f) => ({
    id: `http/faults/404-suffix-${f}`,
    mediaType: TYPES[f],
    level: 'required' as const,
    tags: ['http', 'faults', 'negotiation', f],
    rule: "faults use the same negotiation: a .suffix chooses the fault's format",
    async run(c: CheckContext) {
      const path = `/images/${missingId()}.${f}`;
      expectFault(await c.client.request('GET', path), 404, f, `GET ${path}`, 'itemNotFound');
    },
  })),
  ...both((f) => ({
    id: `http/faults/404-meta-key-${f}`,
    mediaType: TYPES[f],
    level: 'required' as const,
    tags: ['http', 'faults', 'metadata', f],
    rule: 'a missing metadata key is 404',
    async run(c: CheckContext) {
      const path = `${image(c)}/metadata/${missingId()}`;
      expectFault(await c.client.request('GET', path, { headers: ACCEPT[f] }), 404, f, `GET ${path}`, 'itemNotFound');
    },
  })),
  ...both((f) => ({
    id: `http/faults/400-unknown-marker-${f}`,
    mediaType: TYPES[f],
    level: 'required' as const,
    tags: ['http', 'faults', 'paging', f],
    rule: 'an unknown marker is 400 badRequest',
    async run(c: CheckContext) {
      const path = `/images/detail?marker=${missingId()}`;
      expectFault(await c.client.request('GET', path, { headers: ACCEPT[f] }), 400, f, `GET ${path}`, 'badRequest');
    },
  })),
  ...both((f) => ({
    id: `http/faults/400-bad-limit-${f}`,
    mediaType: TYPES[f],
    level: 'required' as const,
    tags: ['http', 'faults', 'paging', f],
    rule: 'a limit that is not an integer >= 0 is 400 badRequest',
    async run(c: CheckContext) {
      for (const limit of ['-1', 'ten']) {
        const path = `/images?limit=${limit}`;
        expectFault(await c.client.request('GET', path, { headers: ACCEPT[f] }), 400, f, `GET ${path}`, 'badRequest');
      }
    },
  })),
  ...both((f) => ({
    id: `http/faults/405-post-images-${f}`,
    mediaType: TYPES[f],
    level: 'required' as const,
    tags: ['http', 'faults', 'routes', f],
    rule: "POST .../images is 405 badMethod (Nova's one 405), with Allow naming the methods",
    async run(c: CheckContext) {
      const answer = await c.client.request('POST', '/images', {
        headers: { ...ACCEPT[f], 'content-type': 'application/json' },
        body: '{"image": {"name": "conformance"}}',
      });
      expectFault(answer, 405, f, 'POST /images', 'badMethod');
      const allow = (answer.headers.get('allow') ?? '').split(',').map((m) => m.trim().toUpperCase());
      if (!allow.includes('GET'))
        fail(`POST /images: Allow is ${JSON.stringify(answer.headers.get('allow'))}, not a list with GET`);
      if (allow.includes('POST')) fail('POST /images: Allow names POST');
    },
  })),
  ...both((f) => ({
    id: `http/faults/401-no-token-${f}`,
    mediaType: TYPES[f],
    level: 'required' as const,
    tags: ['http', 'faults', 'auth', f],
    rule: 'a request without a token is 401 unauthorized',
    needs: (c: CheckContext) => (c.hasToken ? undefined : 'needs --token (a server that checks tokens)'),
    async run(c: CheckContext) {
      const answer = await c.client.request('GET', image(c), { headers: ACCEPT[f], token: false });
      expectFault(answer, 401, f, 'GET without a token', 'unauthorized');
    },
  })),
  {
    id: 'http/faults/401-www-authenticate',
    mediaType: TYPES.json,
    level: 'recommended',
    tags: ['http', 'faults', 'auth', 'json'],
    rule: "a 401 carries WWW-Authenticate: Keystone uri='<identity url>'",
    needs: (c) => (c.hasToken ? undefined : 'needs --token (a server that checks tokens)'),
    async run(c) {
      const answer = await c.client.request('GET', image(c), { token: false });
      expectStatus(answer, 401, 'GET without a token');
      if (!/^Keystone uri=/.test(answer.headers.get('www-authenticate') ?? '')) {
        fail(`WWW-Authenticate is ${JSON.stringify(answer.headers.get('www-authenticate'))}`);
      }
    },
  },
  {
    id: 'http/headers/request-id',
    mediaType: TYPES.json,
    level: 'required',
    tags: ['http', 'headers', 'json'],
    rule: 'every answer carries x-compute-request-id: req-<uuid4>, faults included',
    async run(c) {
      for (const path of [image(c), `/images/${missingId()}`]) {
        const id = (await c.client.request('GET', path)).headers.get('x-compute-request-id') ?? '';
        if (!/^req-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)) {
          fail(`GET ${path}: x-compute-request-id is ${JSON.stringify(id)}`);
        }
      }
    },
  },

  // Version discovery (WIRE.md, "Versions, routes and headers"): what SDKs ask for first.
  ...both((f) => ({
    id: `http/versions/root-${f}`,
    mediaType: TYPES[f],
    level: 'required' as const,
    tags: ['http', 'versions', f],
    rule: 'GET / lists the versions (v2.0 with its self link), without authentication',
    async run(c: CheckContext) {
      const url = `${new URL(c.client.root).origin}/`;
      const answer = await c.client.request('GET', url, { headers: ACCEPT[f], token: false });
      expectStatus(answer, 200, 'GET /');
      const body = bodyIn(answer, f, 'GET /');
      const ids =
        f === 'json'
          ? ((body as { versions?: { id?: unknown }[] }).versions ?? []).map((v) => v.id)
          : (body as XmlInfoset).name === `{${COMMON_NS}}versions`
            ? children(body as XmlInfoset, 'version', COMMON_NS).map((v) => attribute(v, 'id'))
            : fail(`GET /: the root element is ${(body as XmlInfoset).name}, not versions`);
      if (!ids.includes('v2.0')) fail(`GET /: no version v2.0 among ${JSON.stringify(ids)}`);
    },
  })),
  ...both((f) => ({
    id: `http/versions/v2-${f}`,
    mediaType: TYPES[f],
    level: 'required' as const,
    tags: ['http', 'versions', f],
    rule: 'GET /v2/ answers the v2.0 version document with its media types',
    async run(c: CheckContext) {
      const url = `${new URL(c.client.root).origin}/v2/`;
      const answer = await c.client.request('GET', url, { headers: ACCEPT[f] });
      expectStatus(answer, 200, 'GET /v2/');
      const body = bodyIn(answer, f, 'GET /v2/');
      if (f === 'json') {
        const version = (body as { version?: { id?: unknown; 'media-types'?: unknown[] } }).version;
        if (version?.id !== 'v2.0')
          fail(`GET /v2/: expected {"version": {"id": "v2.0", ...}}, got ${answer.text.slice(0, 120)}`);
        if (!Array.isArray(version['media-types']) || version['media-types'].length === 0)
          fail('GET /v2/: no media-types');
      } else {
        const root = body as XmlInfoset;
        if (root.name !== `{${COMMON_NS}}version` || attribute(root, 'id') !== 'v2.0') {
          fail(`GET /v2/: expected <version id="v2.0"> in ${COMMON_NS}, got ${root.name}`);
        }
        const types = children(root, 'media-types', COMMON_NS).flatMap((m) => children(m, 'media-type', COMMON_NS));
        if (types.length === 0) fail('GET /v2/: no <media-type>');
      }
    },
  })),
  {
    id: 'http/versions/v2-redirect',
    mediaType: TYPES.json,
    level: 'required',
    tags: ['http', 'versions', 'json'],
    rule: 'GET /v2 answers 302 with Location: {base}/v2/',
    async run(c) {
      const url = `${new URL(c.client.root).origin}/v2`;
      const answer = await c.client.request('GET', url);
      expectStatus(answer, 302, 'GET /v2');
      const location = answer.headers.get('location') ?? '';
      if (!/\/v2\/$/.test(new URL(location, url).pathname)) fail(`GET /v2: Location is ${JSON.stringify(location)}`);
    },
  },
  {
    id: 'http/versions/accept-version-parameter',
    mediaType: TYPES.json,
    level: 'recommended',
    tags: ['http', 'versions', 'negotiation', 'json'],
    rule: 'Accept: application/json;version=2 on / answers the /v2/ document',
    async run(c) {
      const url = `${new URL(c.client.root).origin}/`;
      const answer = await c.client.request('GET', url, {
        headers: { accept: 'application/json;version=2' },
        token: false,
      });
      expectStatus(answer, 200, 'GET / with version=2');
      const body = bodyIn(answer, 'json', 'GET / with version=2') as { version?: { id?: unknown } };
      if (body.version?.id !== 'v2.0')
        fail(`GET / with version=2: not the v2.0 document: ${answer.text.slice(0, 120)}`);
    },
  },

  // Nova's route table: 404 where it had no route at all (a conforming server changes nothing).
  ...(
    [
      ['put-image', 'PUT', (c: CheckContext) => image(c)],
      ['delete-images', 'DELETE', () => '/images'],
      ['delete-blank-id', 'DELETE', () => '/images/'],
      ['delete-metadata', 'DELETE', (c: CheckContext) => `${image(c)}/metadata`],
      ['post-meta-key', 'POST', (c: CheckContext) => `${image(c)}/metadata/conformance-key`],
    ] as const
  ).map(
    ([name, method, path]): HttpCheck => ({
      id: `http/routes/${name}-404`,
      mediaType: TYPES.json,
      level: 'required',
      tags: ['http', 'routes', 'faults', 'json'],
      writes: true,
      rule: `${method} where Nova had no route is 404 itemNotFound, not 405`,
      async run(c) {
        const answer = await c.client.request(method, path(c), {
          headers: { 'content-type': 'application/json' },
          body: '{"meta": {"conformance-key": "v"}}',
        });
        expectFault(answer, 404, 'json', `${method} ${path(c)}`, 'itemNotFound');
      },
    }),
  ),

  // Lists: index and detail, paging and next links.
  ...both((f) => ({
    id: `http/lists/index-${f}`,
    mediaType: TYPES[f],
    level: 'required' as const,
    tags: ['http', 'lists', f],
    rule: 'the index lists id, name and links of every image, the detail list the full images, in the same order',
    async run(c: CheckContext) {
      const index = await c.client.request('GET', '/images', { headers: ACCEPT[f] });
      expectStatus(index, 200, 'GET /images');
      const page = pageOf(bodyIn(index, f, 'GET /images'), f);
      const difference = valueDifference(page.ids, c.ids.slice(0, page.ids.length));
      if (difference !== undefined) fail(`GET /images lists other ids than /images/detail: ${difference}`);
      if (f === 'json') {
        const body = JSON.parse(index.text) as { images: Record<string, unknown>[] };
        for (const entry of body.images) {
          if (!('name' in entry) || !Array.isArray(entry.links))
            fail(`an index entry lacks name or links: ${JSON.stringify(entry)}`);
        }
      }
    },
  })),
  ...both((f) => ({
    id: `http/lists/detail-${f}`,
    mediaType: TYPES[f],
    level: 'required' as const,
    tags: ['http', 'lists', f],
    rule: 'the detail list holds full images: with metadata, status and links',
    async run(c: CheckContext) {
      const detail = await c.client.request('GET', '/images/detail', { headers: ACCEPT[f] });
      expectStatus(detail, 200, 'GET /images/detail');
      const body = bodyIn(detail, f, 'GET /images/detail');
      const page = pageOf(body, f);
      if (page.ids.length === 0) fail('GET /images/detail lists no image');
      if (f === 'xml') {
        for (const entry of children(body as never, 'image')) {
          if (children(entry, 'metadata').length !== 1)
            fail(`<image id="${attribute(entry, 'id')}"> has no <metadata>`);
        }
      } else {
        for (const entry of (body as unknown as { images: Record<string, unknown>[] }).images) {
          if (typeof entry.metadata !== 'object' || !Array.isArray(entry.links)) {
            fail(`a detail entry lacks metadata or links: ${JSON.stringify(entry).slice(0, 120)}`);
          }
        }
      }
    },
  })),
  ...(['/images', '/images/detail'] as const).flatMap((collection) =>
    both(
      (f): HttpCheck => ({
        id: `http/paging/${collection === '/images' ? 'index' : 'detail'}-next-${f}`,
        mediaType: TYPES[f],
        level: 'required',
        tags: ['http', 'lists', 'paging', f],
        needs: needsTwo,
        rule: `a full page of ${collection} carries a next link to ${collection} with marker = the last id; following the links walks every image once`,
        async run(c) {
          const seen: string[] = [];
          let path: string | undefined = `${collection}?limit=1`;
          for (let pages = 0; path !== undefined; pages++) {
            if (pages > c.ids.length + 1) fail(`the next links of ${collection} do not end after ${pages} pages`);
            const answer = await c.client.request('GET', path, { headers: ACCEPT[f] });
            expectStatus(answer, 200, `GET ${path}`);
            const page = pageOf(bodyIn(answer, f, `GET ${path}`), f);
            if (page.ids.length > 1) fail(`GET ${path}: limit=1 answered ${page.ids.length} images`);
            seen.push(...page.ids);
            if (page.next !== undefined) {
              const next = new URL(page.next, c.client.resolve(path));
              if (next.pathname.replace(/\.(json|xml)$/, '') !== new URL(c.client.root).pathname + collection) {
                fail(`GET ${path}: the next link ${page.next} does not point at ${collection}`);
              }
              if (next.searchParams.get('marker') !== page.ids.at(-1)) {
                fail(
                  `GET ${path}: the next link's marker is ${next.searchParams.get('marker')}, not the page's last id ${page.ids.at(-1)}`,
                );
              }
              if (next.searchParams.get('limit') !== '1') fail(`GET ${path}: the next link does not repeat limit=1`);
              if (page.ids.length === 0) fail(`GET ${path}: an empty page has a next link`);
            } else if (page.ids.length === 1 && seen.length < c.ids.length) {
              fail(`GET ${path}: a full page without a next link, after ${seen.length} of ${c.ids.length} images`);
            }
            path = page.next === undefined ? undefined : new URL(page.next, c.client.resolve(path)).href;
          }
          const difference = valueDifference(seen, [...c.ids]);
          if (difference !== undefined) fail(`walking the next links of ${collection} gave other ids: ${difference}`);
        },
      }),
    ),
  ),

  // Metadata reads.
  ...both((f) => ({
    id: `http/metadata/collection-${f}`,
    mediaType: TYPES[f],
    level: 'required' as const,
    tags: ['http', 'metadata', f],
    rule: 'GET .../metadata answers the image\'s metadata: {"metadata": {...}} or <metadata>',
    async run(c: CheckContext) {
      const path = `${image(c)}/metadata`;
      const answer = await c.client.request('GET', path, { headers: ACCEPT[f] });
      expectStatus(answer, 200, `GET ${path}`);
      const body = bodyIn(answer, f, `GET ${path}`);
      const metadata = f === 'json' ? (body as { metadata?: unknown }).metadata : xmlMetadata(body as never);
      if (f === 'xml' && (body as { name: string }).name !== '{http://docs.openstack.org/compute/api/v1.1}metadata') {
        fail(`GET ${path}: the root element is not <metadata>`);
      }
      const difference = valueDifference(metadata, c.metadata);
      if (difference !== undefined) fail(`GET ${path}: not the metadata of the detail list: ${difference}`);
    },
  })),
  ...both((f) => ({
    id: `http/metadata/item-${f}`,
    mediaType: TYPES[f],
    level: 'required' as const,
    tags: ['http', 'metadata', f],
    needs: (c: CheckContext) => (Object.keys(c.metadata).length === 0 ? 'needs an image with metadata' : undefined),
    rule: 'GET .../metadata/{key} answers {"meta": {key: value}} or <meta key>value</meta>',
    async run(c: CheckContext) {
      const key = Object.keys(c.metadata)[0]!;
      const path = `${image(c)}/metadata/${enc(key)}`;
      const answer = await c.client.request('GET', path, { headers: ACCEPT[f] });
      expectStatus(answer, 200, `GET ${path}`);
      const body = bodyIn(answer, f, `GET ${path}`);
      const item = f === 'json' ? (body as { meta?: unknown }).meta : xmlMetadata(body as never);
      const difference = valueDifference(item, { [key]: c.metadata[key] });
      if (difference !== undefined) fail(`GET ${path}: ${difference}`);
    },
  })),

  // Metadata writes, on the image given, restored afterwards.
  ...both(
    (f): HttpCheck => ({
      id: `http/metadata/writes-${f}`,
      mediaType: TYPES[f],
      level: 'required',
      tags: ['http', 'metadata', 'writes', f],
      writes: true,
      rule: 'POST merges and PUT replaces (200, the full set); PUT .../{key} sets one (200); DELETE .../{key} is 204, then 404',
      async run(c) {
        const path = `${image(c)}/metadata`;
        const key = `conformance-${f}`;
        const send = (method: string, at: string, value: Record<string, string>, wrap: 'metadata' | 'meta') =>
          c.client.request(method, at, {
            headers: { ...ACCEPT[f], 'content-type': TYPES[f] },
            body: f === 'json' ? JSON.stringify({ [wrap]: value }) : xmlBody(wrap, value),
          });
        const read = (answer: Awaited<ReturnType<typeof send>>, what: string) => {
          const body = bodyIn(answer, f, what);
          return f === 'json' ? (Object.values(body as object)[0] as unknown) : xmlMetadata(body as never);
        };
        const expectSet = (actual: unknown, expected: Record<string, string>, what: string) => {
          const difference = valueDifference(actual, expected);
          if (difference !== undefined) fail(`${what}: ${difference}`);
        };

        const merged = await send('POST', path, { [key]: 'merged' }, 'metadata');
        expectStatus(merged, 200, `POST ${path}`);
        expectSet(read(merged, `POST ${path}`), { ...c.metadata, [key]: 'merged' }, `POST ${path} (merge)`);

        const itemPath = `${path}/${enc(key)}`;
        const put = await send('PUT', itemPath, { [key]: 'put <&>' }, 'meta');
        expectStatus(put, 200, `PUT ${itemPath}`);
        expectSet(read(put, `PUT ${itemPath}`), { [key]: 'put <&>' }, `PUT ${itemPath}`);
        const got = await c.client.request('GET', itemPath, { headers: ACCEPT[f] });
        expectSet(read(got, `GET ${itemPath}`), { [key]: 'put <&>' }, `GET ${itemPath} after PUT`);

        const mismatch = await send('PUT', itemPath, { other: 'v' }, 'meta');
        expectFault(mismatch, 400, f, `PUT ${itemPath} with another key in the body`, 'badRequest');

        const deleted = await c.client.request('DELETE', itemPath, { headers: ACCEPT[f] });
        expectStatus(deleted, 204, `DELETE ${itemPath}`);
        if (deleted.text !== '') fail(`DELETE ${itemPath}: a 204 with a body`);
        expectFault(
          await c.client.request('GET', itemPath, { headers: ACCEPT[f] }),
          404,
          f,
          `GET ${itemPath} after DELETE`,
        );

        const replaced = await send('PUT', path, { [key]: 'only' }, 'metadata');
        expectStatus(replaced, 200, `PUT ${path}`);
        expectSet(read(replaced, `PUT ${path}`), { [key]: 'only' }, `PUT ${path} (replace)`);
      },
    }),
  ),
  ...both(
    (f): HttpCheck => ({
      id: `http/faults/415-${f}`,
      mediaType: TYPES[f],
      level: 'required',
      tags: ['http', 'faults', 'metadata', 'writes', f],
      writes: true,
      rule: 'a body in a media type the server does not read is 415 badMediaType',
      async run(c) {
        const path = `${image(c)}/metadata`;
        const answer = await c.client.request('POST', path, {
          headers: { ...ACCEPT[f], 'content-type': 'text/plain' },
          body: 'conformance=1',
        });
        expectFault(answer, 415, f, `POST ${path} with text/plain`, 'badMediaType');
      },
    }),
  ),
  ...both(
    (f): HttpCheck => ({
      id: `http/faults/400-malformed-body-${f}`,
      mediaType: TYPES[f],
      level: 'required',
      tags: ['http', 'faults', 'metadata', 'writes', f],
      writes: true,
      rule: 'a malformed body is 400 badRequest',
      async run(c) {
        const path = `${image(c)}/metadata`;
        const answer = await c.client.request('POST', path, {
          headers: { ...ACCEPT[f], 'content-type': TYPES[f] },
          body: f === 'json' ? '{"metadata": ' : '<metadata xmlns="http://docs.openstack.org/compute/api/v1.1">',
        });
        expectFault(answer, 400, f, `POST ${path} with a malformed body`, 'badRequest');
      },
    }),
  ),
  {
    id: 'http/faults/413-json',
    mediaType: TYPES.json,
    level: 'recommended',
    tags: ['http', 'faults', 'limits', 'writes', 'json'],
    writes: true,
    rule: "a body past the server's limit (1 MiB by default) is 413 overLimit",
    async run(c) {
      const path = `${image(c)}/metadata`;
      const body = `{"metadata": {"k": "${'v'.repeat(1024 * 1024)}"}}`;
      const answer = await c.client.request('POST', path, { headers: { 'content-type': 'application/json' }, body });
      expectFault(answer, 413, 'json', `POST ${path} with 1 MiB`, 'overLimit');
    },
  },
  {
    id: 'http/faults/403-metadata-quota-json',
    mediaType: TYPES.json,
    level: 'recommended',
    tags: ['http', 'faults', 'metadata', 'writes', 'json'],
    writes: true,
    rule: 'more metadata items than the quota (128 by default) is 403 forbidden, and changes nothing',
    async run(c) {
      const path = `${image(c)}/metadata`;
      const many = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`conformance-${i}`, 'v']));
      const answer = await c.client.request('PUT', path, {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ metadata: many }),
      });
      expectFault(answer, 403, 'json', `PUT ${path} with 200 items`, 'forbidden');
    },
  },
];

function xmlBody(wrap: 'metadata' | 'meta', value: Record<string, string>): string {
  const esc = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/>/g, '&gt;');
  const ns = 'xmlns="http://docs.openstack.org/compute/api/v1.1"';
  const entries = Object.entries(value);
  if (wrap === 'meta') return `<meta ${ns} key="${esc(entries[0]![0])}">${esc(entries[0]![1])}</meta>`;
  return `<metadata ${ns}>${entries.map(([k, v]) => `<meta key="${esc(k)}">${esc(v)}</meta>`).join('')}</metadata>`;
}
