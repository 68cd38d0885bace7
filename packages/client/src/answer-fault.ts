import { Fault, faultNameForStatus, isFault } from '@openstack-image/faults';
import type { Codec } from '@openstack-image/schema';

/** How much of a body that is no fault a `Fault`'s message quotes. */
const EXCERPT_LENGTH = 200;

/**
 * The `Fault` an error answer stands for: the fault the body holds, in either format, with the
 * `Retry-After` header as its `retryAfter` when the body has none; else a fault named by the status
 * (WIRE.md's table), its message quoting the start of the body.
 */
export function faultOfAnswer(
  status: number,
  statusText: string,
  body: Uint8Array,
  codec: Codec | undefined,
  retryAfterHeader: string | undefined,
): Fault {
  if (codec !== undefined && body.byteLength > 0) {
    let decoded: Fault | undefined;
    try {
      decoded = codec.decodeFault(body);
    } catch {
      decoded = undefined;
    }
    if (isFault(decoded)) {
      if (decoded.retryAfter !== undefined || retryAfterHeader === undefined) return decoded;
      return new Fault(decoded.name, decoded.message, {
        code: decoded.code,
        ...(decoded.details === undefined ? {} : { details: decoded.details }),
        retryAfter: retryAfterHeader,
      });
    }
  }
  const text = excerpt(body);
  const head = `HTTP ${status}${statusText === '' ? '' : ` ${statusText}`}`;
  return new Fault(faultNameForStatus(status), text === '' ? `${head} (no body)` : `${head}: ${text}`, {
    code: status,
    ...(retryAfterHeader === undefined ? {} : { retryAfter: retryAfterHeader }),
  });
}

/** The start of a body as one line of printable text: whitespace runs folded, controls replaced. */
export function excerpt(body: Uint8Array): string {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(body.subarray(0, EXCERPT_LENGTH * 4));
  const line = head
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '\ufffd')
    .replace(/\s+/g, ' ')
    .trim();
  const points = Array.from(line);
  return points.length > EXCERPT_LENGTH ? `${points.slice(0, EXCERPT_LENGTH).join('')}…` : line;
}
