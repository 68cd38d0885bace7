/** The filters and paging of `listImages` and `listImageSummaries` (WIRE.md, "Lists"). */
export interface ListQuery {
  /** The page size asked of the server (it may answer smaller pages); iteration still covers every page. */
  readonly limit?: number;
  /** Start after this image id. */
  readonly marker?: string;
  readonly name?: string;
  readonly status?: string;
  /** Images changed at or after this time (deleted ones included); a Date is sent in UTC. */
  readonly changesSince?: string | Date;
  /** A server id: its snapshots. */
  readonly server?: string;
  /** The `image_type` metadata (`snapshot`, `backup`, ...). */
  readonly type?: string;
  readonly minRam?: number;
  readonly minDisk?: number;
}

/** The query string (without `?`) of a list request, parameters in a fixed order. */
export function listQueryString(query: ListQuery): string {
  const params = new URLSearchParams();
  const count = (name: string, value: number | undefined): void => {
    if (value === undefined) return;
    if (!(Number.isSafeInteger(value) && value >= 0)) {
      throw new TypeError(`${name} must be an integer >= 0, not ${String(value)}`);
    }
    params.set(name, String(value));
  };
  count('limit', query.limit);
  if (query.marker !== undefined) params.set('marker', query.marker);
  if (query.name !== undefined) params.set('name', query.name);
  if (query.status !== undefined) params.set('status', query.status);
  if (query.changesSince !== undefined) {
    const since = query.changesSince;
    if (since instanceof Date && Number.isNaN(since.getTime())) throw new TypeError('changesSince is an invalid Date');
    params.set('changes-since', since instanceof Date ? since.toISOString().replace(/\.\d{3}Z$/, 'Z') : since);
  }
  if (query.server !== undefined) params.set('server', query.server);
  if (query.type !== undefined) params.set('type', query.type);
  count('minRam', query.minRam);
  count('minDisk', query.minDisk);
  return params.toString();
}
