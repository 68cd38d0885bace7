import { isMetaKeyLength, LIMITS } from '@openstack-image/schema';
import type { XmlElement } from './xml-element.ts';

/** An attribute value read as an integer in [0, max]: digits only, surrounding whitespace allowed. */
export function readInteger(element: XmlElement, field: string, qname: string, value: string, max: number): number {
  // By hand rather than with a regular expression: a list reads thousands of these.
  let from = 0;
  while (isSpace(value.charCodeAt(from))) from++;
  let to = from;
  while (isDigit(value.charCodeAt(to))) to++;
  let end = to;
  while (isSpace(value.charCodeAt(end))) end++;
  const number =
    to === from || end !== value.length
      ? Number.NaN
      : Number(from === 0 && to === value.length ? value : value.slice(from, to));
  if (!(number <= max)) {
    const range = max === Number.MAX_SAFE_INTEGER ? '>= 0' : `from 0 to ${max}`;
    throw element.attributeFault(qname, `${field} must be an integer ${range} (found ${quote(value)})`);
  }
  return number;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** A value that must not be empty (an id, a status, a key). */
export function readNonEmpty(element: XmlElement, field: string, qname: string, value: string): string {
  if (value === '') throw element.attributeFault(qname, `${field} must not be empty`);
  return value;
}

/** A metadata key: 1 to 255 characters. */
export function readMetaKey(element: XmlElement, value: string): string {
  if (!isMetaKeyLength(value)) {
    throw element.attributeFault(
      'key',
      `metadata key ${quote(value)} must be 1 to ${LIMITS.metaKeyMaxLength} characters long`,
    );
  }
  return value;
}

/** A value in a message, cut short when long. */
export function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
}

/** Sets `object[key] = value` as an own, enumerable property even for keys like `__proto__`. */
export function setOwn(object: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  } else object[key] = value;
}
