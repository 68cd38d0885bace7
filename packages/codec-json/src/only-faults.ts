import { Fault, isFault } from '@openstack-image/faults';
import { DecodeOptionsError } from '@openstack-image/schema';

/**
 * The error a codec function lets escape for anything it caught: a Fault as it is, anything
 * else (an engine's RangeError on a pathological value, a throwing getter or proxy) as a
 * `badRequest`, with the original as its `cause`.
 */
export function asFault(error: unknown, doing: 'decoding' | 'encoding'): Fault {
  if (isFault(error)) return error;
  // The caller's own mistake (bad options) leaves as the TypeError it is.
  if (error instanceof DecodeOptionsError) throw error;
  const what = doing === 'decoding' ? 'The body could not be decoded' : 'The value could not be encoded';
  const why = error instanceof RangeError ? 'it is nested too deeply or is too large' : 'reading it failed';
  return new Fault('badRequest', `${what}: ${why}, at /`, { where: '/', cause: error });
}
