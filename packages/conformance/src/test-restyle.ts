import type { XmlInfoset } from './xml-infoset.ts';

export interface Restyle {
  /** A prefix for each namespace URI ('' for the default namespace); others get p0, p1, ... */
  readonly prefixes: ReadonlyMap<string, string>;
  /** Reverse the attributes of every element. */
  readonly reverseAttributes: boolean;
  /** Whitespace written between elements. */
  readonly indent: string;
  /** Write text as character references instead of characters. */
  readonly references: boolean;
  readonly quote: '"' | "'";
}

/**
 * Writes an infoset back as a document in another style: the test's way to make documents that
 * differ from the original only in what the comparison must see past. Declares every namespace
 * on the root element.
 */
export function writeInfoset(root: XmlInfoset, style: Restyle): string {
  const uris = new Set<string>();
  const collect = (node: XmlInfoset): void => {
    uris.add(uriOf(node.name));
    for (const attr of node.attributes) {
      const uri = uriOf(attr.slice(0, attr.indexOf('=')));
      if (uri !== '') uris.add(uri);
    }
    if (typeof node.content !== 'string')
      for (const child of node.content) if (typeof child !== 'string') collect(child);
  };
  collect(root);
  const prefixOf = new Map<string, string>();
  let n = 0;
  for (const uri of uris) {
    if (uri === '') continue;
    const wanted = style.prefixes.get(uri);
    prefixOf.set(uri, wanted ?? `p${n++}`);
  }
  // Attributes in a namespace need a real prefix: the default namespace does not apply to them.
  const attrPrefix = new Map<string, string>();
  for (const uri of uris) if (uri !== '') attrPrefix.set(uri, `a${attrPrefix.size}`);
  const q = style.quote;
  const escapeText = (text: string) =>
    style.references
      ? [...text].map((ch) => `&#x${ch.codePointAt(0)!.toString(16)};`).join('')
      : text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
  const escapeAttr = (text: string) =>
    [...text]
      .map((ch) => {
        if (style.references || ch === '&' || ch === '<' || ch === q || /[\t\n\r]/.test(ch)) {
          return `&#${ch.codePointAt(0)!};`;
        }
        return ch;
      })
      .join('');
  const qname = (name: string, forAttribute: boolean): string => {
    const uri = uriOf(name);
    const local = name.slice(name.indexOf('}') + 1);
    if (uri === '') return local;
    const prefix = forAttribute ? attrPrefix.get(uri)! : prefixOf.get(uri)!;
    return prefix === '' ? local : `${prefix}:${local}`;
  };
  const write = (node: XmlInfoset, depth: number, declarations: string): string => {
    const attrs = node.attributes.map((attr) => {
      const eq = attr.indexOf('=', attr.indexOf('}'));
      return `${qname(attr.slice(0, eq), true)}=${q}${escapeAttr(attr.slice(eq + 1))}${q}`;
    });
    if (style.reverseAttributes) attrs.reverse();
    const open = `<${qname(node.name, false)}${declarations}${attrs.map((a) => ` ${a}`).join('')}`;
    if (node.content === '') return `${open}/>`;
    if (typeof node.content === 'string') return `${open}>${escapeText(node.content)}</${qname(node.name, false)}>`;
    const pad = style.indent === '' ? '' : `${style.indent}${'  '.repeat(depth + 1)}`;
    const inner = node.content
      .map((child) => (typeof child === 'string' ? escapeText(child) : pad + write(child, depth + 1, '')))
      .join('');
    const end = style.indent === '' ? '' : `${style.indent}${'  '.repeat(depth)}`;
    return `${open}>${inner}${end}</${qname(node.name, false)}>`;
  };
  const declarations = [...uris]
    .filter((uri) => uri !== '')
    .flatMap((uri) => {
      const prefix = prefixOf.get(uri)!;
      return [
        prefix === '' ? ` xmlns=${q}${uri}${q}` : ` xmlns:${prefix}=${q}${uri}${q}`,
        ` xmlns:${attrPrefix.get(uri)}=${q}${uri}${q}`,
      ];
    })
    .join('');
  return `<?xml version=${q}1.0${q}?>${style.indent}${write(root, 0, declarations)}${style.indent}`;
}

function uriOf(name: string): string {
  return name.slice(1, name.indexOf('}'));
}
