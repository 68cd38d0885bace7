import { Fault, isFault } from '@openstack-image/faults';
import { DecodeOptionsError } from '@openstack-image/schema';
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
 * An element of a checked document: its name resolved by namespace URI, its children, attributes
 * and place in the document known from the scan's outline (the scan has parsed and checked every
 * element and attribute already, so nothing parses them a second time). fast-xml-parser builds
 * only what a reader asks for as text (`text()`: a `<meta>`'s value, a fault's message), a run of
 * such elements at a time (see `ElementTexts`), so that neither a tree of a whole document nor a
 * call of the parser per element is ever made.
 */
export class XmlElement {
  readonly outline: Outline;
  /** Index of the element in document order (into the outline's arrays). */
  readonly index: number;
  readonly uri: string;
  readonly local: string;
  /** The texts of the document's elements (one for the whole document). */
  private readonly texts: ElementTexts;

  /** `local` is the local part of its name, when the caller has it already. */
  constructor(outline: Outline, index: number, texts: ElementTexts, local?: string) {
    this.outline = outline;
    this.texts = texts;
    this.index = index;
    this.uri = outline.uri(index);
    if (local === undefined) {
      const qname = outline.qname(index);
      const colon = qname.indexOf(':');
      local = colon < 0 ? qname : qname.slice(colon + 1);
    }
    this.local = local;
  }

  /** The qualified name, as written (made when a message needs it). */
  get qname(): string {
    return this.outline.qname(this.index);
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
   * Calls `read(state, local, value, qname)` with the decoded value of each attribute `expected`
   * names, in document order (`state` is the caller's, so that `read` need not be a closure).
   * Namespace declarations and other namespaces' attributes are skipped; an expected name in the
   * wrong one of this format's namespaces is refused. Values are copies, never slices of the
   * document (a slice would keep the whole document alive as long as the value lives).
   */
  readAttributes<S>(
    expected: Expected,
    read: (state: S, local: string, value: string, qname: string) => void,
    state: S,
  ): void {
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
      if (uri === want) read(state, local, this.texts.own(decodeAttributeValue(outline.rawValue(a))), qname);
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
    return new Children(this.outline, this.index, this.texts, expected);
  }

  /** The element's text: its text and CDATA children joined, references replaced. */
  text(): string {
    return this.texts.textOf(this.index);
  }
}

/**
 * The children of one element that a reader expects, met one by one (a problem in a later child
 * is found only after the earlier ones were read: the first problem in document order is the one
 * reported). Iterable once.
 */
class Children implements Iterable<XmlElement>, Iterator<XmlElement> {
  private readonly outline: Outline;
  private readonly texts: ElementTexts;
  private readonly names: readonly string[];
  private readonly uris: readonly string[];
  private readonly end: number;
  private next_: number;

  constructor(outline: Outline, parent: number, texts: ElementTexts, expected: Expected) {
    this.outline = outline;
    this.texts = texts;
    const { names, uris } = listed(expected);
    this.names = names;
    this.uris = uris;
    this.end = outline.end(parent);
    this.next_ = parent + 1;
  }

  [Symbol.iterator](): Iterator<XmlElement> {
    return this;
  }

  next(): IteratorResult<XmlElement> {
    const { outline, names, uris, end } = this;
    while (this.next_ < end) {
      const index = this.next_;
      this.next_ = outline.end(index);
      const k = expectedAt(outline, index, names, uris);
      if (k >= 0) return { value: new XmlElement(outline, index, this.texts, names[k]), done: false };
    }
    return { value: undefined, done: true };
  }
}

/** The names and URIs of an `Expected`, as arrays (each of the readers' few is listed once). */
const LISTED = new Map<Expected, { names: readonly string[]; uris: readonly string[] }>();

function listed(expected: Expected): { names: readonly string[]; uris: readonly string[] } {
  let found = LISTED.get(expected);
  if (found === undefined) {
    found = { names: [...expected.keys()], uris: [...expected.values()] };
    LISTED.set(expected, found);
  }
  return found;
}

/** Longest value shared with its equals in one document, and how many distinct ones are kept. */
const SHARED_LENGTH = 40;
const SHARED_COUNT = 1024;
/** Documents shorter than this (one image, say) repeat too little for sharing to pay. */
const SHARE_FROM = 8192;

/** The name of the element each content of a run is wrapped in for the tree builder. */
const WRAPPER = 't';

/** Characters of markup the tree builder is given at once, at most, for a run of elements' texts. */
const RUN_LENGTH = 8192;

/**
 * The texts of a document's elements, built by fast-xml-parser a run at a time: asked for the text
 * of one element, it parses that element together with the next elements of the same name and
 * namespace (the next `<meta>`s of a list, across images), up to `RUN_LENGTH` characters of
 * markup in all, so that the parser's fixed cost per call is shared. Each element is parsed at
 * most once in a pass through the document, and each is looked at by at most two runs: linear.
 */
class ElementTexts {
  private readonly outline: Outline;
  /** The elements of the last run, in document order, and their texts. */
  private indices: number[] = [];
  private texts: string[] = [];
  private cursor = 0;

  /** Short values met in the document, each kept once (`own`). */
  private shared: Map<string, string> | undefined;

  constructor(outline: Outline) {
    this.outline = outline;
  }

  /**
   * The content of element `index` (between its start and end tags, comments and processing
   * instructions left out) in a wrapper of a one-letter name: all the tree builder needs to read
   * its text is its content, not its name or attributes (the scan has read and checked those).
   */
  private content(index: number): string {
    const { outline } = this;
    const contentStart = outline.contentStart(index);
    const close = outline.closeOf(index);
    if (contentStart === close) return `<${WRAPPER}/>`;
    // The end tag is the last '<' of the element: nothing in an end tag is a '<'.
    const endTag = outline.text.lastIndexOf('<', close - 1);
    return `<${WRAPPER}>${outline.markup(contentStart, endTag)}</${WRAPPER}>`;
  }

  /**
   * A value as the decoded result keeps it: short ones (up to `SHARED_LENGTH` characters) shared
   * with their equals in the same document, when it is long enough (`SHARE_FROM`) to repeat them
   * (`JSON.parse` does as much for its short strings: a list repeats its statuses, rels, types and
   * metadata values in every image); longer ones `detach`ed. At most `SHARED_COUNT` distinct values
   * are remembered, so a hostile document of unique values costs no more than a bounded table.
   */
  own(value: string): string {
    if (value.length > SHARED_LENGTH || this.outline.text.length < SHARE_FROM) return detach(value);
    this.shared ??= new Map();
    const known = this.shared.get(value);
    if (known !== undefined) return known;
    const kept = detach(value);
    if (this.shared.size < SHARED_COUNT) this.shared.set(kept, kept);
    return kept;
  }

  textOf(index: number): string {
    const { indices } = this;
    if (this.cursor >= indices.length || indices[this.cursor]! > index) this.cursor = 0;
    while (this.cursor < indices.length && indices[this.cursor]! < index) this.cursor++;
    if (indices[this.cursor] !== index) this.parseRun(index);
    return this.texts[this.cursor]!;
  }

  private parseRun(first: number): void {
    const { outline } = this;
    const uri = outline.uri(first);
    const indices = [first];
    let length = outline.closeOf(first) - outline.start(first);
    let markup = this.content(first);
    const nameStart = outline.start(first) + 1;
    const nameEnd = nameStart + outline.qname(first).length;
    for (let next = outline.end(first); next < outline.length && length < RUN_LENGTH; next++) {
      if (outline.uri(next) !== uri || !outline.hasName(next, nameStart, nameEnd)) continue;
      const size = outline.closeOf(next) - outline.start(next);
      if (length + size > RUN_LENGTH) break;
      indices.push(next);
      length += size;
      markup += this.content(next);
      next = outline.end(next) - 1;
    }
    const texts: string[] = [];
    for (const node of buildTree(markup)) {
      const key = nodeKey(node);
      // The tree and the scan must agree: one wrapper for each element of the run, nothing else.
      if (key !== WRAPPER) throw new Error(`the parsed tree and the scan disagree at element ${indices[texts.length]}`);
      texts.push(this.own(nodeText(node[key] as TreeNode[])));
    }
    if (texts.length !== indices.length) {
      throw new Error(
        `the parsed tree and the scan disagree on the elements from ${first} (${texts.length} / ${indices.length})`,
      );
    }
    this.indices = indices;
    this.texts = texts;
    this.cursor = 0;
  }
}

/** The text and CDATA children of a tree node joined, references replaced. */
function nodeText(nodes: TreeNode[]): string {
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

/**
 * A string that shares no memory with the document: V8 keeps a slice of 13 characters or more as
 * a view into the string it was cut from, and a string built by `+=` as a tree of its pieces.
 * Either would keep much more alive than the value as long as the decoded value lives. Shorter
 * strings are copies already; others are copied flat: the concatenation of two pieces, flattened
 * (measured: the least memory retained of the ways to copy a string, as little as `JSON.parse`'s
 * own strings; other engines: a copy, or no effect).
 */
export function detach(value: string): string {
  if (value.length < 13) return value;
  const copy = value.charAt(0) + value.slice(1);
  copy.charCodeAt(0);
  return copy;
}

/** `items` in an array of exactly their length (an array grown by `push` keeps room for 16 more). */
export function exact<T>(items: T[]): T[] {
  return items.length === 0 ? [] : items.slice();
}

/**
 * Which of `names` element `index` is (its position), in the namespace `uris` gives it; -1 when it
 * is none of them. One in the wrong one of this format's namespaces is refused; one in another
 * namespace is skipped. The name is compared in place: no string is made per element.
 */
function expectedAt(outline: Outline, index: number, names: readonly string[], uris: readonly string[]): number {
  for (let k = 0; k < names.length; k++) {
    if (!outline.hasLocalName(index, names[k]!)) continue;
    const uri = outline.uri(index);
    if (uri === uris[k]) return k;
    if (OWN_NAMESPACES.has(uri)) {
      const qname = outline.qname(index);
      throw badRequestAt(outline.text, outline.start(index), wrongNamespace(`The element <${qname}>`, uris[k]!, uri));
    }
    return -1;
  }
  return -1;
}

/** The root element of a checked document. */
export function rootOf(outline: Outline): XmlElement {
  return new XmlElement(outline, 0, new ElementTexts(outline));
}

/** The name under which a tree node holds its children (its tag, `#text` or `#cdata`). */
function nodeKey(node: TreeNode): string {
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
  // The caller's own mistake (bad options) leaves as the TypeError it is.
  if (error instanceof DecodeOptionsError) throw error;
  const reason = error instanceof Error ? error.message : String(error);
  return new Fault('badRequest', `The XML document could not be read (${reason}), at the document`, {
    where: 'document',
    cause: error,
  });
}
