import type { Codec } from '@openstack-image/schema';
import { defaultCodecs } from './default-codecs.ts';

/** What negotiation chose for one request (WIRE.md, "Content negotiation"). */
export interface Negotiated {
  readonly codec: Codec;
  /** What the answer's `Content-Type` names: the codec's type, or the vendor type the client asked for. */
  readonly mediaType: string;
  /** The path without its `.json`/`.xml` suffix (still percent-encoded). */
  readonly path: string;
  /** How the choice was made: the path's suffix, the `Accept` header, or the default (the first codec). */
  readonly by: 'suffix' | 'accept' | 'default';
}

interface Offer {
  readonly mediaType: string;
  readonly codec: Codec;
}

interface Range {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
}

const VENDOR_PREFIX = 'application/vnd.openstack.compute+';

/**
 * Chooses the format of an answer as Nova did: a `.json` or `.xml` suffix on the last path segment
 * wins; else the `Accept` header chooses among each codec's media type and its vendor form
 * (`application/vnd.openstack.compute+json`), honouring q-values (the most specific range that
 * matches gives an offer its q; `q=0` refuses it; ties go to the more specific range, then to the
 * earlier codec); else the first codec (JSON by default). Never refuses: a client that accepts
 * nothing on offer gets the default, as from Nova.
 */
export function negotiate(
  path: string,
  accept: string | undefined,
  codecs: readonly Codec[] = defaultCodecs,
): Negotiated {
  return negotiator(codecs)(path, accept);
}

/** A `negotiate` bound to a list of codecs, remembering the answer for the `Accept` values it has seen. */
export function negotiator(codecs: readonly Codec[]): (path: string, accept: string | undefined) => Negotiated {
  const first = codecs[0];
  if (first === undefined) throw new TypeError('negotiation needs at least one codec');
  const offers: Offer[] = codecs.flatMap((codec) => {
    const subtype = subtypeOf(codec.mediaType);
    return subtype === undefined
      ? [{ mediaType: codec.mediaType, codec }]
      : [
          { mediaType: codec.mediaType, codec },
          { mediaType: VENDOR_PREFIX + subtype, codec },
        ];
  });
  const bySuffix = new Map<string, Codec>();
  for (const codec of codecs) {
    const subtype = subtypeOf(codec.mediaType);
    if (subtype !== undefined && !bySuffix.has(subtype)) bySuffix.set(subtype, codec);
  }
  const byAccept = new Map<string, Offer>();
  const fallback: Offer = { mediaType: first.mediaType, codec: first };

  return (path, accept) => {
    const slash = path.lastIndexOf('/');
    const dot = path.lastIndexOf('.');
    if (dot > slash) {
      const codec = bySuffix.get(path.slice(dot + 1).toLowerCase());
      if (codec !== undefined) return { codec, mediaType: codec.mediaType, path: path.slice(0, dot), by: 'suffix' };
    }
    if (accept === undefined || accept === '') return { codec: first, mediaType: first.mediaType, path, by: 'default' };
    let offer = byAccept.get(accept);
    if (offer === undefined) {
      offer = bestOffer(offers, parseAccept(accept)) ?? fallback;
      // Bounded: a client sending endless distinct headers must not grow memory.
      if (byAccept.size < 256) byAccept.set(accept, offer);
    }
    return { codec: offer.codec, mediaType: offer.mediaType, path, by: offer === fallback ? 'default' : 'accept' };
  };
}

/** The codec a request's `Content-Type` names (parameters such as `charset` aside), if any. */
export function codecForContentType(contentType: string | undefined, codecs: readonly Codec[]): Codec | undefined {
  if (contentType === undefined) return undefined;
  const semicolon = contentType.indexOf(';');
  const type = (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  for (const codec of codecs) {
    if (type === codec.mediaType) return codec;
    const subtype = subtypeOf(codec.mediaType);
    if (subtype !== undefined && type === VENDOR_PREFIX + subtype) return codec;
  }
  return undefined;
}

/** `json` for `application/json`; undefined for a type the vendor and suffix forms do not apply to. */
function subtypeOf(mediaType: string): string | undefined {
  const match = /^application\/([a-z0-9.+-]+)$/.exec(mediaType);
  return match?.[1];
}

function parseAccept(accept: string): Range[] {
  const ranges: Range[] = [];
  for (const part of accept.split(',')) {
    const [range = '', ...params] = part.split(';');
    const slash = range.indexOf('/');
    if (slash < 0) continue;
    const type = range.slice(0, slash).trim().toLowerCase();
    const subtype = range
      .slice(slash + 1)
      .trim()
      .toLowerCase();
    if (type === '' || subtype === '' || (type === '*' && subtype !== '*')) continue;
    let q = 1;
    for (const param of params) {
      const [name = '', value = ''] = param.split('=');
      if (name.trim().toLowerCase() === 'q') q = Number(value.trim());
    }
    if (!(q >= 0 && q <= 1)) continue;
    ranges.push({ type, subtype, q });
  }
  return ranges;
}

/** 2 for an exact range, 1 for `type/*`, 0 for `*\/*`, -1 when the range does not match. */
function specificity(range: Range, mediaType: string): number {
  if (range.type === '*') return 0;
  const slash = mediaType.indexOf('/');
  if (range.type !== mediaType.slice(0, slash)) return -1;
  if (range.subtype === '*') return 1;
  return range.subtype === mediaType.slice(slash + 1) ? 2 : -1;
}

function bestOffer(offers: readonly Offer[], ranges: readonly Range[]): Offer | undefined {
  let best: Offer | undefined;
  let bestQ = 0;
  let bestSpecificity = -1;
  for (const offer of offers) {
    // The most specific matching range decides this offer's q (RFC 9110, 12.5.1).
    let q = 0;
    let rank = -1;
    for (const range of ranges) {
      const s = specificity(range, offer.mediaType);
      if (s > rank) {
        rank = s;
        q = range.q;
      }
    }
    if (rank < 0 || q <= 0) continue;
    if (q > bestQ || (q === bestQ && rank > bestSpecificity)) {
      best = offer;
      bestQ = q;
      bestSpecificity = rank;
    }
  }
  return best;
}
