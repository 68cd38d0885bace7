/**
 * A request id as Nova wrote it in `x-compute-request-id`: `req-` and a random UUID (version 4).
 * From `crypto.getRandomValues` where the runtime has it (`randomUUID` is missing outside secure
 * contexts in browsers), else `Math.random`: an id to join logs, not a secret. The random bytes
 * are drawn 256 ids at a time: one call into the system's generator per id cost a quarter of a
 * small answer's time.
 */

const ID_BYTES = 16;
const POOL_IDS = 256;
let pool: Uint8Array | undefined;
let next = POOL_IDS * ID_BYTES;

/** `00` to `ff`, by byte value. */
const HEX: readonly string[] = /* @__PURE__ */ Array.from({ length: 256 }, (_, byte) =>
  byte.toString(16).padStart(2, '0'),
);

function refill(bytes: Uint8Array): void {
  const source = (globalThis as { crypto?: { getRandomValues?: (array: Uint8Array) => Uint8Array } }).crypto;
  if (typeof source?.getRandomValues === 'function') source.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
}

export function newRequestId(): string {
  if (pool === undefined) pool = new Uint8Array(POOL_IDS * ID_BYTES);
  if (next === pool.length) {
    refill(pool);
    next = 0;
  }
  const at = next;
  next += ID_BYTES;
  const b = pool;
  const hex = (i: number): string => HEX[b[at + i]!]!;
  const version = HEX[(b[at + 6]! & 0x0f) | 0x40]!;
  const variant = HEX[(b[at + 8]! & 0x3f) | 0x80]!;
  return (
    `req-${hex(0)}${hex(1)}${hex(2)}${hex(3)}-${hex(4)}${hex(5)}-${version}${hex(7)}-${variant}${hex(9)}-` +
    `${hex(10)}${hex(11)}${hex(12)}${hex(13)}${hex(14)}${hex(15)}`
  );
}
