import { Fault, isFault } from '@openstack-image/faults';
import { ATTRIBUTE_PREFIX, ATTRIBUTES, buildTree, CDATA, TEXT, type TreeNode } from './build-tree.ts';
import { NS } from './namespaces.ts';
import { type Outline, resolvePrefix } from './outline.ts';
import { badRequestAt } from './position.ts';
import { attributeOffset, decodeAttributeValue, decodeReferences } from './scan-document.ts';

/** What a reader expects at one place: local name -> namespace URI ('' for none). */
export type Expected = ReadonlyMap<string, string>;

/**
 * The namespaces this format speaks. A name a reader expects, met in one of these (or in none)
 * but not the one it belongs to, is a mistake worth refusing; met in any other namespace it is
 * someone's extension, and skipped.
 */
const OWN_NAMESPACES: ReadonlySet<string> = new Set(['', NS.compute, NS.atom, NS.diskConfig, NS.imageSize]);

/**
 * An element of a parsed document: its name resolved by namespace URI, its attributes and children
 * read through fast-xml-parser's tree, its place in the document known from the scan's outline.
 *
 * A shallow element has only its start tag parsed, and parses each child it is asked for on its
 * own: the lists read this way, one image at a time, so that no tree of a whole large document
 * lives long enough to make the garbage collector's work grow faster than the document.
 */
export class XmlElement {
  readonly outline: Outline;
  /** Index of the element in document order (into the outline's arrays). */
  readonly index: number;
  readonly qname: string;
  readonly uri: string;
  readonly local: string;
  private readonly node: TreeNode;
  private readonly key: string;
  private readonly shallow: boolean;

  constructor(outline: Outline, index: number, node: TreeNode, key: string, shallow = false) {
    const qname = outline.qname(index);
    // The tree and the scan must agree on which element this is (fast-xml-parser renames the three
    // names that would pollute a prototype: `__proto__`, `constructor`, `prototype`).
    if (key !== qname && key !== `#${qname}`) {
      throw new Error(`the parsed tree and the scan disagree at element ${index} (${key} / ${qname})`);
    }
    this.outline = outline;
    this.index = index;
    this.node = node;
    this.key = key;
    this.shallow = shallow;
    this.qname = qname;
    this.uri = outline.uri(index);
    const colon = qname.indexOf(':');
    this.local = colon < 0 ? qname : qname.slice(colon + 1);
  }

  /** `<qname>` as a message names the element. */
  get tag(): string {
    return `<${this.qname}>`;
  }

  /** A badRequest Fault about this element's start tag. */
  fault(message: string): Fault {
    return badRequestAt(this.outline.text, this.outline.start(this.index), message);
  }

  /** A badRequest Fault about one of this element's attributes. */
  attributeFault(qname: string, message: string): Fault {
    const { text } = this.outline;
    return badRequestAt(text, attributeOffset(text, this.outline.start(this.index), qname), message);
  }

  /**
   * Calls `read` with the decoded value of each attribute `expected` names, in document order.
   * Namespace declarations and other namespaces' attributes are skipped; an expected name in the
   * wrong one of this format's namespaces is refused.
   */
  readAttributes(expected: Expected, read: (local: string, value: string, qname: string) => void): void {
    const attributes = this.node[ATTRIBUTES] as Record<string, string> | undefined;
    let count = 0;
    if (attributes !== undefined) {
      for (const key in attributes) {
        count++;
        const qname = key.slice(ATTRIBUTE_PREFIX.length);
        if (qname.startsWith('xmlns') && (qname.length === 5 || qname.charCodeAt(5) === 0x3a)) continue;
        const colon = qname.indexOf(':');
        const local = colon < 0 ? qname : qname.slice(colon + 1);
        const want = expected.get(local);
        if (want === undefined) continue;
        const uri = colon < 0 ? '' : (resolvePrefix(this.outline.scope(this.index), qname.slice(0, colon)) ?? '');
        if (uri === want) read(local, decodeAttributeValue(attributes[key]!), qname);
        else if (OWN_NAMESPACES.has(uri)) {
          throw this.attributeFault(qname, wrongNamespace(`the attribute ${qname} of ${this.tag}`, want, uri));
        }
      }
    }
    if (count !== this.outline.attributeCount(this.index)) {
      throw new Error(`the parsed tree and the scan disagree on the attributes of element ${this.index}`);
    }
  }

  /**
   * The child elements `expected` names, in document order. Text between them is ignorable here,
   * other namespaces' elements are skipped, an expected name in the wrong namespace is refused.
   */
  children(expected: Expected): Iterable<XmlElement> {
    if (this.shallow) return this.childrenApart(expected);
    const out: XmlElement[] = [];
    const nodes = this.node[this.key] as TreeNode[];
    let next = this.index + 1;
    for (const node of nodes) {
      const key = nodeKey(node);
      if (key === TEXT || key === CDATA) continue;
      const child = new XmlElement(this.outline, next, node, key);
      next = this.outline.end(next);
      const want = expected.get(child.local);
      if (want === undefined) continue;
      if (child.uri === want) out.push(child);
      else if (OWN_NAMESPACES.has(child.uri)) {
        throw child.fault(wrongNamespace(`The element ${child.tag}`, want, child.uri));
      }
    }
    return out;
  }

  /** `children` of a shallow element: each expected child parsed on its own, when it is reached. */
  private *childrenApart(expected: Expected): Generator<XmlElement> {
    const { outline } = this;
    const end = outline.end(this.index);
    for (let next = this.index + 1; next < end; next = outline.end(next)) {
      const qname = outline.qname(next);
      const colon = qname.indexOf(':');
      const want = expected.get(colon < 0 ? qname : qname.slice(colon + 1));
      if (want === undefined) continue;
      const uri = outline.uri(next);
      if (uri === want) yield elementAt(outline, next);
      else if (OWN_NAMESPACES.has(uri)) {
        throw badRequestAt(outline.text, outline.start(next), wrongNamespace(`The element <${qname}>`, want, uri));
      }
    }
  }

  /** The element's text: its text and CDATA children joined, references replaced. */
  text(): string {
    if (this.shallow) throw new Error('the text of a shallow element is not read');
    const nodes = this.node[this.key] as TreeNode[];
    let out = '';
    for (const node of nodes) {
      const text = node[TEXT];
      if (typeof text === 'string') out += decodeReferences(text);
      else {
        const cdata = node[CDATA] as TreeNode[] | undefined;
        if (cdata !== undefined) for (const part of cdata) out += part[TEXT] as string;
      }
    }
    return out;
  }
}

/** The element at `index`, its whole subtree parsed. */
export function elementAt(outline: Outline, index: number): XmlElement {
  const tree = buildTree(outline.markup(outline.start(index), outline.closeOf(index)));
  return fromTree(outline, index, tree, false);
}

/** The element at `index` with only its start tag parsed: its children are parsed one by one. */
export function shallowElementAt(outline: Outline, index: number): XmlElement {
  const startTag = outline.text.slice(outline.start(index), outline.contentStart(index));
  const empty = outline.contentStart(index) === outline.closeOf(index);
  const fragment = empty ? startTag : `${startTag}</${outline.qname(index)}>`;
  return fromTree(outline, index, buildTree(fragment), true);
}

function fromTree(outline: Outline, index: number, tree: TreeNode[], shallow: boolean): XmlElement {
  for (const node of tree) {
    const key = nodeKey(node);
    if (key !== TEXT) return new XmlElement(outline, index, node, key, shallow);
  }
  throw new Error(`no element parsed at element ${index}`);
}

/** The name under which a tree node holds its children (its tag, `#text` or `#cdata`). */
export function nodeKey(node: TreeNode): string {
  for (const key in node) if (key !== ATTRIBUTES) return key;
  throw new Error('an empty node in the parsed tree');
}

function wrongNamespace(what: string, want: string, found: string): string {
  const expected = want === '' ? 'no namespace' : `the namespace ${want}`;
  const actual = found === '' ? 'no namespace' : `the namespace ${found}`;
  return `${what} must be in ${expected}, not in ${actual}`;
}

/** Refuses a root element other than the one expected. */
export function expectRoot(root: XmlElement, local: string): void {
  if (root.local === local && root.uri === NS.compute) return;
  if (root.local === local) throw root.fault(wrongNamespace(`The root element ${root.tag}`, NS.compute, root.uri));
  throw root.fault(`Expected the root element <${local}> in the namespace ${NS.compute}, found ${root.tag}`);
}

/** Rethrows a Fault as it is; anything else a reader throws becomes a badRequest Fault. */
export function asFault(error: unknown): Fault {
  if (isFault(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new Fault('badRequest', `The XML document could not be read (${reason})`, { cause: error });
}
