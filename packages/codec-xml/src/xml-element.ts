import { Fault, isFault } from '@openstack-image/faults';
import { buildTree, CDATA, TEXT, type TreeNode } from './build-tree.ts';
import { NS } from './namespaces.ts';
import { type Outline, resolvePrefix } from './outline.ts';
import { badRequestAt } from './position.ts';
import { decodeAttributeValue, decodeReferences } from './scan-document.ts';

/** What a reader expects at one place: local name -> namespace URI ('' for none). */
export type Expected = ReadonlyMap<string, string>;

/**
 * The namespaces this format speaks. A name a reader expects, met in one of these (or in none)
 * but not the one it belongs to, is a mistake worth refusing; met in any other namespace it is
 * someone's extension, and skipped.
 */
const OWN_NAMESPACES: ReadonlySet<string> = new Set(['', NS.compute, NS.common, NS.atom, NS.diskConfig, NS.imageSize]);

/**
 * An element of a parsed document: its name resolved by namespace URI, its children read through
 * fast-xml-parser's tree, its attributes and its place in the document known from the scan's
 * outline (the scan has parsed and checked every attribute already: the tree builder is told to
 * skip them, rather than parse them a second time).
 *
 * A shallow element has only its start tag parsed, and parses the children it is asked for as it
 * reaches them, a few short ones at a time: the lists read this way, so that no tree of a whole
 * large document lives long enough to make the garbage collector's work grow faster than the
 * document.
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

  /** A badRequest Fault about one of this element's attributes (its first one named `qname`). */
  attributeFault(qname: string, message: string): Fault {
    const { outline } = this;
    let offset = outline.start(this.index);
    const first = outline.firstAttribute(this.index);
    const end = first + outline.attributeCount(this.index);
    for (let a = first; a < end; a++) {
      if (!hasQname(outline, a, qname)) continue;
      offset = outline.attributeNameStart(a);
      break;
    }
    return badRequestAt(outline.text, offset, message);
  }

  /**
   * Calls `read` with the decoded value of each attribute `expected` names, in document order.
   * Namespace declarations and other namespaces' attributes are skipped; an expected name in the
   * wrong one of this format's namespaces is refused.
   */
  readAttributes(expected: Expected, read: (local: string, value: string, qname: string) => void): void {
    const { outline } = this;
    const { text } = outline;
    const first = outline.firstAttribute(this.index);
    const end = first + outline.attributeCount(this.index);
    for (let a = first; a < end; a++) {
      const nameStart = outline.attributeNameStart(a);
      const nameEnd = outline.attributeNameEnd(a);
      if (
        text.startsWith('xmlns', nameStart) &&
        (nameEnd - nameStart === 5 || text.charCodeAt(nameStart + 5) === 0x3a)
      ) {
        continue;
      }
      let colon = nameStart;
      while (colon < nameEnd && text.charCodeAt(colon) !== 0x3a) colon++;
      const prefixed = colon < nameEnd;
      const local = text.slice(prefixed ? colon + 1 : nameStart, nameEnd);
      const want = expected.get(local);
      if (want === undefined) continue;
      const qname = prefixed ? text.slice(nameStart, nameEnd) : local;
      const uri = prefixed ? (resolvePrefix(outline.scope(this.index), text.slice(nameStart, colon)) ?? '') : '';
      if (uri === want) read(local, decodeAttributeValue(outline.rawValue(a)), qname);
      else if (OWN_NAMESPACES.has(uri)) {
        throw this.attributeFault(qname, wrongNamespace(`the attribute ${qname} of ${this.tag}`, want, uri));
      }
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

  /**
   * `children` of a shallow element: the expected children parsed when they are reached, a run of
   * consecutive short ones together (up to `RUN_LENGTH` characters of markup), so that the tree
   * builder's fixed cost per call is shared without any tree living long. An unexpected child ends
   * a run: it is skipped, or refused, only when it is reached, after the children before it.
   */
  private *childrenApart(expected: Expected): Generator<XmlElement> {
    const { outline } = this;
    const end = outline.end(this.index);
    let next = this.index + 1;
    while (next < end) {
      if (!isExpectedAt(outline, next, expected)) {
        next = outline.end(next);
        continue;
      }
      const start = outline.start(next);
      let last = next;
      let after = outline.end(next);
      while (
        after < end &&
        outline.closeOf(after) - start <= RUN_LENGTH &&
        isExpectedAt(outline, after, expected, false)
      ) {
        last = after;
        after = outline.end(after);
      }
      let index = next;
      for (const node of buildTree(outline.markup(start, outline.closeOf(last)))) {
        const key = nodeKey(node);
        if (key === TEXT || key === CDATA) continue;
        yield new XmlElement(outline, index, node, key);
        index = outline.end(index);
      }
      if (index !== after) throw new Error(`the parsed tree and the scan disagree on the elements ${next} to ${last}`);
      next = after;
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

/** Characters of markup the tree builder is given at once, at most, for a run of children. */
const RUN_LENGTH = 8192;

/**
 * Whether element `index` is one `expected` names, in its namespace. One in the wrong one of this
 * format's namespaces is refused when `refuse` (else only not expected); another is skipped.
 */
function isExpectedAt(outline: Outline, index: number, expected: Expected, refuse = true): boolean {
  const qname = outline.qname(index);
  const colon = qname.indexOf(':');
  const want = expected.get(colon < 0 ? qname : qname.slice(colon + 1));
  if (want === undefined) return false;
  const uri = outline.uri(index);
  if (uri === want) return true;
  if (refuse && OWN_NAMESPACES.has(uri)) {
    throw badRequestAt(outline.text, outline.start(index), wrongNamespace(`The element <${qname}>`, want, uri));
  }
  return false;
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
  for (const key in node) return key;
  throw new Error('an empty node in the parsed tree');
}

/** Whether attribute `attribute` is named `qname`. */
function hasQname(outline: Outline, attribute: number, qname: string): boolean {
  const { text } = outline;
  const nameStart = outline.attributeNameStart(attribute);
  return outline.attributeNameEnd(attribute) - nameStart === qname.length && text.startsWith(qname, nameStart);
}

function wrongNamespace(what: string, want: string, found: string): string {
  const expected = want === '' ? 'no namespace' : `the namespace ${want}`;
  const actual = found === '' ? 'no namespace' : `the namespace ${found}`;
  return `${what} must be in ${expected}, not in ${actual}`;
}

/** Refuses a root element other than the one expected (in the compute namespace, unless another is named). */
export function expectRoot(root: XmlElement, local: string, uri: string = NS.compute): void {
  if (root.local === local && root.uri === uri) return;
  if (root.local === local) throw root.fault(wrongNamespace(`The root element ${root.tag}`, uri, root.uri));
  throw root.fault(`Expected the root element <${local}> in the namespace ${uri}, found ${root.tag}`);
}

/** Rethrows a Fault as it is; anything else a reader throws becomes a badRequest Fault. */
export function asFault(error: unknown): Fault {
  if (isFault(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new Fault('badRequest', `The XML document could not be read (${reason})`, { cause: error });
}
