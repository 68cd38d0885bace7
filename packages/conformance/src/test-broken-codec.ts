import { xmlCodec } from '@openstack-image/codec-xml';
import type { Codec, Image } from '@openstack-image/schema';

/** An XML codec whose image decoder loses minDisk: the CLI tests' broken codec. */
const drop = ({ minDisk: _, ...rest }: Image): Image => rest;

export const brokenXmlCodec: Codec = {
  ...xmlCodec,
  decodeImage: (body, options) => drop(xmlCodec.decodeImage(body, options)),
};
