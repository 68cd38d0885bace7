import { Fault } from '@openstack-image/faults';
import type { Body, DecodeOptions } from '@openstack-image/schema';
import { assertNestingWithin } from './nesting-depth.ts';
import { documentObject, isJsonObject, type JsonObject, parseJson } from './parse-json.ts';
import { childPointer } from './pointer.ts';

/**
 * The resource object inside a one-member envelope (`{"image": {...}}`, `{"metadata": {...}}`,
 * `{"meta": {...}}`). Other top-level members are ignored, once their nesting is checked.
 */
export function openEnvelope(body: Body, options: DecodeOptions | undefined, member: string): JsonObject {
  const document = documentObject(parseJson(body, options), member);
  // JSON.parse made every key an own property, and no member name here is one of Object.prototype's.
  const inner = document[member];
  const pointer = `/${member}`;
  if (inner === undefined) throw new Fault('badRequest', `${member} is required at ${pointer}`, { where: pointer });
  if (!isJsonObject(inner)) {
    throw new Fault('badRequest', `${member} must be an object at ${pointer}`, { where: pointer });
  }
  const keys = Object.keys(document);
  if (keys.length > 1) {
    for (const key of keys) if (key !== member) assertNestingWithin(document[key], 2, childPointer('', key));
  }
  return inner;
}
