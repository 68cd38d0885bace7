import { jsonCodec } from '@openstack-image/codec-json';
import { xmlCodec } from '@openstack-image/codec-xml';
import { Fault, isFaultName } from '@openstack-image/faults';
import type {
  Body,
  Codec,
  DecodeOptions,
  Image,
  ImageIndex,
  ImageList,
  Metadata,
  MetaItem,
} from '@openstack-image/schema';

export const FORMATS = ['json', 'xml'] as const;
export type Format = (typeof FORMATS)[number];

export const KINDS = ['image', 'list', 'index', 'metadata', 'meta', 'fault'] as const;
export type Kind = (typeof KINDS)[number];

/** A decoded document: what it is and its canonical value. */
export type Document =
  | { readonly kind: 'image'; readonly value: Image }
  | { readonly kind: 'list'; readonly value: ImageList }
  | { readonly kind: 'index'; readonly value: ImageIndex }
  | { readonly kind: 'metadata'; readonly value: Metadata }
  | { readonly kind: 'meta'; readonly value: MetaItem }
  | { readonly kind: 'fault'; readonly value: Fault };

export function codecFor(format: Format): Codec {
  return format === 'json' ? jsonCodec : xmlCodec;
}

/** The format of a body by its first character past whitespace and a BOM, or undefined. */
export function detectFormat(text: string): Format | undefined {
  const first = /^[\ufeff\s]*(.)/.exec(text.slice(0, 4096))?.[1];
  if (first === '<') return 'xml';
  if (first === '{' || first === '[') return 'json';
  return undefined;
}

const JSON_FIRST_KEY = /^[\ufeff\s]*\{\s*"((?:[^"\\]|\\.){0,64})"/;
/** Past the prolog (declaration, comments, PIs, a DOCTYPE: the codec refuses that one itself), the root's local name. */
const XML_ROOT =
  /^[\ufeff\s]*(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^>[]*(?:\[[^\]]*\])?\s*>\s*)*<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/i;

/**
 * The kind of a document by its envelope: the JSON body's first member, or the XML root's local
 * name. `images` is the index or the detail list, told apart by decoding (see `decodeDocument`).
 */
export function detectKind(text: string, format: Format): Kind | 'images' | undefined {
  const head = text.slice(0, 64 * 1024);
  const name = format === 'json' ? JSON_FIRST_KEY.exec(head)?.[1] : XML_ROOT.exec(head)?.[1];
  if (name === undefined) return undefined;
  if (name === 'image' || name === 'metadata' || name === 'meta') return name;
  if (name === 'images') return 'images';
  if (isFaultName(name)) return 'fault';
  return undefined;
}

/** Decodes a body as `kind`, or as what it holds when `kind` is not given. Throws the codec's Fault. */
export function decodeDocument(
  body: Body,
  text: string,
  format: Format,
  kind: Kind | undefined,
  options: DecodeOptions,
): Document {
  const codec = codecFor(format);
  const detected = kind ?? detectKind(text, format);
  switch (detected) {
    case 'image':
      return { kind: 'image', value: codec.decodeImage(body, options) };
    case 'list':
      return { kind: 'list', value: codec.decodeImageList(body, options) };
    case 'index':
      return { kind: 'index', value: codec.decodeImageIndex(body, options) };
    case 'metadata':
      return { kind: 'metadata', value: codec.decodeMetadata(body, options) };
    case 'meta':
      return { kind: 'meta', value: codec.decodeMetaItem(body, options) };
    case 'fault':
      return { kind: 'fault', value: codec.decodeFault(body, options) };
    case 'images':
      return decodeImages(codec, body, options);
    case undefined:
      throw new Fault(
        'badRequest',
        `Cannot tell what this ${format.toUpperCase()} document is: its ${format === 'json' ? 'first member' : 'root element'} is none of image, images, metadata, meta or a fault name; give --kind`,
      );
  }
}

/**
 * An `images` document: the detail list when any entry carries more than an index entry does
 * (a status, times, metadata, sizes), else the index. Both codecs read an index entry as an image
 * with nothing known, so the entries, not the decoding, tell them apart.
 */
function decodeImages(codec: Codec, body: Body, options: DecodeOptions): Document {
  let list: ImageList;
  try {
    list = codec.decodeImageList(body, options);
  } catch (error) {
    try {
      return { kind: 'index', value: codec.decodeImageIndex(body, options) };
    } catch {
      throw error;
    }
  }
  const detailed = list.images.some(
    (image) =>
      Object.keys(image).some((key) => !['id', 'name', 'links', 'created', 'updated', 'metadata'].includes(key)) ||
      image.created !== null ||
      image.updated !== null ||
      Object.keys(image.metadata).length > 0,
  );
  if (detailed) return { kind: 'list', value: list };
  return { kind: 'index', value: codec.decodeImageIndex(body, options) };
}

export function encodeDocument(document: Document, format: Format): string {
  const codec = codecFor(format);
  switch (document.kind) {
    case 'image':
      return codec.encodeImage(document.value);
    case 'list':
      return codec.encodeImageList(document.value);
    case 'index':
      return codec.encodeImageIndex(document.value);
    case 'metadata':
      return codec.encodeMetadata(document.value);
    case 'meta':
      return codec.encodeMetaItem(document.value);
    case 'fault':
      return codec.encodeFault(document.value);
  }
}

/** JSON indented by two spaces (members in the encoder's order); XML is always written indented. */
export function pretty(text: string, format: Format): string {
  return format === 'json' ? JSON.stringify(JSON.parse(text), null, 2) : text;
}
