import { XMLParser } from 'fast-xml-parser';

/** A node of fast-xml-parser's `preserveOrder` tree. */
export type TreeNode = Record<string, unknown>;

/** Where a tree node keeps its attributes, its text, a CDATA section. */
export const ATTRIBUTES = ':@';
export const TEXT = '#text';
export const CDATA = '#cdata';
/** What the tree builder puts before every attribute name. */
export const ATTRIBUTE_PREFIX = '@_';

/** The names fast-xml-parser refuses as keys (it throws on them); renamed, since they are valid XML. */
const RESERVED: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/*
 * fast-xml-parser builds the tree, and only the tree: `scanDocument` has already checked
 * well-formedness and namespaces, and the markup it is given has no declaration, comments or
 * processing instructions (it misreads a quote inside one). References are left to
 * `decodeReferences` (the parser leaves numeric references in attributes undecoded), values stay
 * text, nothing is trimmed, CDATA stays apart from text (its content is never decoded).
 */
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: CDATA,
  textNodeName: TEXT,
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  removeNSPrefix: false,
  jPath: false,
  transformTagName: (name: string) => (RESERVED.has(name) ? `#${name}` : name),
  onDangerousProperty: (name: string) => name,
});

/** The tree of well-formed markup (already checked by `scanDocument`). */
export function buildTree(markup: string): TreeNode[] {
  return parser.parse(markup) as TreeNode[];
}
