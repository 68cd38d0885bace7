import { isFault } from '@openstack-image/faults';
import { valueDifference } from './value-difference.ts';
import { type XmlInfoset, xmlInfoset } from './xml-infoset.ts';

/** The outcome of a comparison: equal, or the first difference in words. */
export type Comparison = { readonly equal: true } | { readonly equal: false; readonly difference: string };

const EQUAL: Comparison = Object.freeze({ equal: true });

/**
 * Whether two JSON documents mean the same: the same value, key order, spacing and escapes aside.
 * A document that is not JSON differs from everything (the difference says why).
 */
export function compareJson(actual: string, expected: string): Comparison {
  const a = parse(actual, 'the actual document');
  if ('difference' in a) return { equal: false, difference: a.difference };
  const e = parse(expected, 'the expected document');
  if ('difference' in e) return { equal: false, difference: e.difference };
  const difference = valueDifference(a.value, e.value);
  return difference === undefined ? EQUAL : { equal: false, difference };
}

/**
 * Whether two XML documents mean the same by their infoset: the same elements, attributes and
 * text, resolved by namespace URI; prefixes, attribute order, quoting, references, CDATA, comments
 * and whitespace between elements aside. An ill-formed document differs from everything.
 */
export function compareXml(actual: string, expected: string): Comparison {
  let a: XmlInfoset;
  let e: XmlInfoset;
  try {
    a = xmlInfoset(actual);
  } catch (error) {
    return { equal: false, difference: `the actual document is not well-formed: ${messageOf(error)}` };
  }
  try {
    e = xmlInfoset(expected);
  } catch (error) {
    return { equal: false, difference: `the expected document is not well-formed: ${messageOf(error)}` };
  }
  const difference = infosetDifference(a, e, '');
  return difference === undefined ? EQUAL : { equal: false, difference };
}

/** `compareJson` or `compareXml`, by the media type (`+json`, `+xml` vendor types included). */
export function compareDocuments(mediaType: string, actual: string, expected: string): Comparison {
  const type = mediaType.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) return compareJson(actual, expected);
  if (type === 'application/xml' || type === 'text/xml' || type.endsWith('+xml')) return compareXml(actual, expected);
  return actual === expected
    ? EQUAL
    : { equal: false, difference: `the documents differ (compared as text: ${mediaType} is neither JSON nor XML)` };
}

function infosetDifference(a: XmlInfoset, e: XmlInfoset, path: string): string | undefined {
  const here = `${path}/${e.name}`;
  if (a.name !== e.name) return `${path || '/'}: expected the element ${e.name}, got ${a.name}`;
  const missing = e.attributes.filter((attr) => !a.attributes.includes(attr));
  const extra = a.attributes.filter((attr) => !e.attributes.includes(attr));
  if (missing.length > 0 || extra.length > 0) {
    const words = [
      missing.length > 0 ? `expected ${missing.join(', ')}` : '',
      extra.length > 0 ? `did not expect ${extra.join(', ')}` : '',
    ];
    return `${here}: attributes differ: ${words.filter(Boolean).join('; ')}`;
  }
  if (typeof e.content === 'string' || typeof a.content === 'string') {
    if (typeof e.content === 'string' && typeof a.content === 'string') {
      // Whitespace alone is ignorable too: `<images>\n</images>` means `<images/>`.
      return a.content === e.content || (a.content.trim() === '' && e.content.trim() === '')
        ? undefined
        : `${here}: expected the text ${JSON.stringify(e.content)}, got ${JSON.stringify(a.content)}`;
    }
    return `${here}: expected ${typeof e.content === 'string' ? 'text only' : 'child elements'}, got the other`;
  }
  if (a.content.length !== e.content.length) {
    return `${here}: expected ${e.content.length} children, got ${a.content.length}`;
  }
  for (let i = 0; i < e.content.length; i++) {
    const [ac, ec] = [a.content[i]!, e.content[i]!];
    if (typeof ec === 'string' || typeof ac === 'string') {
      if (ac !== ec) return `${here}: child ${i + 1}: expected ${JSON.stringify(ec)}, got ${JSON.stringify(ac)}`;
      continue;
    }
    const difference = infosetDifference(ac, ec, `${here}[${i + 1}]`);
    if (difference !== undefined) return difference;
  }
  return undefined;
}

function parse(text: string, what: string): { value: unknown } | { difference: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { difference: `${what} is not JSON: ${messageOf(error)}` };
  }
}

function messageOf(error: unknown): string {
  return isFault(error) || error instanceof Error ? error.message : String(error);
}
