import type { Image, ImageList, Link, Metadata } from '@openstack-image/schema';
import { NS } from './namespaces.ts';

/*
 * A second, deliberately unlike writer for tests: it spells an image with syntax chosen at random
 * among what XML allows (any prefixes, default namespaces redeclared, either quote, attributes in
 * any order, whitespace around '=' and between attributes, character references and entities for
 * any character, CDATA sections, comments and processing instructions anywhere, other namespaces'
 * elements and attributes), so that the reader meets what the codec's own writer never writes.
 */

/** A small seeded random source (mulberry32), so that a fast-check seed fixes the document. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}

const SPACE = [' ', '  ', '\n', '\t', '\r\n  ', ' \n\t'];

/** Writes `image` as an `<image>` document with random, valid syntax. */
export function writeVariant(image: Image, random: Random): string {
  return new VariantWriter(random).document(image);
}

/** Writes `list` as an `<images>` detail list with random, valid syntax. */
export function writeListVariant(list: ImageList, random: Random): string {
  return new VariantWriter(random).list(list);
}

class VariantWriter {
  private readonly random: Random;
  private readonly computePrefix: string;
  private readonly atomPrefix: string;

  constructor(random: Random) {
    this.random = random;
    this.computePrefix = random.pick(['', '', 'c', 'img', 'ns0']);
    this.atomPrefix = random.pick(['atom', 'a', 'l', '']);
  }

  document(image: Image): string {
    const r = this.random;
    let out = '';
    if (r.chance(0.7))
      out += r.pick([
        "<?xml version='1.0' encoding='UTF-8'?>",
        '<?xml version="1.0"?>',
        '<?xml version = "1.0" encoding="utf-8" standalone="yes" ?>',
      ]);
    out += this.misc();
    out += this.image(image);
    out += this.misc();
    return r.chance(0.3) ? `\ufeff${out}` : out;
  }

  list(list: ImageList): string {
    const r = this.random;
    const attrs: [string, string][] = [
      [this.computePrefix === '' ? 'xmlns' : `xmlns:${this.computePrefix}`, NS.compute],
    ];
    if (this.atomPrefix !== '') attrs.push([`xmlns:${this.atomPrefix}`, NS.atom]);
    const children = list.images.map((image) => this.image(image, false));
    for (const link of list.images_links ?? []) children.push(this.link(link));
    if (r.chance(0.3)) children.splice(Math.floor(r.next() * (children.length + 1)), 0, this.foreign());
    return this.misc() + this.element(this.computeName('images'), r.shuffle(attrs), children) + this.misc();
  }

  private misc(): string {
    const r = this.random;
    let out = '';
    while (r.chance(0.3))
      out += r.pick([
        ...SPACE,
        "<!-- a comment with 'quotes' & <markup> -->",
        '<?pi it\'s "odd"?>',
        '<?target?>',
        '<!---->',
      ]);
    return out;
  }

  private name(prefix: string, local: string): string {
    return prefix === '' ? local : `${prefix}:${local}`;
  }

  private computeName(local: string): string {
    return this.name(this.computePrefix, local);
  }

  private image(image: Image, root = true): string {
    const r = this.random;
    const attrs: [string, string][] = [];
    if (root || r.chance(0.2)) {
      attrs.push([this.computePrefix === '' ? 'xmlns' : `xmlns:${this.computePrefix}`, NS.compute]);
      if (this.atomPrefix !== '') attrs.push([`xmlns:${this.atomPrefix}`, NS.atom]);
    }
    attrs.push(['id', image.id]);
    if (image.name !== null) attrs.push(['name', image.name]);
    if (image.status !== undefined) attrs.push(['status', image.status]);
    if (image.progress !== undefined) attrs.push(['progress', this.integer(image.progress)]);
    if (image.minDisk !== undefined) attrs.push(['minDisk', this.integer(image.minDisk)]);
    if (image.minRam !== undefined) attrs.push(['minRam', this.integer(image.minRam)]);
    if (image.created !== null) attrs.push(['created', image.created]);
    if (image.updated !== null) attrs.push(['updated', image.updated]);
    const size = image['OS-EXT-IMG-SIZE:size'];
    if (size !== undefined) {
      const p = r.pick(['OS-EXT-IMG-SIZE', 's', 'x1']);
      attrs.push([`xmlns:${p}`, NS.imageSize], [`${p}:size`, this.integer(size)]);
    }
    const diskConfig = image['OS-DCF:diskConfig'];
    if (diskConfig !== undefined) {
      const p = r.pick(['OS-DCF', 'd', 'x2']);
      attrs.push([`xmlns:${p}`, NS.diskConfig], [`${p}:diskConfig`, diskConfig]);
    }
    if (r.chance(0.3)) attrs.push(['xmlns:other', 'urn:other'], ['other:id', 'not the id'], ['other:name', 'x']);
    if (r.chance(0.3)) attrs.push(['tenant_id', 'ignored']);

    const children: string[] = [];
    if (image.server !== undefined) {
      const server = image.server;
      children.push(
        this.element(
          this.computeName('server'),
          [['id', server.id]],
          server.links.map((link) => this.link(link)),
        ),
      );
    }
    const metadataEmpty = Object.keys(image.metadata).length === 0;
    if (!metadataEmpty || r.chance(0.5)) children.push(this.metadata(image.metadata));
    for (const link of image.links) children.push(this.link(link));
    if (r.chance(0.3)) children.splice(Math.floor(r.next() * (children.length + 1)), 0, this.foreign());
    return this.element(this.computeName('image'), r.shuffle(attrs), children);
  }

  private integer(value: number): string {
    const r = this.random;
    return r.pick(['', '0', '00']) + String(value) + (r.chance(0.2) ? ' ' : '');
  }

  private metadata(metadata: Metadata): string {
    const items = Object.keys(metadata).map((key) => {
      const r = this.random;
      const attrs: [string, string][] = [['key', key]];
      if (r.chance(0.2)) attrs.push(['xmlns:o', 'urn:o'], ['o:note', 'n']);
      return this.element(this.computeName('meta'), attrs, [], metadata[key]!);
    });
    return this.element(this.computeName('metadata'), [], items);
  }

  private link(link: Link): string {
    const r = this.random;
    const attrs: [string, string][] = [
      ['href', link.href],
      ['rel', link.rel],
    ];
    if (link.type !== undefined) attrs.push(['type', link.type]);
    if (r.chance(0.2)) attrs.push(['hreflang', 'en']);
    let prefix = this.atomPrefix;
    if (prefix === '' || r.chance(0.2)) {
      attrs.push(['xmlns', NS.atom]);
      prefix = '';
    }
    return this.element(this.name(prefix, 'link'), r.shuffle(attrs), []);
  }

  private foreign(): string {
    return this.element('x:extra', [['xmlns:x', 'urn:x']], [this.element('x:image', [['id', 'no']], [])], 'text');
  }

  private element(name: string, attrs: readonly [string, string][], children: string[], text?: string): string {
    const r = this.random;
    let out = `<${name}`;
    for (const [attribute, value] of attrs) {
      out += `${r.pick(SPACE)}${attribute}${r.chance(0.2) ? r.pick(SPACE) : ''}=${r.chance(0.2) ? r.pick(SPACE) : ''}${this.attributeValue(value)}`;
    }
    if (r.chance(0.2)) out += r.pick(SPACE);
    const content =
      text === undefined ? children.map((child) => this.misc() + child).join('') + this.misc() : this.text(text);
    if (content === '' && r.chance(0.6)) return `${out}/>`;
    return `${out}>${content}</${name}${r.chance(0.2) ? r.pick(SPACE) : ''}>`;
  }

  private attributeValue(value: string): string {
    const r = this.random;
    const quote = r.chance(0.5) ? '"' : "'";
    let out = quote;
    for (const char of value) {
      const cp = char.codePointAt(0)!;
      if (
        char === quote ||
        char === '<' ||
        char === '&' ||
        char === '\t' ||
        char === '\n' ||
        char === '\r' ||
        r.chance(0.05)
      ) {
        out += this.reference(char, cp);
      } else if (char === ' ' && r.chance(0.5)) {
        // Attribute-value normalisation reads each of these as one space (a lone CR is left out:
        // followed by the LF written for the next space, the two would be one line end).
        out += r.pick(['\t', '\n', '\r\n']);
      } else out += char;
    }
    return out + quote;
  }

  private text(value: string): string {
    const r = this.random;
    let out = '';
    let inCdata = false;
    const chars = [...value];
    for (let i = 0; i < chars.length; i++) {
      const char = chars[i]!;
      const cp = char.codePointAt(0)!;
      if (r.chance(0.1)) {
        out += inCdata ? ']]>' : '<![CDATA[';
        inCdata = !inCdata;
      }
      if (inCdata) {
        // Neither a CR (line ends are normalised even in CDATA) nor the end of a ']]>' may stay inside.
        if (char === '\r' || (char === '>' && chars[i - 1] === ']' && chars[i - 2] === ']')) {
          out += `]]>${this.reference(char, cp)}`;
          inCdata = false;
        } else out += char === '\n' && r.chance(0.3) ? '\r\n' : char;
      } else if (char === '\n' && r.chance(0.4)) {
        out += this.lineEnd(chars[i + 1]);
      } else if (char === '<' || char === '&' || char === '\r' || char === '>' || r.chance(0.05)) {
        out += this.reference(char, cp);
      } else out += char;
      if (!inCdata && r.chance(0.03)) out += r.pick(['<!-- c -->', '<?pi ?>']);
    }
    return inCdata ? `${out}]]>` : out;
  }

  /**
   * A line end in text as a document may spell it: CR LF, or a lone CR. A lone CR before an LF is
   * kept apart from it by a comment or a processing instruction: two line ends, which the reader
   * must not let run together when it sets the comment aside.
   */
  private lineEnd(next: string | undefined): string {
    const r = this.random;
    if (r.chance(0.4)) return '\r\n';
    return next === '\n' || r.chance(0.3) ? `\r${r.pick(['<!-- c -->', '<?pi ?>'])}` : '\r';
  }

  private reference(char: string, cp: number): string {
    const r = this.random;
    const named: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };
    const name = named[char];
    if (name !== undefined && r.chance(0.5)) return name;
    return r.chance(0.5) ? `&#${cp};` : `&#x${cp.toString(16)};`;
  }
}
