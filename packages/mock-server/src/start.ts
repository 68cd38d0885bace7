import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { isFault } from '@openstack-image/faults';
import { GlanceImageStore } from '@openstack-image/glance-store';
import {
  createImagesApi,
  guardNodeServer,
  type ImagesApi,
  type ImagesApiOptions,
  MemoryImageStore,
  openApiDocument,
  toNodeListener,
} from '@openstack-image/http';
import type { Image } from '@openstack-image/schema';
import { SEED_TENANT, seedImages } from './seed-images.ts';
import { tokenAuthorizer } from './token-auth.ts';

export interface StartOptions {
  /** The port; 0 (the default) takes any free one. The `openstack-image-mock` command defaults to 8774. */
  readonly port?: number;
  /** The address to listen on. Defaults to `127.0.0.1`. */
  readonly host?: string;
  /** The images to serve, instead of the seed's image and Nova's samples. */
  readonly images?: readonly Image[];
  /** The tenant the images belong to, also the one `/v2/images` reads. Defaults to `openstack`. */
  readonly tenant?: string;
  /**
   * Token -> tenant (a `Map`, or a plain object). When given, every request needs an `X-Auth-Token`
   * good for the tenant it reads.
   */
  readonly tokens?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /** Milliseconds to wait before answering each request. */
  readonly latency?: number;
  /** The root of the links; defaults to each request's own host, so that links work wherever it runs. */
  readonly baseUrl?: string;
  /** The root of the `alternate` links; defaults to `baseUrl`. */
  readonly glanceBaseUrl?: string;
  /** The identity service a 401 names (`WWW-Authenticate: Keystone uri='...'`); defaults to the links' root. */
  readonly identityUrl?: string;
  /** Where unexpected errors (never faults) are reported. Defaults to `console.error`. */
  readonly log?: (message: string) => void;
  /** How long `close()` waits for requests in flight before it cuts their connections. Defaults to 10 s. */
  readonly closeTimeout?: number;
  /** Milliseconds a client has to send a request's head (408 fault after). Defaults to 10 000. */
  readonly headersTimeout?: number;
  /** Milliseconds a client has to send a whole request, body included (408 fault after). Defaults to 30 000. */
  readonly requestTimeout?: number;
  /** The most connections open at once; more are closed as they come. Defaults to 512. */
  readonly maxConnections?: number;
}

/** Where a server on a real Glance v2 finds it, and how it tells Glance who is asking. */
export interface GlanceOptions {
  /** Glance's endpoint: `http://glance.example.com:9292`. Also the default root of the `alternate` links. */
  readonly url: string;
  /**
   * `trusted` (the default): the tenant in the path (or the one `--token` names) is sent as Glance's
   * identity headers: for a Glance that trusts this server. `pass-through`: each request's
   * `X-Auth-Token` goes to a Keystone-protected Glance as it came.
   */
  readonly identity?: 'trusted' | 'pass-through';
  /** Milliseconds Glance has to answer; then 503 serviceUnavailable. Defaults to 30 000. */
  readonly timeout?: number;
}

export interface MockServer {
  /** `http://127.0.0.1:PORT`: the API is at `${url}/v2/{tenant}/images`. */
  readonly url: string;
  readonly port: number;
  /** The store behind the server: put images in, look at what requests changed. */
  readonly store: MemoryImageStore;
  /** Stops accepting connections, lets requests in flight complete, then resolves. */
  close(): Promise<void>;
}

/**
 * Starts the mock Images API: the routes of `@openstack-image/http` on an in-memory store, seeded
 * with the seed's image and Nova's sample images under tenant `openstack`. For test suites:
 * `const mock = await start(); ... await mock.close();`.
 */
export async function start(options: StartOptions = {}): Promise<MockServer> {
  const tenant = options.tenant ?? SEED_TENANT;
  const store = new MemoryImageStore({ defaultTenant: tenant });
  for (const image of options.images ?? seedImages()) store.put(tenant, image);
  const listening = await serve(options, () => createImagesApi({ store, ...apiOptions(options) }));
  return { ...listening, store };
}

export interface GlanceServer {
  /** `http://127.0.0.1:PORT`: the API is at `${url}/v2/{tenant}/images`. */
  readonly url: string;
  readonly port: number;
  /** The store behind the server (in pass-through mode, the one each request's token is bound to). */
  readonly store: GlanceImageStore;
  /** Stops accepting connections, lets requests in flight complete, then resolves. */
  close(): Promise<void>;
}

/**
 * Starts the Images API on a real Glance v2 (`@openstack-image/glance-store`): nothing is kept in
 * this process, so any number of them can serve one Glance. `tenant` is the one `/v2/images` reads
 * (trusted identity); `images` are not used (the images are Glance's).
 */
export async function startOnGlance(options: StartOptions & { readonly glance: GlanceOptions }): Promise<GlanceServer> {
  const { glance } = options;
  let store: GlanceImageStore | undefined;
  const listening = await serve(options, (url) => {
    store = new GlanceImageStore({
      url: glance.url,
      // Server links: the configured root, else this server's own address.
      computeUrl: options.baseUrl ?? url,
      identity: { mode: glance.identity ?? 'trusted' },
      defaultTenant: options.tenant ?? SEED_TENANT,
      ...(glance.timeout === undefined ? {} : { timeout: glance.timeout }),
    });
    const shared = { glanceBaseUrl: glance.url, ...apiOptions(options) };
    if (glance.identity !== 'pass-through') return createImagesApi({ store, ...shared });
    // Each request acts with its own token: a store bound to it, behind the same routes.
    const bound = store;
    return {
      maxBodyBytes: createImagesApi({ store: bound, ...shared }).maxBodyBytes,
      handle: (request) =>
        createImagesApi({ store: bound.withToken(request.headers['x-auth-token']), ...shared }).handle(request),
    };
  });
  return { ...listening, store: store! };
}

function apiOptions(options: StartOptions): Omit<ImagesApiOptions, 'store'> {
  const log = options.log ?? ((message: string) => console.error(message));
  return {
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    ...(options.glanceBaseUrl === undefined ? {} : { glanceBaseUrl: options.glanceBaseUrl }),
    ...(options.identityUrl === undefined ? {} : { identityUrl: options.identityUrl }),
    ...(options.tokens === undefined ? {} : { authorize: tokenAuthorizer(options.tokens) }),
    onError: (error, { request, requestId }) => {
      // inspect, not .stack: it shows an error's cause too (what the codec refused in an answer).
      // The request id is the answer's x-compute-request-id: the client's log joins this one.
      if (!isFault(error)) log(`${requestId} ${request.method} ${request.url}: ${inspect(error)}`);
    },
  };
}

/** Listens (port 0: a free one), then builds the API for the address it got, and serves it. */
async function serve(
  options: StartOptions,
  build: (url: string) => ImagesApi,
): Promise<{ url: string; port: number; close(): Promise<void> }> {
  let listener: ReturnType<typeof toNodeListener> | undefined;
  const openApi = JSON.stringify(openApiDocument(options.baseUrl === undefined ? {} : { serverUrl: options.baseUrl }));
  let closing = false;
  const server = createServer((req, res) => {
    if (closing) res.setHeader('connection', 'close');
    res.on('close', () => {
      // A connection whose last answer just left is idle now: let a closing server drop it.
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
    if (req.url === '/openapi.json' && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(openApi) });
      res.end(req.method === 'HEAD' ? undefined : openApi);
      return;
    }
    if (listener === undefined) res.writeHead(503).end();
    else listener(req, res);
  });
  guardNodeServer(server, {
    ...(options.headersTimeout === undefined ? {} : { headersTimeout: options.headersTimeout }),
    ...(options.requestTimeout === undefined ? {} : { requestTimeout: options.requestTimeout }),
    ...(options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections }),
  });
  server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await Promise.race([
    once(server, 'listening'),
    once(server, 'error').then(([error]) => {
      throw error;
    }),
  ]);
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const core = build(url);
  const latency = options.latency ?? 0;
  const api: ImagesApi =
    latency > 0
      ? {
          maxBodyBytes: core.maxBodyBytes,
          handle: (request) => new Promise((resolve) => setTimeout(resolve, latency)).then(() => core.handle(request)),
        }
      : core;
  listener = toNodeListener(api);

  let closed: Promise<void> | undefined;
  return {
    url,
    port: address.port,
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        closing = true;
        const cut = setTimeout(() => server.closeAllConnections(), options.closeTimeout ?? 10_000);
        cut.unref();
        server.close((error) => {
          clearTimeout(cut);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      });
      return closed;
    },
  };
}
