import { jsonCodec } from '@openstack-image/codec-json';
import { xmlCodec } from '@openstack-image/codec-xml';
import type { Codec } from '@openstack-image/schema';

/** JSON first: it is the default format and wins ties in negotiation. */
export const defaultCodecs: readonly Codec[] = /* @__PURE__ */ Object.freeze([jsonCodec, xmlCodec]);
