import { Fault } from '@openstack-image/faults';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly url: string;
}

export interface HttpClientOptions {
  /** `http://host:port/v2/TENANT`: the root the images routes hang from. */
  readonly url: string;
  readonly token?: string;
  readonly fetch?: typeof fetch;
  /** Milliseconds each request may take. Defaults to 30 s. */
  readonly timeout?: number;
}

/** The requests the HTTP checks make: relative to the API root, the token added unless told not to. */
export class HttpClient {
  readonly root: string;
  readonly #token: string | undefined;
  readonly #fetch: typeof fetch;
  readonly #timeout: number;

  constructor(options: HttpClientOptions) {
    let root: URL;
    try {
      root = new URL(options.url);
    } catch {
      throw new Fault('badRequest', `--url ${JSON.stringify(options.url)} is not a URL (http://host:port/v2/TENANT)`);
    }
    if (root.protocol !== 'http:' && root.protocol !== 'https:') {
      throw new Fault('badRequest', `--url ${JSON.stringify(options.url)} is not an http(s) URL`);
    }
    this.root = root.href.replace(/\/+$/, '');
    this.#token = options.token;
    this.#fetch = options.fetch ?? fetch;
    this.#timeout = options.timeout ?? 30_000;
  }

  /** The URL of a path under the root (`/images/detail?limit=1`), or an absolute URL as it is. */
  resolve(path: string): string {
    return /^https?:\/\//.test(path) ? path : this.root + path;
  }

  async request(
    method: string,
    path: string,
    init: { headers?: Record<string, string>; body?: string; token?: boolean } = {},
  ): Promise<HttpAnswer> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.#token !== undefined && init.token !== false) headers['x-auth-token'] = this.#token;
    const url = this.resolve(path);
    const response = await this.#fetch(url, {
      method,
      headers,
      ...(init.body === undefined ? {} : { body: init.body }),
      redirect: 'manual',
      signal: AbortSignal.timeout(this.#timeout),
    });
    return { status: response.status, headers: response.headers, text: await response.text(), url };
  }
}
