import { Fault } from '@openstack-image/faults';

/**
 * What an XML document says, the way the comparison sees it: names as `{uri}local`, attributes
 * as sorted `{uri}local=value` strings (namespace declarations aside), and the content: either the
 * element's text, or its child elements and any non-blank text between them. Two documents with
 * equal infosets differ at most in prefixes, attribute order, quoting, character references,
 * CDATA sections, comments, processing instructions and whitespace between elements.
 */
export interface XmlInfoset {
  readonly name: string;
  readonly attributes: readonly string[];
  readonly content: string | readonly (XmlInfoset | string)[];
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME = /[^\s/>=<"'!?&;]+/y;
const MAX_DEPTH = 1000;

interface Scope {
  readonly parent: Scope | undefined;
  readonly bindings: ReadonlyMap<string, string>;
}

/**
 * Reads a document into its infoset. A small, strict reader of its own (the package depends on no
 * XML parser): it refuses a DOCTYPE, an unknown entity, an unbound prefix, mismatched tags and
 * anything after the root element, with a `badRequest` Fault saying where.
 */
export function xmlInfoset(document: string): XmlInfoset {
  const text = document.replace(/\r\n?/g, '\n');
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const fail = (message: string, offset = at): never => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    const where = `line ${line}, column ${column}`;
    throw new Fault('badRequest', `${message} at ${where}`, { where });
  };
  const skipSpace = (): void => {
    while (at < text.length && /\s/.test(text[at]!)) at++;
  };
  const expect = (literal: string): void => {
    if (!text.startsWith(literal, at)) fail(`expected ${JSON.stringify(literal)}`);
    at += literal.length;
  };
  const until = (end: string, what: string): string => {
    const stop = text.indexOf(end, at);
    if (stop < 0) fail(`unterminated ${what}`);
    const inner = text.slice(at, stop);
    at = stop + end.length;
    return inner;
  };
  const readName = (): string => {
    NAME.lastIndex = at;
    const match = NAME.exec(text);
    if (match === null) return fail('expected a name');
    at += match[0].length;
    return match[0];
  };
  const unreference = (raw: string, start: number): string =>
    raw.replace(/&([^;&\s]*);|&/g, (whole, ref: string | undefined, offset: number) => {
      if (ref === undefined) return fail('a bare "&"', start + offset);
      if (ref.startsWith('#')) {
        const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
        const valid = /^#(x[0-9a-fA-F]+|[0-9]+)$/.test(ref) && code <= 0x10ffff && isXmlChar(code);
        if (!valid) return fail(`the character reference ${whole} names no XML character`, start + offset);
        return String.fromCodePoint(code);
      }
      const named = PREDEFINED[ref];
      if (named === undefined) return fail(`the entity ${whole} is not one of XML's five`, start + offset);
      return named;
    });
  const skipMisc = (): void => {
    for (;;) {
      skipSpace();
      if (text.startsWith('<!--', at)) {
        at += 4;
        until('-->', 'comment');
      } else if (text.startsWith('<?', at)) {
        at += 2;
        until('?>', 'processing instruction');
      } else if (/^<!DOCTYPE/i.test(text.slice(at, at + 9))) {
        fail('a DOCTYPE is not allowed');
      } else return;
    }
  };

  const resolve = (qname: string, scope: Scope, isAttribute: boolean, offset: number): string => {
    const colon = qname.indexOf(':');
    const prefix = colon < 0 ? '' : qname.slice(0, colon);
    const local = colon < 0 ? qname : qname.slice(colon + 1);
    if (isAttribute && prefix === '') return `{}${local}`;
    if (prefix === 'xml') return `{${XML_NS}}${local}`;
    for (let s: Scope | undefined = scope; s !== undefined; s = s.parent) {
      const uri = s.bindings.get(prefix);
      if (uri !== undefined) return `{${uri}}${local}`;
    }
    if (prefix === '') return `{}${local}`;
    return fail(`the prefix ${JSON.stringify(prefix)} is not bound`, offset);
  };

  const readElement = (parent: Scope | undefined, depth: number): XmlInfoset => {
    if (depth > MAX_DEPTH) fail(`elements nest deeper than ${MAX_DEPTH}`);
    const start = at;
    expect('<');
    const qname = readName();
    const raw: [string, string, number][] = [];
    const bindings = new Map<string, string>();
    for (;;) {
      const spaced = /\s/.test(text[at] ?? '');
      skipSpace();
      if (text.startsWith('/>', at) || text[at] === '>') break;
      if (!spaced) fail('expected a space before an attribute');
      const attrAt = at;
      const attr = readName();
      skipSpace();
      expect('=');
      skipSpace();
      const quote = text[at];
      if (quote !== '"' && quote !== "'") fail('expected a quoted attribute value');
      at++;
      const valueAt = at;
      const rawValue = until(quote!, 'attribute value');
      if (rawValue.includes('<')) fail('"<" in an attribute value', valueAt);
      const value = unreference(rawValue.replace(/[\t\n]/g, ' '), valueAt);
      if (raw.some(([name]) => name === attr)) fail(`the attribute ${attr} appears twice`, attrAt);
      if (attr === 'xmlns') bindings.set('', value);
      else if (attr.startsWith('xmlns:')) bindings.set(attr.slice(6), value);
      else raw.push([attr, value, attrAt]);
    }
    const scope: Scope = { parent, bindings };
    const name = resolve(qname, scope, false, start);
    const attributes = raw.map(([attr, value, offset]) => `${resolve(attr, scope, true, offset)}=${value}`).sort();
    for (let i = 1; i < attributes.length; i++) {
      const key = (s: string) => s.slice(0, s.indexOf('='));
      if (key(attributes[i]!) === key(attributes[i - 1]!)) fail(`two attributes name ${key(attributes[i]!)}`, start);
    }
    if (text.startsWith('/>', at)) {
      at += 2;
      return { name, attributes, content: '' };
    }
    at++;
    const parts: (XmlInfoset | string)[] = [];
    let pending = '';
    for (;;) {
      if (at >= text.length) fail(`<${qname}> is not closed`, start);
      if (text.startsWith('</', at)) {
        at += 2;
        const closing = readName();
        if (closing !== qname) fail(`</${closing}> closes <${qname}>`);
        skipSpace();
        expect('>');
        break;
      }
      if (text.startsWith('<!--', at)) {
        at += 4;
        until('-->', 'comment');
      } else if (text.startsWith('<![CDATA[', at)) {
        at += 9;
        pending += until(']]>', 'CDATA section');
      } else if (text.startsWith('<?', at)) {
        at += 2;
        until('?>', 'processing instruction');
      } else if (text[at] === '<') {
        if (pending !== '') parts.push(pending);
        pending = '';
        parts.push(readElement(scope, depth + 1));
      } else {
        const next = text.indexOf('<', at);
        const end = next < 0 ? text.length : next;
        const chunk = text.slice(at, end);
        if (chunk.includes(']]>')) fail('"]]>" in text');
        pending += unreference(chunk, at);
        at = end;
      }
    }
    if (pending !== '') parts.push(pending);
    const elements = parts.filter((part) => typeof part !== 'string');
    if (elements.length === 0) return { name, attributes, content: parts.join('') };
    // Whitespace between elements is ignorable; other text in mixed content is kept in place.
    return { name, attributes, content: parts.filter((part) => typeof part !== 'string' || part.trim() !== '') };
  };

  if (text.startsWith('<?xml', at) && /\s/.test(text[at + 5] ?? '')) {
    at += 5;
    until('?>', 'XML declaration');
  }
  skipMisc();
  if (text[at] !== '<') fail('expected the root element');
  const root = readElement(undefined, 0);
  skipMisc();
  if (at < text.length) fail('text after the root element');
  return root;
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}
