import { XMLParser } from 'fast-xml-parser';

/** A node of fast-xml-parser's `preserveOrder` tree. */
export type TreeNode = Record<string, unknown>;

/** Where a tree node keeps its text, a CDATA section. */
export const TEXT = '#text';
export const CDATA = '#cdata';

/** The names fast-xml-parser refuses as keys (it throws on them); renamed, since they are valid XML. */
const RESERVED: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/*
 * fast-xml-parser builds the tree of elements and text, and only that: `scanDocument` has already
 * checked well-formedness and namespaces, and the markup it is given has no declaration, comments
 * or processing instructions (it misreads a quote inside one). Attributes are skipped: the scan has
 * parsed and checked each of them, and the reader takes them from its outline (parsing them again
 * here made up some 40% of the parser's time and garbage). References are left to
 * `decodeReferences`, values stay text, nothing is trimmed, CDATA stays apart from text (its
 * content is never decoded).
 */
/**
 * References are replaced by the reader (`decodeReferences`), after the scan has checked each of
 * them: the tree builder leaves every one as written. Given as fast-xml-parser's `entityDecoder`,
 * which it then keeps, rather than build its own decoder and entity tables for every `parse`.
 */
const KEEP_REFERENCES = {
  setExternalEntities: (): void => {},
  addInputEntities: (): void => {},
  reset: (): void => {},
  decode: (text: string): string => text,
  setXmlVersion: (): void => {},
};

const parser = new XMLParser({
  entityDecoder: KEEP_REFERENCES,
  preserveOrder: true,
  ignoreAttributes: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: CDATA,
  textNodeName: TEXT,
  removeNSPrefix: false,
  jPath: false,
  transformTagName: (name: string) => (RESERVED.has(name) ? `#${name}` : name),
  onDangerousProperty: (name: string) => name,
});

/** The tree of well-formed markup (already checked by `scanDocument`). */
export function buildTree(markup: string): TreeNode[] {
  return parser.parse(markup) as TreeNode[];
}
