import type { Fault } from '@openstack-image/faults';
import { LIMITS } from '@openstack-image/schema';
import { XML_NS, XMLNS_NS } from './namespaces.ts';
import { Outline, ROOT_SCOPE, resolvePrefix, type Scope } from './outline.ts';
import { badRequestAt, describeChar, lineColumn } from './position.ts';
import {
  ASCII_NAME,
  ASCII_NAME_START,
  asciiNameClass,
  findNotXmlChar,
  isNameChar,
  isNameStartChar,
  isXmlChar,
  isXmlSpace,
} from './xml-chars.ts';

/**
 * The longest run of text, CDATA or attribute value read, in characters as written (references
 * spelled out). No value of the schema is longer than 255 characters (some 2 600 written as
 * character references); fault messages and details get room to spare. Longer runs are refused
 * before anything builds them: fast-xml-parser's cost per character grows with a run's length.
 */
export const MAX_TEXT_RUN: number = 16 * 1024;

function overLongText(what: string): string {
  return `${what} is longer than ${MAX_TEXT_RUN} characters (no value here is longer than ${LIMITS.metaValueMaxLength})`;
}

const PREDEFINED_ENTITIES: ReadonlySet<string> = new Set(['lt', 'gt', 'amp', 'apos', 'quot']);

/*
 * The XML declaration: version 1.0 only (1.1 changes which characters a document may carry), and
 * UTF-8 only: a body given as bytes is decoded as UTF-8, so another declared encoding would be a lie.
 */
const DECLARATION =
  /<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"([^"<]*)"|'([^'<]*)')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"([^"<]*)"|'([^'<]*)'))?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(yes|no)"|'(yes|no)'))?[ \t\r\n]*\?>/y;

/**
 * Checks that `text` is a well-formed, namespace-well-formed XML 1.0 document without a document
 * type declaration, and outlines its elements. fast-xml-parser, which builds the tree, is no
 * well-formedness checker (it accepts mismatched tags, two roots, bare `&`, undefined entities,
 * duplicate attributes), so nothing reaches it before this scan has passed.
 *
 * One pass, linear in the length of the document; the first problem throws a `badRequest` Fault
 * saying where it is and what was expected. Nesting deeper than `maxDepth` is refused as soon as
 * it is met.
 */
export function scanDocument(text: string, maxDepth: number): Outline {
  return new Scanner(text, maxDepth).scan();
}

class Scanner {
  private readonly text: string;
  private readonly maxDepth: number;
  private readonly outline: Outline;
  /** Index of each open element, innermost last. */
  private readonly open: number[] = [];
  /** Ranges [start, end) of the declaration, comments and processing instructions. */
  private readonly skipped: number[];
  /** The names of the attributes of the start tag being scanned, once it has many of them. */
  private attrSet: Set<string> | undefined;
  /** Lengths and last characters of the start tag's attribute names so far, as bits (`isDuplicate`). */
  private attrBits = 0;
  /** Where the colon of the last qualified name read is (-1: it has none). */
  private colon = -1;
  // Next occurrence at or after the scan position (-1: none left); positions only move forward.
  private nextAmp = -2;
  private nextLt = -2;
  private nextCdataEnd = -2;
  /** Characters of text since the last start or end tag. */
  private textRun = 0;
  /** Where the markup's first problem is (-1: none met). */
  private failedAt = -1;

  constructor(text: string, maxDepth: number) {
    this.text = text;
    this.maxDepth = maxDepth;
    this.outline = new Outline(text);
    this.skipped = this.outline.skipped;
  }

  /*
   * The characters are checked after the markup, so that a document refused for its markup (an
   * over-long text, say) costs no pass over all of it; the first problem in document order is still
   * the one reported: a character XML cannot carry before (or at) the markup's problem wins.
   */
  scan(): Outline {
    const { text } = this;
    try {
      let p = 0;
      if (text.startsWith('<?xml') && isXmlSpace(text.charCodeAt(5))) p = this.declaration();
      p = this.misc(p, false);
      if (p >= text.length) throw this.fail(p, 'The document is empty: expected a root element');
      p = this.content(p);
      this.misc(p, true);
    } catch (error) {
      if (this.failedAt >= 0) this.checkCharacters(text.slice(0, this.failedAt + 1));
      throw error;
    }
    this.checkCharacters(text);
    return this.outline;
  }

  private fail(offset: number, message: string): Fault {
    this.failedAt = offset;
    return badRequestAt(this.text, offset, message);
  }

  /** Refuses the first character of `prefix` (the document, or its start) that XML cannot carry. */
  private checkCharacters(prefix: string): void {
    const at = findNotXmlChar(prefix);
    if (at >= 0) {
      this.failedAt = -1;
      throw badRequestAt(this.text, at, `${describeChar(this.text, at)} is not a character XML 1.0 can carry`);
    }
  }

  private declaration(): number {
    const { text } = this;
    DECLARATION.lastIndex = 0;
    const m = DECLARATION.exec(text);
    if (m === null) {
      throw this.fail(0, 'Malformed XML declaration: expected <?xml version="1.0" encoding="UTF-8"?>');
    }
    const version = m[1] ?? m[2];
    if (version !== '1.0') throw this.fail(0, `XML version ${JSON.stringify(version)} is not supported: expected 1.0`);
    const encoding = m[3] ?? m[4];
    if (encoding !== undefined && !/^utf-?8$/i.test(encoding)) {
      throw this.fail(0, `The encoding ${JSON.stringify(encoding)} is not supported: expected UTF-8`);
    }
    this.skipped.push(0, DECLARATION.lastIndex);
    return DECLARATION.lastIndex;
  }

  /** Whitespace, comments and processing instructions before (or after) the root element. */
  private misc(from: number, afterRoot: boolean): number {
    const { text } = this;
    let p = from;
    for (;;) {
      p = this.skipSpace(p);
      if (p >= text.length) return p;
      if (text.charCodeAt(p) !== 0x3c) {
        throw this.fail(p, afterRoot ? 'Text after the root element' : 'Text before the root element');
      }
      const c1 = text.charCodeAt(p + 1);
      if (c1 === 0x21) {
        if (text.startsWith('<!--', p)) p = this.comment(p);
        else if (isDoctype(text, p)) {
          throw this.fail(p, 'A DOCTYPE is not accepted (no DTDs, no entity declarations)');
        } else throw this.fail(p, "Unexpected '<!': expected a comment or an element");
      } else if (c1 === 0x3f) p = this.processingInstruction(p);
      else if (!afterRoot) return p;
      else if (c1 === 0x2f) throw this.fail(p, 'An end tag after the root element was closed');
      else throw this.fail(p, 'A second root element: a document has exactly one');
    }
  }

  /** The root element and everything in it; returns the offset after its end tag. */
  private content(from: number): number {
    const { text, open } = this;
    let p = this.startTag(from);
    while (open.length > 0) {
      const lt = this.findLt(p);
      if (lt < 0) {
        const index = open[open.length - 1]!;
        const { line, column } = lineColumn(text, this.outline.start(index));
        throw this.fail(
          text.length,
          `The document ends inside <${this.outline.qname(index)}> (opened at line ${line}, column ${column}): expected its end tag`,
        );
      }
      if (lt > p) this.charData(p, lt);
      const c1 = text.charCodeAt(lt + 1);
      if (c1 === 0x2f) p = this.endTag(lt);
      else if (c1 === 0x21) {
        if (text.startsWith('<!--', lt)) p = this.comment(lt);
        else if (text.startsWith('<![CDATA[', lt)) p = this.cdata(lt);
        else if (isDoctype(text, lt)) {
          throw this.fail(lt, 'A DOCTYPE is not accepted (no DTDs, no entity declarations)');
        } else throw this.fail(lt, "Unexpected '<!': expected a comment, a CDATA section or an element");
      } else if (c1 === 0x3f) p = this.processingInstruction(lt);
      else p = this.startTag(lt);
    }
    return p;
  }

  /**
   * Text between markup: references must be well-formed, and `]]>` may not appear. A run of text
   * (comments and processing instructions inside it included, since the parser sees it joined) is
   * at most `MAX_TEXT_RUN` characters: the parser's cost per character grows with the run.
   */
  private charData(from: number, to: number): void {
    this.textRun += to - from;
    if (this.textRun > MAX_TEXT_RUN) throw this.fail(from, overLongText('A text'));
    this.references(from, to);
    const { text } = this;
    if (this.nextCdataEnd !== -1 && this.nextCdataEnd < from) this.nextCdataEnd = text.indexOf(']]>', from);
    if (this.nextCdataEnd !== -1 && this.nextCdataEnd < to) {
      throw this.fail(this.nextCdataEnd, "']]>' is not allowed in text: write ']]&gt;'");
    }
  }

  /** Every `&` in [from, to) must start a predefined entity or a character reference. */
  private references(from: number, to: number): void {
    const { text } = this;
    for (;;) {
      if (this.nextAmp !== -1 && this.nextAmp < from) this.nextAmp = text.indexOf('&', from);
      const amp = this.nextAmp;
      if (amp === -1 || amp >= to) return;
      from = this.reference(amp, to);
    }
  }

  /** Checks the reference at `amp` (before `to`); returns the offset after its `;`. */
  private reference(amp: number, to: number): number {
    const { text } = this;
    const semi = text.indexOf(';', amp + 1);
    if (semi < 0 || semi >= to) {
      throw this.fail(amp, "'&' must start a reference such as &amp; or &#38; (a bare '&' is written &amp;)");
    }
    if (text.charCodeAt(amp + 1) === 0x23) {
      const hex = text.charCodeAt(amp + 2) === 0x78;
      const digits = text.slice(amp + (hex ? 3 : 2), semi);
      if (!(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) {
        throw this.fail(amp, `Malformed character reference ${text.slice(amp, semi + 1)}`);
      }
      // Leading zeros are allowed; past them, more than 8 digits is beyond any character.
      const significant = digits.replace(/^0+(?=.)/, '');
      const cp = significant.length > 8 ? Number.POSITIVE_INFINITY : Number.parseInt(significant, hex ? 16 : 10);
      if (!isXmlChar(cp)) {
        throw this.fail(
          amp,
          `The character reference ${text.slice(amp, semi + 1)} names a character XML 1.0 cannot carry`,
        );
      }
      return semi + 1;
    }
    const name = text.slice(amp + 1, semi);
    if (!PREDEFINED_ENTITIES.has(name)) {
      throw this.fail(
        amp,
        /^[A-Za-z_:][\w.:-]*$/.test(name)
          ? `Undefined entity &${name}; (only &lt; &gt; &amp; &apos; &quot; and character references are defined)`
          : "'&' must start a reference such as &amp; or &#38; (a bare '&' is written &amp;)",
      );
    }
    return semi + 1;
  }

  private findLt(from: number): number {
    if (this.nextLt !== -1 && this.nextLt < from) this.nextLt = this.text.indexOf('<', from);
    return this.nextLt;
  }

  private skipSpace(from: number): number {
    const { text } = this;
    let p = from;
    while (isXmlSpace(text.charCodeAt(p))) p++;
    return p;
  }

  /** The offset after the XML `Name` at `from` (`from` itself when none starts there). */
  private nameEnd(from: number): number {
    const { text } = this;
    let p = from;
    for (;;) {
      let cp = text.charCodeAt(p);
      let width = 1;
      if (cp >= 0xd800 && cp <= 0xdbff) {
        cp = text.codePointAt(p) ?? cp;
        width = cp > 0xffff ? 2 : 1;
      }
      if (!(p === from ? isNameStartChar(cp) : isNameChar(cp))) return p;
      // fast-xml-parser splits names at these two (JavaScript's \s has them; XML names may):
      // refuse them rather than read a different name than the document's.
      if (cp === 0x1680 || cp === 0xfeff) throw this.fail(p, `${describeChar(text, p)} is not accepted in a name`);
      p += width;
    }
  }

  /** A qualified name (Namespaces in XML): at most one colon, with a name on each side. */
  private qname(from: number, what: string): number {
    const { text } = this;
    // An ASCII name (the usual one) in one loop, its colon found on the way.
    if ((asciiNameClass(text.charCodeAt(from)) & ASCII_NAME_START) !== 0 && text.charCodeAt(from) !== 0x3a) {
      let p = from + 1;
      let colon = -1;
      let c = text.charCodeAt(p);
      while ((asciiNameClass(c) & ASCII_NAME) !== 0) {
        if (c === 0x3a) {
          if (colon >= 0 || (asciiNameClass(text.charCodeAt(p + 1)) & ASCII_NAME_START) === 0) break;
          colon = p;
        }
        c = text.charCodeAt(++p);
      }
      // Anything else (a character past ASCII, a colon out of place) is read the general way.
      if (c < 0x80 && c !== 0x3a) {
        this.colon = colon;
        return p;
      }
    }
    const end = this.nameEnd(from);
    if (end === from) {
      throw this.fail(from, `Expected ${what}, found ${describeChar(text, from)}`);
    }
    let colon = -1;
    for (let i = from; i < end; i++) {
      if (text.charCodeAt(i) !== 0x3a) continue;
      if (colon >= 0 || i === from || !isNameStartChar(text.codePointAt(i + 1) ?? 0)) {
        throw this.fail(from, `${text.slice(from, end)} is not a valid qualified name`);
      }
      colon = i;
    }
    this.colon = colon;
    return end;
  }

  /*
   * A start tag. Its attributes go straight into the outline, as offsets: a tag's names are only
   * sliced into strings where a prefix has to be looked up, or for a message.
   */
  private startTag(lt: number): number {
    this.textRun = 0;
    const { text, open, outline } = this;
    const nameEnd = this.qname(lt + 1, 'an element name after "<"');
    const nameColon = this.colon;
    if (open.length >= this.maxDepth) {
      throw this.fail(lt, `The document nests deeper than ${this.maxDepth} elements`);
    }
    const first = outline.attributes;
    this.attrSet = undefined;
    let prefixed = false;
    let p = nameEnd;
    let empty = false;
    for (;;) {
      const s = this.skipSpace(p);
      const c = text.charCodeAt(s);
      if (c === 0x3e) {
        p = s + 1;
        break;
      }
      if (c === 0x2f && text.charCodeAt(s + 1) === 0x3e) {
        p = s + 2;
        empty = true;
        break;
      }
      if (s === p || !isNameStartChar(text.codePointAt(s) ?? 0)) {
        throw this.fail(
          s,
          `Expected whitespace, an attribute, '>' or '/>' in <${text.slice(lt + 1, nameEnd)}>, found ${describeChar(text, s)}`,
        );
      }
      const attrEnd = this.qname(s, 'an attribute name');
      prefixed ||= this.colon >= 0;
      if (this.isDuplicate(first, s, attrEnd)) {
        throw this.fail(s, `Duplicate attribute ${text.slice(s, attrEnd)} on <${text.slice(lt + 1, nameEnd)}>`);
      }
      let q = this.skipSpace(attrEnd);
      if (text.charCodeAt(q) !== 0x3d) {
        throw this.fail(
          q,
          `Expected '=' after the attribute ${text.slice(s, attrEnd)}, found ${describeChar(text, q)}`,
        );
      }
      q = this.skipSpace(q + 1);
      const quote = text.charCodeAt(q);
      if (quote !== 0x22 && quote !== 0x27) {
        throw this.fail(
          q,
          `Expected a quoted value for the attribute ${text.slice(s, attrEnd)}, found ${describeChar(text, q)}`,
        );
      }
      const close = text.indexOf(quote === 0x22 ? '"' : "'", q + 1);
      if (close < 0) throw this.fail(q, `The value of the attribute ${text.slice(s, attrEnd)} is never closed`);
      if (close - q - 1 > MAX_TEXT_RUN) {
        throw this.fail(q, overLongText(`The value of the attribute ${text.slice(s, Math.min(attrEnd, s + 64))}`));
      }
      const lt2 = this.findLt(q + 1);
      if (lt2 !== -1 && lt2 < close) {
        throw this.fail(lt2, `'<' is not allowed in the value of the attribute ${text.slice(s, attrEnd)}: write &lt;`);
      }
      this.references(q + 1, close);
      outline.addAttribute(s, attrEnd, q + 1, close);
      p = close + 1;
    }

    const count = outline.attributes - first;
    const parentScope = open.length > 0 ? outline.scope(open[open.length - 1]!) : ROOT_SCOPE;
    const scope = count === 0 ? parentScope : this.declarations(parentScope, first, count, lt, nameEnd);
    const prefix = nameColon < 0 ? '' : text.slice(lt + 1, nameColon);
    if (prefix === 'xmlns') {
      throw this.fail(lt, `The prefix xmlns is reserved and cannot name an element (<${text.slice(lt + 1, nameEnd)}>)`);
    }
    const uri = resolvePrefix(scope, prefix);
    if (uri === undefined)
      throw this.fail(lt, `The prefix ${prefix} of <${text.slice(lt + 1, nameEnd)}> is not declared`);
    if (prefixed) this.attributeNamespaces(scope, first, count, lt, nameEnd);

    const index = outline.add(lt, nameEnd, p, count, uri, scope);
    if (!empty) open.push(index);
    return p;
  }

  /**
   * Whether the start tag already has an attribute named as [from, to) (its attributes so far are
   * the outline's from `first`). Comparing with each is fine for a handful of attributes; past
   * that, a set keeps thousands of them linear.
   */
  private isDuplicate(first: number, from: number, to: number): boolean {
    const { outline, text } = this;
    const last = outline.attributes;
    if (last - first < 16) {
      // A name can repeat one of the tag's only if it has its length and last character: a bit
      // for each of those seen in this tag spares most comparisons.
      const bit = 1 << ((to - from + text.charCodeAt(to - 1)) & 31);
      if (last === first) this.attrBits = 0;
      const seen = (this.attrBits & bit) !== 0;
      this.attrBits |= bit;
      if (!seen) return false;
      for (let a = first; a < last; a++) if (outline.hasAttributeName(a, from, to)) return true;
      return false;
    }
    if (this.attrSet === undefined) {
      this.attrSet = new Set();
      for (let a = first; a < last; a++)
        this.attrSet.add(text.slice(outline.attributeNameStart(a), outline.attributeNameEnd(a)));
    }
    const name = text.slice(from, to);
    if (this.attrSet.has(name)) return true;
    this.attrSet.add(name);
    return false;
  }

  /**
   * The namespace declarations among the `count` attributes from `first`, applied on top of
   * `scope`. The element's name is at [lt + 1, nameEnd).
   */
  private declarations(scope: Scope, first: number, count: number, lt: number, nameEnd: number): Scope {
    const { outline, text } = this;
    let declared: Map<string, string> | undefined;
    for (let a = first; a < first + count; a++) {
      const nameStart = outline.attributeNameStart(a);
      // A name cannot stop inside "xmlns" and go on with its letters, so this looks at the name only.
      if (!text.startsWith('xmlns', nameStart)) continue;
      const attrNameEnd = outline.attributeNameEnd(a);
      let prefix: string;
      if (attrNameEnd - nameStart === 5) prefix = '';
      else if (text.charCodeAt(nameStart + 5) === 0x3a) prefix = text.slice(nameStart + 6, attrNameEnd);
      else continue;
      const uri = decodeAttributeValue(outline.rawValue(a));
      if (prefix === 'xmlns') {
        throw this.fail(nameStart, `The prefix xmlns cannot be declared (on <${text.slice(lt + 1, nameEnd)}>)`);
      }
      if (prefix === 'xml' ? uri !== XML_NS : uri === XML_NS) {
        throw this.fail(nameStart, `The prefix xml and the namespace ${XML_NS} belong only to each other`);
      }
      if (uri === XMLNS_NS) throw this.fail(nameStart, `No prefix may be bound to the namespace ${XMLNS_NS}`);
      if (prefix !== '' && uri === '') {
        throw this.fail(nameStart, `The prefix ${prefix} cannot be bound to an empty namespace name in XML 1.0`);
      }
      declared ??= new Map();
      declared.set(prefix, uri);
    }
    return declared === undefined ? scope : { declared, parent: scope };
  }

  /**
   * Every attribute prefix must be declared, and no two attributes may share an expanded name
   * (the `count` attributes from `first`, of the element named at [lt + 1, nameEnd)).
   */
  private attributeNamespaces(scope: Scope, first: number, count: number, lt: number, nameEnd: number): void {
    const { outline, text } = this;
    let expanded: Set<string> | undefined;
    for (let a = first; a < first + count; a++) {
      const nameStart = outline.attributeNameStart(a);
      const attrNameEnd = outline.attributeNameEnd(a);
      let colon = nameStart;
      while (colon < attrNameEnd && text.charCodeAt(colon) !== 0x3a) colon++;
      if (colon === attrNameEnd) continue;
      const prefix = text.slice(nameStart, colon);
      if (prefix === 'xmlns') continue;
      const uri = resolvePrefix(scope, prefix);
      if (uri === undefined) {
        throw this.fail(
          nameStart,
          `The prefix ${prefix} of the attribute ${text.slice(nameStart, attrNameEnd)} is not declared`,
        );
      }
      const key = `${uri} ${text.slice(colon + 1, attrNameEnd)}`;
      expanded ??= new Set();
      if (expanded.has(key)) {
        throw this.fail(
          nameStart,
          `The attribute ${text.slice(nameStart, attrNameEnd)} repeats another one's namespace and name on <${text.slice(lt + 1, nameEnd)}>`,
        );
      }
      expanded.add(key);
    }
  }

  private endTag(lt: number): number {
    this.textRun = 0;
    const { text, open } = this;
    const nameEnd = this.qname(lt + 2, 'an element name after "</"');
    const index = open.pop()!;
    const { outline } = this;
    if (!outline.hasName(index, lt + 2, nameEnd)) {
      const { line, column } = lineColumn(text, outline.start(index));
      throw this.fail(
        lt,
        `Mismatched end tag </${text.slice(lt + 2, nameEnd)}>: expected </${outline.qname(index)}> (opened at line ${line}, column ${column})`,
      );
    }
    const s = this.skipSpace(nameEnd);
    if (text.charCodeAt(s) !== 0x3e) {
      throw this.fail(s, `Expected '>' to close </${outline.qname(index)}>, found ${describeChar(text, s)}`);
    }
    outline.close(index, s + 1);
    return s + 1;
  }

  private comment(lt: number): number {
    const { text } = this;
    const end = text.indexOf('-->', lt + 4);
    if (end < 0) throw this.fail(lt, 'The comment is never closed: expected -->');
    if (text.indexOf('--', lt + 4) !== end) throw this.fail(lt, "'--' is not allowed inside a comment");
    this.skipped.push(lt, end + 3);
    return end + 3;
  }

  private processingInstruction(lt: number): number {
    const { text } = this;
    const targetEnd = this.nameEnd(lt + 2);
    const target = text.slice(lt + 2, targetEnd);
    if (target === '') throw this.fail(lt, 'Expected a processing instruction target after "<?"');
    if (target.toLowerCase() === 'xml') {
      throw this.fail(lt, 'The XML declaration is allowed only at the very start of the document');
    }
    if (target.includes(':')) throw this.fail(lt, `The processing instruction target ${target} may not contain ':'`);
    const end = text.indexOf('?>', targetEnd);
    if (end < 0) throw this.fail(lt, 'The processing instruction is never closed: expected ?>');
    if (end !== targetEnd && !isXmlSpace(text.charCodeAt(targetEnd))) {
      throw this.fail(targetEnd, `Expected whitespace or '?>' after <?${target}`);
    }
    this.skipped.push(lt, end + 2);
    return end + 2;
  }

  private cdata(lt: number): number {
    const end = this.text.indexOf(']]>', lt + 9);
    if (end < 0) throw this.fail(lt, 'The CDATA section is never closed: expected ]]>');
    this.textRun += end - lt - 9;
    if (this.textRun > MAX_TEXT_RUN) throw this.fail(lt, overLongText('A text'));
    return end + 3;
  }
}

/**
 * Whether a DOCTYPE starts at `lt`, in any case: XML spells it `<!DOCTYPE`, but `<!doctype` (HTML's
 * habit) is refused with the same message, so that the reason is plain.
 */
function isDoctype(text: string, lt: number): boolean {
  return text.startsWith('<!', lt) && text.slice(lt + 2, lt + 9).toUpperCase() === 'DOCTYPE';
}

/**
 * An attribute value as the XML processor reports it: literal whitespace characters become spaces
 * (attribute-value normalisation, after line-end normalisation), then references are replaced.
 * The value must have passed `scanDocument`.
 */
export function decodeAttributeValue(raw: string): string {
  if (!NEEDS_ATTRIBUTE_DECODING.test(raw)) return raw;
  return decodeReferences(raw.replace(/\r\n|[\t\n\r]/g, ' '));
}

const NEEDS_ATTRIBUTE_DECODING = /[\t\n\r&]/;

/** Text with its references replaced. The text must have passed `scanDocument`. */
export function decodeReferences(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(REFERENCE, replaceReference);
}

const REFERENCE = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|apos|quot);/g;

function replaceReference(_match: string, body: string): string {
  switch (body) {
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'amp':
      return '&';
    case 'apos':
      return "'";
    case 'quot':
      return '"';
    default:
      return String.fromCodePoint(
        body.charCodeAt(1) === 0x78 ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10),
      );
  }
}
