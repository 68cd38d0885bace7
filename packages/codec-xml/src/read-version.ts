import type { Link, MediaType, Version } from '@openstack-image/schema';
import { NS } from './namespaces.ts';
import { readLink } from './read-links.ts';
import { readNonEmpty } from './read-values.ts';
import type { Expected, XmlElement } from './xml-element.ts';

const VERSION_ATTRIBUTES: Expected = new Map([
  ['id', ''],
  ['status', ''],
  ['updated', ''],
]);

const VERSION_CHILDREN: Expected = new Map([
  ['media-types', NS.common],
  ['link', NS.atom],
]);

const MEDIA_TYPES_CHILDREN: Expected = new Map([['media-type', NS.common]]);

const MEDIA_TYPE_ATTRIBUTES: Expected = new Map([
  ['base', ''],
  ['type', ''],
]);

/**
 * A `<version id status updated>` (the root of GET /v2/, an entry of GET /) by the reading rules
 * of the model: its atom links (none read as []), its `<media-types>` (absent or empty reads as
 * absent); unknown attributes and elements skipped.
 */
export function readVersion(element: XmlElement): Version {
  let id: string | undefined;
  let status: string | undefined;
  let updated: string | undefined;
  element.readAttributes(
    VERSION_ATTRIBUTES,
    (_state: undefined, local: string, value: string, qname: string) => {
      if (local === 'id') id = readNonEmpty(element, 'id', qname, value);
      else if (local === 'status') status = readNonEmpty(element, 'status', qname, value);
      else updated = value;
    },
    undefined,
  );
  if (id === undefined) throw element.fault(`${element.tag} needs an id attribute`);
  if (status === undefined) throw element.fault(`${element.tag} needs a status attribute`);
  if (updated === undefined) throw element.fault(`${element.tag} needs an updated attribute`);

  const links: Link[] = [];
  let mediaTypes: MediaType[] | undefined;
  for (const child of element.children(VERSION_CHILDREN)) {
    if (child.local === 'link') links.push(readLink(child));
    else {
      if (mediaTypes !== undefined) throw child.fault(`${element.tag} holds more than one <media-types>`);
      mediaTypes = Array.from(child.children(MEDIA_TYPES_CHILDREN), readMediaType);
    }
  }
  const version: Version = { id, status, updated, links };
  if (mediaTypes !== undefined && mediaTypes.length > 0) version['media-types'] = mediaTypes;
  return version;
}

/** `<media-type base type/>`: both attributes required. */
function readMediaType(element: XmlElement): MediaType {
  let base: string | undefined;
  let type: string | undefined;
  element.readAttributes(
    MEDIA_TYPE_ATTRIBUTES,
    (_state: undefined, local: string, value: string) => {
      if (local === 'base') base = value;
      else type = value;
    },
    undefined,
  );
  if (base === undefined) throw element.fault(`${element.tag} needs a base attribute`);
  if (type === undefined) throw element.fault(`${element.tag} needs a type attribute`);
  return { base, type };
}
