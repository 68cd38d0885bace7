import { XML_NS } from './namespaces.ts';

/**
 * The namespace bindings an element declares, on top of its parent's scope. An element that
 * declares nothing shares its parent's scope, so a chain is never longer than the nesting depth:
 * resolving a prefix costs at most that many lookups, however many declarations a document holds.
 */
export interface Scope {
  /** Prefix ('' for the default namespace) -> URI ('' when `xmlns=""` undeclares the default). */
  readonly declared: ReadonlyMap<string, string>;
  readonly parent: Scope | null;
}

/** The scope every document starts in: only `xml` is bound. */
export const ROOT_SCOPE: Scope = { declared: new Map([['xml', XML_NS]]), parent: null };

/** The URI a prefix ('' for the default namespace) is bound to in a scope; '' for no namespace. */
export function resolvePrefix(scope: Scope | null, prefix: string): string | undefined {
  for (let s = scope; s !== null; s = s.parent) {
    const uri = s.declared.get(prefix);
    if (uri !== undefined) return uri;
  }
  return prefix === '' ? '' : undefined;
}

// The fields kept of each element, in one integer array.
const START = 0; // offset of its '<'
const NAME_END = 1; // offset after its qualified name
const CONTENT_START = 2; // offset after its start tag
const CLOSE = 3; // offset after its end tag (or its '/>')
const END = 4; // index of the first element after its subtree
const FIRST_ATTRIBUTE = 5; // index of its first attribute (into the attribute array)
const URI = 6; // its namespace URI, as an index into `uris`
const SCOPE = 7; // its namespace scope, as an index into `scopes`
const FIELDS = 8;
// An element's attributes are recorded just before it, so they run up to the next element's first.

// The fields kept of each attribute, in a second integer array.
const ATTRIBUTE_NAME_START = 0; // offset of its qualified name
const ATTRIBUTE_NAME_END = 1; // offset after its qualified name
const VALUE_START = 2; // offset after its opening quote
const VALUE_END = 3; // offset of its closing quote
const ATTRIBUTE_FIELDS = 4;

/** The arrays a released outline left for the next one. */
let spareData: Int32Array | undefined;
let spareAttributeData: Int32Array | undefined;
/** The largest array kept for the next outline (64 K entries: 256 KiB, some 8 000 elements). */
const MAX_SPARE = 64 * 1024;
const RELEASED = new Int32Array(0);

/**
 * What the scan learned about every element, in document order, for a reader of the parsed tree:
 * names resolved by namespace URI, where in the document each element is, and where each of its
 * attributes' names and values are (the scan has checked them, so the reader takes them from here
 * rather than have them parsed a second time). Kept in two typed arrays, with the few distinct
 * URIs and scopes apart: a large list outlines tens of thousands of elements, and nothing here
 * should weigh on the garbage collector.
 */
export class Outline {
  /** The document as given (offsets and line numbers refer to it). */
  readonly text: string;
  /** Ranges [start, end) of the declaration, comments and processing instructions, in order. */
  readonly skipped: number[] = [];
  private data: Int32Array;
  private count = 0;
  private attributeData: Int32Array = spareAttributeData ?? new Int32Array(ATTRIBUTE_FIELDS * 64);
  private attributeTotal = 0;
  private readonly uris: string[] = [];
  private readonly uriIndex = new Map<string, number>();
  private readonly scopes: Scope[] = [];
  private readonly scopeIndex = new Map<Scope, number>();
  private lastUri: string | undefined;
  private lastUriIndex = 0;
  private lastScope: Scope | undefined;
  private lastScopeIndex = 0;

  constructor(text: string) {
    this.text = text;
    this.data = spareData ?? new Int32Array(FIELDS * 64);
    spareData = undefined;
    spareAttributeData = undefined;
  }

  /**
   * Hands the outline's arrays to the next outline (allocating them is a good part of the cost of
   * a small document). Decoding is synchronous, so one spare pair is all there is to keep; large
   * ones are left to the garbage collector. The outline must not be read afterwards.
   */
  release(): void {
    if (this.data.length <= MAX_SPARE) spareData = this.data;
    if (this.attributeData.length <= MAX_SPARE) spareAttributeData = this.attributeData;
    this.data = RELEASED;
    this.attributeData = RELEASED;
    this.count = 0;
    this.attributeTotal = 0;
  }

  /** Number of elements. */
  get length(): number {
    return this.count;
  }

  /** Number of attributes recorded so far, in all elements. */
  get attributes(): number {
    return this.attributeTotal;
  }

  /**
   * Records an attribute of the start tag being scanned: its name at [nameStart, nameEnd), its
   * value at [valueStart, valueEnd). The element's `add` follows its attributes.
   */
  addAttribute(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): void {
    const index = this.attributeTotal++;
    if (this.attributeData.length < this.attributeTotal * ATTRIBUTE_FIELDS) {
      const grown = new Int32Array(this.attributeData.length * 2);
      grown.set(this.attributeData);
      this.attributeData = grown;
    }
    const at = index * ATTRIBUTE_FIELDS;
    const { attributeData } = this;
    attributeData[at + ATTRIBUTE_NAME_START] = nameStart;
    attributeData[at + ATTRIBUTE_NAME_END] = nameEnd;
    attributeData[at + VALUE_START] = valueStart;
    attributeData[at + VALUE_END] = valueEnd;
  }

  /**
   * Records an element's start tag, whose attributes are the last `attributeCount` recorded;
   * returns its index.
   */
  add(start: number, nameEnd: number, contentStart: number, attributeCount: number, uri: string, scope: Scope): number {
    const index = this.count++;
    if (this.data.length < this.count * FIELDS) {
      // Every element starts with a '<' that no '/' follows: grown once to as many elements as
      // there can be, rather than doubled again and again (each time holding the old and the new
      // array at once).
      const most = index + 1 + startTagsFrom(this.text, start + 1);
      const grown = new Int32Array(most * FIELDS);
      grown.set(this.data);
      this.data = grown;
    }
    const at = index * FIELDS;
    const { data } = this;
    data[at + START] = start;
    data[at + NAME_END] = nameEnd;
    data[at + CONTENT_START] = contentStart;
    data[at + CLOSE] = contentStart;
    data[at + END] = index + 1;
    data[at + FIRST_ATTRIBUTE] = this.attributeTotal - attributeCount;
    // Most elements share the namespace and the scope of the element before them.
    if (uri !== this.lastUri) {
      this.lastUri = uri;
      this.lastUriIndex = intern(this.uris, this.uriIndex, uri);
    }
    if (scope !== this.lastScope) {
      this.lastScope = scope;
      this.lastScopeIndex = intern(this.scopes, this.scopeIndex, scope);
    }
    data[at + URI] = this.lastUriIndex;
    data[at + SCOPE] = this.lastScopeIndex;
    return index;
  }

  /** Records the end tag of element `index`, which closes at `close`. */
  close(index: number, close: number): void {
    this.data[index * FIELDS + CLOSE] = close;
    this.data[index * FIELDS + END] = this.count;
  }

  start(index: number): number {
    return this.data[index * FIELDS + START]!;
  }
  contentStart(index: number): number {
    return this.data[index * FIELDS + CONTENT_START]!;
  }
  closeOf(index: number): number {
    return this.data[index * FIELDS + CLOSE]!;
  }
  /** Index of the first element after the subtree of `index`. */
  end(index: number): number {
    return this.data[index * FIELDS + END]!;
  }
  /** Index of the first attribute of element `index` (into the attribute fields below). */
  firstAttribute(index: number): number {
    return this.data[index * FIELDS + FIRST_ATTRIBUTE]!;
  }
  attributeCount(index: number): number {
    const next = index + 1 < this.count ? this.data[(index + 1) * FIELDS + FIRST_ATTRIBUTE]! : this.attributeTotal;
    return next - this.data[index * FIELDS + FIRST_ATTRIBUTE]!;
  }
  attributeNameStart(attribute: number): number {
    return this.attributeData[attribute * ATTRIBUTE_FIELDS + ATTRIBUTE_NAME_START]!;
  }
  attributeNameEnd(attribute: number): number {
    return this.attributeData[attribute * ATTRIBUTE_FIELDS + ATTRIBUTE_NAME_END]!;
  }
  /** The raw value of an attribute (references and whitespace as written). */
  rawValue(attribute: number): string {
    const at = attribute * ATTRIBUTE_FIELDS;
    return this.text.slice(this.attributeData[at + VALUE_START], this.attributeData[at + VALUE_END]);
  }
  /** Whether the name of an attribute is the text at [from, to). */
  hasAttributeName(attribute: number, from: number, to: number): boolean {
    const at = attribute * ATTRIBUTE_FIELDS;
    return sameText(
      this.text,
      this.attributeData[at + ATTRIBUTE_NAME_START]!,
      this.attributeData[at + ATTRIBUTE_NAME_END]!,
      from,
      to,
    );
  }
  uri(index: number): string {
    return this.uris[this.data[index * FIELDS + URI]!]!;
  }
  scope(index: number): Scope {
    return this.scopes[this.data[index * FIELDS + SCOPE]!]!;
  }
  /** The qualified name of element `index`, as written. */
  qname(index: number): string {
    const at = index * FIELDS;
    return this.text.slice(this.data[at + START]! + 1, this.data[at + NAME_END]!);
  }
  /**
   * Whether the local part of element `index`'s name (after its prefix, if any) is `local`:
   * compared in place, no string made.
   */
  hasLocalName(index: number, local: string): boolean {
    const at = index * FIELDS;
    const { text } = this;
    const nameEnd = this.data[at + NAME_END]!;
    const localStart = nameEnd - local.length;
    const start = this.data[at + START]! + 1;
    if (localStart < start || !text.startsWith(local, localStart)) return false;
    if (localStart === start) return true;
    // A longer name matches only as `prefix:local` (the prefix itself holds no colon).
    if (text.charCodeAt(localStart - 1) !== 0x3a) return false;
    for (let i = start; i < localStart - 1; i++) if (text.charCodeAt(i) === 0x3a) return false;
    return true;
  }

  /** Whether element `index` is named as the text at [from, to). */
  hasName(index: number, from: number, to: number): boolean {
    const at = index * FIELDS;
    return sameText(this.text, this.data[at + START]! + 1, this.data[at + NAME_END]!, from, to);
  }

  /**
   * The text of [from, to) without the declaration, comments and processing instructions: what the
   * tree builder is given (it misreads a quote inside a processing instruction).
   */
  markup(from: number, to: number): string {
    const { skipped, text } = this;
    // The first skipped range that ends after `from` (ranges are sorted and disjoint).
    let low = 0;
    let high = skipped.length / 2;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (skipped[2 * middle + 1]! <= from) low = middle + 1;
      else high = middle;
    }
    let out = '';
    let at = from;
    for (let i = 2 * low; i < skipped.length && skipped[i]! < to; i += 2) {
      const piece = text.slice(at, skipped[i]);
      // A CR just before a removed comment or PI is a line end of its own: left as it is, the tree
      // builder's line-end normalisation would join it with an LF just after (one line end, not two).
      // Normalising the piece's line ends here is what the builder would do to it anyway.
      out += piece.charCodeAt(piece.length - 1) === 0x0d ? piece.replace(/\r\n?/g, '\n') : piece;
      at = skipped[i + 1]!;
    }
    return at < to ? out + text.slice(at, to) : out;
  }
}

/** How many '<' not followed by '/' there are in `text` from `from` on: one pass, one character at a time. */
function startTagsFrom(text: string, from: number): number {
  let count = 0;
  for (let i = from; i < text.length; i++) {
    if (text.charCodeAt(i) === 0x3c && text.charCodeAt(i + 1) !== 0x2f) count++;
  }
  return count;
}

/** Whether [aFrom, aTo) and [bFrom, bTo) of `text` hold the same characters. */
function sameText(text: string, aFrom: number, aTo: number, bFrom: number, bTo: number): boolean {
  const length = aTo - aFrom;
  if (bTo - bFrom !== length) return false;
  for (let i = 0; i < length; i++) if (text.charCodeAt(aFrom + i) !== text.charCodeAt(bFrom + i)) return false;
  return true;
}

/**
 * The index of `value` in `list`, added when new. A few values are looked for one by one; past
 * `LINEAR` of them, a map keeps a document of many distinct scopes linear.
 */
function intern<T>(list: T[], index: Map<T, number>, value: T): number {
  if (list.length < LINEAR) {
    const found = list.indexOf(value);
    if (found >= 0) return found;
  } else {
    if (index.size === 0) for (let i = 0; i < list.length; i++) index.set(list[i]!, i);
    const found = index.get(value);
    if (found !== undefined) return found;
    index.set(value, list.length);
  }
  list.push(value);
  return list.length - 1;
}

const LINEAR = 8;
