import { Fault } from '@openstack-image/faults';
import type { ImageQuery } from './image-store.ts';

/** Nova's `osapi_max_limit`: the largest page, and the page size when none is asked for. */
export const DEFAULT_MAX_LIMIT = 1000;

const PROPERTY = 'property-';

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * The `ImageQuery` of an index or detail request's query string (WIRE.md: `limit`, `marker`, and
 * the filters `name`, `status`, `changes-since`, `server`, `type`, `minRam`, `minDisk`, and
 * `property-{key}` for a metadata item). Unknown
 * parameters are ignored, as Nova did; a repeated one counts by its last value. `limit=0` and no
 * `limit` mean `maxLimit`; a larger limit is cut to `maxLimit`. Throws `badRequest` for a value that
 * cannot be a filter.
 */
export function parseListQuery(query: string, maxLimit: number): ImageQuery {
  // The usual list request has no query: no parser for it.
  if (query === '') return { limit: maxLimit };
  const params = new URLSearchParams(query);
  const last = (name: string): string | undefined => {
    const all = params.getAll(name);
    return all.length === 0 ? undefined : all[all.length - 1];
  };
  const limit = integer('limit', last('limit'));
  const result: {
    -readonly [K in keyof ImageQuery]: ImageQuery[K];
  } = { limit: limit === undefined || limit === 0 ? maxLimit : Math.min(limit, maxLimit) };
  const marker = last('marker');
  if (marker !== undefined) result.marker = marker;
  const name = last('name');
  if (name !== undefined) result.name = name;
  const status = last('status');
  if (status !== undefined) result.status = status;
  const changesSince = last('changes-since');
  if (changesSince !== undefined) result.changesSince = instant(changesSince);
  const server = last('server');
  if (server !== undefined) result.server = server;
  const type = last('type');
  if (type !== undefined) result.type = type;
  const minRam = integer('minRam', last('minRam'));
  if (minRam !== undefined) result.minRam = minRam;
  const minDisk = integer('minDisk', last('minDisk'));
  if (minDisk !== undefined) result.minDisk = minDisk;
  let properties: Record<string, string> | undefined;
  params.forEach((value, param) => {
    if (param.length <= PROPERTY.length || !param.startsWith(PROPERTY)) return;
    properties ??= Object.create(null) as Record<string, string>;
    // A repeated filter counts by its last value, like every other one.
    properties[param.slice(PROPERTY.length)] = value;
  });
  if (properties !== undefined) result.properties = properties;
  return result;
}

function integer(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value)) {
    throw new Fault('badRequest', `${name} must be an integer >= 0, not ${JSON.stringify(text)}`, {
      where: `query ${name}`,
    });
  }
  return value;
}

function instant(text: string): Date {
  const millis = ISO_8601.test(text) ? parseInstant(text) : Number.NaN;
  if (Number.isNaN(millis)) {
    throw new Fault(
      'badRequest',
      `changes-since must be an ISO 8601 time such as 2011-01-01T01:02:03Z, not ${JSON.stringify(text)}`,
      { where: 'query changes-since' },
    );
  }
  return new Date(millis);
}

/** Milliseconds of a text ISO_8601 matched, or NaN for a day or time that does not exist. */
function parseInstant(text: string): number {
  const [, year, month, day, hour = '0', minute = '0', second = '0', zone] = ISO_8601.exec(text)!;
  const y = Number(year);
  const m = Number(month);
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (m < 1 || m > 12 || Number(day) < 1 || Number(day) > daysInMonth) return Number.NaN;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return Number.NaN;
  // Spelled the way every runtime's Date.parse reads it; without a zone the time is UTC (as Nova
  // read it), not the server's local time.
  let normal = text.toUpperCase().replace(' ', 'T');
  if (zone === undefined && normal.length > 10) normal += 'Z';
  else if (zone !== undefined && zone.length === 5)
    normal = `${normal.slice(0, -5)}${zone.slice(0, 3)}:${zone.slice(3)}`;
  return Date.parse(normal);
}
