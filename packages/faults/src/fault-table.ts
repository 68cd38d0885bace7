/**
 * The fault names of the Compute API v2 and the HTTP status each one answers with.
 * This is the only copy of the table: everything else derives from it.
 */
export const FAULT_STATUS: {
  readonly badRequest: 400;
  readonly unauthorized: 401;
  readonly forbidden: 403;
  readonly itemNotFound: 404;
  readonly badMethod: 405;
  readonly conflictingRequest: 409;
  readonly overLimit: 413;
  readonly badMediaType: 415;
  readonly computeFault: 500;
  readonly notImplemented: 501;
  readonly serviceUnavailable: 503;
} = Object.freeze({
  badRequest: 400,
  unauthorized: 401,
  forbidden: 403,
  itemNotFound: 404,
  badMethod: 405,
  conflictingRequest: 409,
  overLimit: 413,
  badMediaType: 415,
  computeFault: 500,
  notImplemented: 501,
  serviceUnavailable: 503,
});

export type FaultName = keyof typeof FAULT_STATUS;

export const FAULT_NAMES: readonly FaultName[] = Object.freeze(Object.keys(FAULT_STATUS) as FaultName[]);

const NAME_SET: ReadonlySet<string> = new Set<string>(FAULT_NAMES);

export function isFaultName(value: unknown): value is FaultName {
  return typeof value === 'string' && NAME_SET.has(value);
}

/** Statuses that map to a name other than through the table's own entries. */
const EXTRA_STATUS: Readonly<Record<number, FaultName>> = { 429: 'overLimit' };

const BY_STATUS: ReadonlyMap<number, FaultName> = new Map<number, FaultName>([
  ...FAULT_NAMES.map((name) => [FAULT_STATUS[name], name] as const),
  ...Object.entries(EXTRA_STATUS).map(([status, name]) => [Number(status), name] as const),
]);

/**
 * The fault name an HTTP error status is reported under (WIRE.md): 413 and 429 are `overLimit`,
 * any status without its own fault is `computeFault`.
 */
export function faultNameForStatus(status: number): FaultName {
  return BY_STATUS.get(status) ?? 'computeFault';
}

/** The status a fault answers with when no other code is given. */
export function statusForFaultName(name: FaultName): number {
  return FAULT_STATUS[name];
}

/** True for an HTTP status a fault may carry: an error status, an integer from 400 to 599 (one rule for every codec). */
export function isFaultStatus(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 400 && value <= 599;
}
