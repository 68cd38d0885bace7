import type { MediaType, Version, VersionList } from '@openstack-image/schema';
import { jsonString, writeLinks } from './write-json.ts';

/*
 * Compact JSON of valid version documents, in the schema's member order (a version: id, status,
 * updated, links, media-types; a media type: base, type), as write-json.ts writes an image.
 */

function writeMediaTypes(mediaTypes: readonly MediaType[]): string {
  let out = '[';
  for (let i = 0; i < mediaTypes.length; i++) {
    const { base, type } = mediaTypes[i]!;
    if (i > 0) out += ',';
    out += `{"base":${jsonString(base)},"type":${jsonString(type)}}`;
  }
  return `${out}]`;
}

export function writeVersion(version: Version): string {
  let out = `{"id":${jsonString(version.id)},"status":${jsonString(version.status)}`;
  out += `,"updated":${jsonString(version.updated)},"links":${writeLinks(version.links)}`;
  const mediaTypes = version['media-types'];
  if (mediaTypes !== undefined) out += `,"media-types":${writeMediaTypes(mediaTypes)}`;
  return `${out}}`;
}

export function writeVersionList(list: VersionList): string {
  let out = '{"versions":[';
  for (let i = 0; i < list.versions.length; i++) {
    if (i > 0) out += ',';
    out += writeVersion(list.versions[i]!);
  }
  return `${out}]}`;
}
