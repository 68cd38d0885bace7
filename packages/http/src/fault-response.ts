import { Fault, isFault, isFaultStatus } from '@openstack-image/faults';
import type { Codec } from '@openstack-image/schema';

/** Nova's words for an unexpected error: nothing of the error itself leaves the server. */
export const COMPUTE_FAULT_MESSAGE =
  'The server has either erred or is incapable of performing the requested operation.';

/** What a binding answers (as JSON) when the API it serves fails to answer at all. */
export const FALLBACK_FAULT = '{"computeFault": {"code": 500, "message": "The server could not answer."}}';

/** The fault an error answers with: a `Fault` as itself, anything else as a generic computeFault 500. */
export function faultOf(error: unknown): Fault {
  if (isFault(error) && isFaultStatus(error.code)) return error;
  return new Fault('computeFault', COMPUTE_FAULT_MESSAGE);
}

/**
 * The body of a fault in the negotiated format. A message the format cannot carry (a control
 * character echoed from the request, in XML) is cleaned; if even that fails, a generic computeFault.
 */
export function encodeFaultBody(codec: Codec, fault: Fault): string {
  try {
    return codec.encodeFault(fault);
  } catch {
    try {
      return codec.encodeFault(cleaned(fault));
    } catch {
      return codec.encodeFault(new Fault('computeFault', COMPUTE_FAULT_MESSAGE));
    }
  }
}

function cleaned(fault: Fault): Fault {
  const clean = (text: string): string =>
    text.replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '\ufffd');
  const options: { code: number; details?: string; retryAfter?: string } = { code: fault.code };
  if (fault.details !== undefined) options.details = clean(fault.details);
  if (fault.retryAfter !== undefined) options.retryAfter = clean(fault.retryAfter);
  return new Fault(fault.name, clean(fault.message), options);
}
