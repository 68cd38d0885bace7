import { Fault, isFault } from '@openstack-image/faults';
import type { Body, Codec, DecodeOptions } from '@openstack-image/schema';
import type { FaultValue, Kind } from './manifest.ts';

/** Decodes a body of `kind` with the codec's member for it; a fault comes back as its `FaultValue`. */
export function decodeKind(codec: Codec, kind: Kind, body: Body, options?: DecodeOptions): unknown {
  switch (kind) {
    case 'image':
      return codec.decodeImage(body, options);
    case 'imageList':
      return codec.decodeImageList(body, options);
    case 'imageIndex':
      return codec.decodeImageIndex(body, options);
    case 'metadata':
      return codec.decodeMetadata(body, options);
    case 'metaItem':
      return codec.decodeMetaItem(body, options);
    case 'fault':
      return faultValueOf(codec.decodeFault(body, options));
    case 'version':
      return codec.decodeVersion(body, options);
    case 'versionList':
      return codec.decodeVersionList(body, options);
  }
}

/** Encodes a canonical value of `kind` (a `FaultValue` for faults) with the codec's member for it. */
export function encodeKind(codec: Codec, kind: Kind, value: unknown): string {
  switch (kind) {
    case 'image':
      return codec.encodeImage(value as never);
    case 'imageList':
      return codec.encodeImageList(value as never);
    case 'imageIndex':
      return codec.encodeImageIndex(value as never);
    case 'metadata':
      return codec.encodeMetadata(value as never);
    case 'metaItem':
      return codec.encodeMetaItem(value as never);
    case 'fault':
      return codec.encodeFault(faultOf(value as FaultValue));
    case 'version':
      return codec.encodeVersion(value as never);
    case 'versionList':
      return codec.encodeVersionList(value as never);
  }
}

/** The canonical value of a decoded fault: its name and the wire's members. */
export function faultValueOf(fault: unknown): FaultValue {
  if (!isFault(fault)) throw new TypeError('decodeFault returned something that is not a Fault');
  return { name: fault.name, ...fault.toJSON() };
}

export function faultOf(value: FaultValue): Fault {
  return new Fault(value.name, value.message, {
    code: value.code,
    ...(value.details === undefined ? {} : { details: value.details }),
    ...(value.retryAfter === undefined ? {} : { retryAfter: value.retryAfter }),
  });
}
