import { Fault, isFault, isFaultStatus } from '@openstack-image/faults';
import { asFault } from './only-faults.ts';
import { jsonString } from './write-json.ts';

/**
 * Writes a fault as the wire carries it: `{"<name>": {"code", "message", "details"?, "retryAfter"?}}`.
 * Refuses anything but a `Fault` (of any copy of the faults package) with an error status code (400..599).
 */
export function encodeFault(fault: Fault): string {
  try {
    if (!isFault(fault)) throw new Fault('badRequest', 'The value to encode must be a Fault, at /', { where: '/' });
    const { name, code, message, details, retryAfter } = fault;
    const pointer = `/${name}`;
    if (!isFaultStatus(code)) {
      const where = `${pointer}/code`;
      throw new Fault('badRequest', `code must be an HTTP error status, an integer from 400 to 599, at ${where}`, {
        where,
      });
    }
    for (const [member, value, required] of [
      ['message', message, true],
      ['details', details, false],
      ['retryAfter', retryAfter, false],
    ] as const) {
      if (typeof value !== 'string' && (required || value !== undefined)) {
        const where = `${pointer}/${member}`;
        throw new Fault('badRequest', `${member} must be a string at ${where}`, { where });
      }
    }
    let out = `{"${name}":{"code":${code},"message":${jsonString(message)}`;
    if (details !== undefined) out += `,"details":${jsonString(details)}`;
    if (retryAfter !== undefined) out += `,"retryAfter":${jsonString(retryAfter)}`;
    return `${out}}}`;
  } catch (error) {
    throw asFault(error, 'encoding');
  }
}
