import { type FaultName, faultNameForStatus } from '@openstack-image/faults';
import { type XmlInfoset, xmlInfoset } from '../xml-infoset.ts';
import type { HttpAnswer } from './http-client.ts';

export const COMPUTE_NS = 'http://docs.openstack.org/compute/api/v1.1';
export const ATOM_NS = 'http://www.w3.org/2005/Atom';

export type Format = 'json' | 'xml';

/** A check's failure: what the server answered, against what WIRE.md says. */
export class CheckFailure extends Error {
  override readonly name = 'CheckFailure';
}

export function fail(message: string): never {
  throw new CheckFailure(message);
}

const JSON_TYPES = ['application/json', 'application/vnd.openstack.compute+json'];
const XML_TYPES = ['application/xml', 'application/vnd.openstack.compute+xml'];

/** The format an answer's Content-Type names, or undefined. */
export function formatOf(answer: HttpAnswer): Format | undefined {
  const type = (answer.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (JSON_TYPES.includes(type)) return 'json';
  if (XML_TYPES.includes(type)) return 'xml';
  return undefined;
}

function describe(answer: HttpAnswer): string {
  const body = answer.text.length > 160 ? `${answer.text.slice(0, 157)}...` : answer.text;
  return `${answer.status} ${answer.headers.get('content-type') ?? '(no Content-Type)'} ${JSON.stringify(body)}`;
}

export function expectStatus(answer: HttpAnswer, status: number, what: string): void {
  if (answer.status !== status) fail(`${what}: expected ${status}, got ${describe(answer)}`);
}

/** The parsed body of an answer that must be in `format`: a JSON value, or an XML infoset. */
export function bodyIn(answer: HttpAnswer, format: 'json', what: string): unknown;
export function bodyIn(answer: HttpAnswer, format: 'xml', what: string): XmlInfoset;
export function bodyIn(answer: HttpAnswer, format: Format, what: string): unknown;
export function bodyIn(answer: HttpAnswer, format: Format, what: string): unknown {
  const got = formatOf(answer);
  if (got !== format) {
    fail(
      `${what}: expected a ${format.toUpperCase()} answer, got Content-Type ${answer.headers.get('content-type') ?? '(none)'}`,
    );
  }
  try {
    return format === 'json' ? JSON.parse(answer.text) : xmlInfoset(answer.text);
  } catch (error) {
    return fail(`${what}: the ${format.toUpperCase()} body does not parse: ${(error as Error).message}`);
  }
}

/** Checks a fault answer: status, the negotiated format, the fault's name and code in the body. */
export function expectFault(answer: HttpAnswer, status: number, format: Format, what: string, name?: FaultName): void {
  expectStatus(answer, status, what);
  const expected = name ?? faultNameForStatus(status);
  if (format === 'json') {
    const body = bodyIn(answer, 'json', what) as Record<string, { code?: unknown; message?: unknown }>;
    const inner = typeof body === 'object' && body !== null ? body[expected] : undefined;
    if (inner === undefined || Object.keys(body).length !== 1) {
      fail(`${what}: expected the body {"${expected}": {...}}, got ${JSON.stringify(body).slice(0, 160)}`);
    }
    if (inner.code !== status) fail(`${what}: the fault's code is ${JSON.stringify(inner.code)}, not ${status}`);
    if (typeof inner.message !== 'string') fail(`${what}: the fault has no message`);
  } else {
    const root = bodyIn(answer, 'xml', what);
    if (root.name !== `{${COMPUTE_NS}}${expected}`)
      fail(`${what}: expected the root element ${expected}, got ${root.name}`);
    if (attribute(root, 'code') !== String(status)) {
      fail(`${what}: the fault's code is ${attribute(root, 'code') ?? '(none)'}, not ${status}`);
    }
    if (children(root, 'message').length !== 1) fail(`${what}: the fault has no <message>`);
  }
}

export function attribute(element: XmlInfoset, name: string, ns = ''): string | undefined {
  const prefix = `{${ns}}${name}=`;
  const found = element.attributes.find((attr) => attr.startsWith(prefix));
  return found?.slice(prefix.length);
}

export function children(element: XmlInfoset, local: string, ns: string = COMPUTE_NS): XmlInfoset[] {
  if (typeof element.content === 'string') return [];
  return element.content.filter(
    (child): child is XmlInfoset => typeof child !== 'string' && child.name === `{${ns}}${local}`,
  );
}

export function textOf(element: XmlInfoset): string {
  return typeof element.content === 'string' ? element.content : '';
}

/** The metadata of an XML `<metadata>` element (or a `<meta>` element alone) as an object. */
export function xmlMetadata(element: XmlInfoset): Record<string, string> {
  const metas = element.name === `{${COMPUTE_NS}}meta` ? [element] : children(element, 'meta');
  const out: Record<string, string> = {};
  for (const meta of metas) {
    Object.defineProperty(out, attribute(meta, 'key') ?? '', { value: textOf(meta), enumerable: true, writable: true });
  }
  return out;
}
