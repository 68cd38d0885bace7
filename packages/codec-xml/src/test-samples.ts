import type { Codec } from '@openstack-image/schema';

/** The resource a reference sample holds. */
export type SampleKind = 'image' | 'list' | 'index' | 'metadata' | 'metaItem' | 'fault';

const FAULT_SAMPLES = /^(badmediatype|badmethod|badrequest|fault|forbidden|notfound|overlimit)\.(json|xml)$/;

/**
 * What each file under `reference/samples/` holds, by its name: the lists are the ambiguous ones
 * (`<images>` is the detail list or the index), so every name is matched explicitly.
 */
export function kindOf(name: string): SampleKind {
  const base = name.slice(name.lastIndexOf('/') + 1);
  if (FAULT_SAMPLES.test(base)) return 'fault';
  if (
    /^images-(details|details-get)-resp\./.test(base) ||
    base === 'image-list-resp.xml' ||
    base === 'image-list-resp.json'
  ) {
    return 'list';
  }
  if (/^images\.(json|xml)$/.test(base)) return 'list';
  if (/^images-(list|list-get)-resp\./.test(base) || /^images-page\d(-sp)?\./.test(base)) return 'index';
  if (/^image(-simple|-meta-page1|-fault)?\.(json|xml)$/.test(base) || /^image-get-resp\./.test(base)) return 'image';
  if (/^(image-meta-key-|metadata_item\.)/.test(base)) return 'metaItem';
  if (/^(image-metadata-|metadata[-.])/.test(base)) return 'metadata';
  throw new Error(`no kind known for the sample ${name}`);
}

/** Decodes a body of `kind` with `codec`. */
export function decodeAs(codec: Codec, kind: SampleKind, body: string): unknown {
  switch (kind) {
    case 'image':
      return codec.decodeImage(body);
    case 'list':
      return codec.decodeImageList(body);
    case 'index':
      return codec.decodeImageIndex(body);
    case 'metadata':
      return codec.decodeMetadata(body);
    case 'metaItem':
      return codec.decodeMetaItem(body);
    case 'fault':
      return codec.decodeFault(body);
  }
}

/** Encodes a value of `kind` with `codec`. */
export function encodeAs(codec: Codec, kind: SampleKind, value: unknown): string {
  switch (kind) {
    case 'image':
      return codec.encodeImage(value as never);
    case 'list':
      return codec.encodeImageList(value as never);
    case 'index':
      return codec.encodeImageIndex(value as never);
    case 'metadata':
      return codec.encodeMetadata(value as never);
    case 'metaItem':
      return codec.encodeMetaItem(value as never);
    case 'fault':
      return codec.encodeFault(value as never);
  }
}
