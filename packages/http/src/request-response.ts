/**
 * A request as the transport-neutral core sees it. Header names are lower-case (both bindings
 * pass them so); `url` is absolute (`http://host/v2/...`) or a path with its query.
 */
export interface ApiRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The body as received; a binding passes at most `maxBodyBytes + 1` bytes of it. */
  readonly body?: Uint8Array | string;
}

/** An answer of the core: status, lower-case header names, and a body (empty for HEAD and 204). */
export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

/** What the bindings serve: `createImagesApi` makes one; a wrapper (latency, logging) may too. */
export interface ImagesApi {
  handle(request: ApiRequest): Promise<ApiResponse>;
  /** The largest request body the core reads; bindings stop buffering just past it. */
  readonly maxBodyBytes: number;
}
