import { XmlCData, XmlDocument, XmlElement, type XmlParseError, XmlText } from 'libxml2-wasm';

/**
 * What an XML document says, read by an independent parser (libxml2): names as `{uri}local`,
 * attributes sorted (namespace declarations aside), whitespace between elements dropped. Two
 * documents with equal meanings differ at most in prefixes, attribute order, quoting, references
 * and ignorable whitespace.
 */
export interface Meaning {
  readonly name: string;
  readonly attributes: readonly string[];
  readonly content: readonly Meaning[] | string;
}

export function meaningOf(xml: string): Meaning {
  const document = XmlDocument.fromString(xml);
  try {
    return meaningOfElement(document.root);
  } finally {
    document.dispose();
  }
}

/**
 * True when libxml2 reads `xml` as a well-formed, namespace-well-formed document. Its complaint that
 * a namespace name "is not a valid URI" does not count: namespace names are compared as strings,
 * and well-formedness does not depend on them (the codec's reader takes them as they are too).
 */
export function libxml2Accepts(xml: string): boolean {
  try {
    XmlDocument.fromString(xml).dispose();
    return true;
  } catch (error) {
    const details = (error as XmlParseError).details ?? [];
    return details.length > 0 && details.every((detail) => / is not a valid URI\n?$/.test(detail.message));
  }
}

/** The key and text of the first `<meta>` of a document, as libxml2 reads them. */
export function libxml2Meta(xml: string): [string, string] {
  const document = XmlDocument.fromString(xml);
  try {
    const meta = document.get('//*[local-name()="meta"]');
    if (!(meta instanceof XmlElement)) throw new Error(`no <meta> in ${xml}`);
    return [meta.attr('key')?.value ?? '', meta.content];
  } finally {
    document.dispose();
  }
}

function meaningOfElement(element: XmlElement): Meaning {
  const attributes = element.attrs.map((a) => `{${a.namespaceUri}}${a.name}=${a.value}`).sort();
  const children: Meaning[] = [];
  let text = '';
  for (let node = element.firstChild; node !== null; node = node.next) {
    if (node instanceof XmlElement) children.push(meaningOfElement(node));
    else if (node instanceof XmlText || node instanceof XmlCData) text += node.content;
  }
  const content = children.length > 0 ? children : text;
  return { name: `{${element.namespaceUri}}${element.name}`, attributes, content };
}

/** A meaning without the elements and attributes `keep` turns down (it sees `{uri}local` names). */
export function pruned(meaning: Meaning, keep: (name: string, parent: string) => boolean): Meaning {
  const attributes = meaning.attributes.filter((a) => keep(a.slice(0, a.indexOf('=')), meaning.name));
  const content =
    typeof meaning.content === 'string'
      ? meaning.content
      : meaning.content.filter((child) => keep(child.name, meaning.name)).map((child) => pruned(child, keep));
  return { name: meaning.name, attributes, content };
}
