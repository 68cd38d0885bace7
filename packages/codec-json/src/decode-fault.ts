import {
  Fault,
  type FaultName,
  faultNameForStatus,
  isFaultName,
  isFaultStatus,
  statusForFaultName,
} from '@openstack-image/faults';
import type { Body, DecodeOptions } from '@openstack-image/schema';
import { assertNestingWithin } from './nesting-depth.ts';
import { asFault } from './only-faults.ts';
import { isJsonObject, type JsonObject, parseJson } from './parse-json.ts';
import { childPointer } from './pointer.ts';

/** A status as Nova wrote it: an integer, or (tolerated) its decimal text. */
const STATUS_TEXT = /^[45][0-9][0-9]$/;

/**
 * Reads a fault body, `{"<faultName>": {"code", "message", "details"?, "retryAfter"?}}`, into the
 * `Fault` it reports (returned, not thrown). A body whose single member is not a fault name is
 * named by its code (`faultNameForStatus`); a missing code is the fault's own status. Throws only
 * Faults, for a body that is not a fault.
 */
export function decodeFault(body: Body, options?: DecodeOptions): Fault {
  try {
    const document = parseJson(body, options);
    if (!isJsonObject(document)) {
      throw new Fault('badRequest', 'The body must be a JSON object holding one fault, at /', { where: '/' });
    }
    const keys = Object.keys(document);
    const key = keys.find(isFaultName) ?? (keys.length === 1 ? keys[0] : undefined);
    if (key === undefined) {
      throw new Fault('badRequest', 'The body must hold one fault member, such as "itemNotFound", at /', {
        where: '/',
      });
    }
    for (const other of keys) if (other !== key) assertNestingWithin(document[other], 2, childPointer('', other));
    const pointer = childPointer('', key);
    const inner = document[key];
    if (!isJsonObject(inner))
      throw new Fault('badRequest', `${key} must be an object at ${pointer}`, { where: pointer });
    return readFault(key, inner, pointer);
  } catch (error) {
    throw asFault(error, 'decoding');
  }
}

function readFault(key: string, inner: JsonObject, pointer: string): Fault {
  const known: FaultName | undefined = isFaultName(key) ? key : undefined;
  const code = readCode(inner.code, known, `${pointer}/code`);
  const name = known ?? faultNameForStatus(code);
  const message = inner.message;
  if (typeof message !== 'string') {
    throw new Fault('badRequest', `message must be a string at ${pointer}/message`, { where: `${pointer}/message` });
  }
  for (const member of Object.keys(inner)) {
    if (member !== 'code' && member !== 'message' && member !== 'details' && member !== 'retryAfter') {
      assertNestingWithin(inner[member], 3, childPointer(pointer, member));
    }
  }
  const details = optionalText(inner.details, `${pointer}/details`, false);
  const retryAfter = optionalText(inner.retryAfter, `${pointer}/retryAfter`, true);
  return new Fault(name, message, {
    code,
    ...(details === undefined ? {} : { details }),
    ...(retryAfter === undefined ? {} : { retryAfter }),
  });
}

function readCode(value: unknown, known: FaultName | undefined, where: string): number {
  if (value === undefined || value === null) {
    if (known !== undefined) return statusForFaultName(known);
    throw new Fault('badRequest', `code is required to name a fault that is not a known one at ${where}`, { where });
  }
  const code = typeof value === 'string' && STATUS_TEXT.test(value) ? Number(value) : value;
  if (!isFaultStatus(code)) {
    throw new Fault('badRequest', `code must be an HTTP error status, an integer from 400 to 599, at ${where}`, {
      where,
    });
  }
  return code;
}

/** `details` and `retryAfter`: a string, or absent (null reads as absent); `retryAfter` may be a number of seconds. */
function optionalText(value: unknown, where: string, seconds: boolean): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (seconds && Number.isInteger(value) && (value as number) >= 0) return String(value);
  const expected = seconds ? 'a string or a whole number of seconds' : 'a string';
  const field = where.slice(where.lastIndexOf('/') + 1);
  throw new Fault('badRequest', `${field} must be ${expected} at ${where}`, { where });
}
