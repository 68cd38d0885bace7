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
const ATTRIBUTE_COUNT = 5; // its attributes, namespace declarations included
const URI = 6; // its namespace URI, as an index into `uris`
const SCOPE = 7; // its namespace scope, as an index into `scopes`
const FIELDS = 8;

/**
 * What the scan learned about every element, in document order, for a reader of the parsed tree:
 * names resolved by namespace URI, and where in the document each element is. Kept in one typed
 * array, with the few distinct URIs and scopes apart: a large list outlines tens of thousands of
 * elements, and nothing here should weigh on the garbage collector.
 */
export class Outline {
  /** The document as given (offsets and line numbers refer to it). */
  readonly text: string;
  /** Ranges [start, end) of the declaration, comments and processing instructions, in order. */
  readonly skipped: number[] = [];
  private data = new Int32Array(FIELDS * 16);
  private count = 0;
  private readonly uris: string[] = [];
  private readonly uriIndex = new Map<string, number>();
  private readonly scopes: Scope[] = [];
  private readonly scopeIndex = new Map<Scope, number>();

  constructor(text: string) {
    this.text = text;
  }

  /** Number of elements. */
  get length(): number {
    return this.count;
  }

  /** Records an element's start tag; returns its index. */
  add(start: number, nameEnd: number, contentStart: number, attributeCount: number, uri: string, scope: Scope): number {
    const index = this.count++;
    if (this.data.length < this.count * FIELDS) {
      const grown = new Int32Array(this.data.length * 2);
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
    data[at + ATTRIBUTE_COUNT] = attributeCount;
    data[at + URI] = intern(this.uris, this.uriIndex, uri);
    data[at + SCOPE] = intern(this.scopes, this.scopeIndex, scope);
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
  attributeCount(index: number): number {
    return this.data[index * FIELDS + ATTRIBUTE_COUNT]!;
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
  /** Whether element `index` is named as the text at [from, to). */
  hasName(index: number, from: number, to: number): boolean {
    const at = index * FIELDS;
    const start = this.data[at + START]! + 1;
    if (this.data[at + NAME_END]! - start !== to - from) return false;
    for (let i = 0; i < to - from; i++)
      if (this.text.charCodeAt(start + i) !== this.text.charCodeAt(from + i)) return false;
    return true;
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

function intern<T>(list: T[], index: Map<T, number>, value: T): number {
  let found = index.get(value);
  if (found === undefined) {
    found = list.length;
    list.push(value);
    index.set(value, found);
  }
  return found;
}
