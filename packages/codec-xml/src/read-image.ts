import type { DiskConfig, Image, Link, Metadata, ServerRef } from '@openstack-image/schema';
import { LIMITS } from '@openstack-image/schema';
import { NS } from './namespaces.ts';
import { readLink, readLinks } from './read-links.ts';
import { readMetadata } from './read-metadata.ts';
import { quote, readInteger, readNonEmpty } from './read-values.ts';
import { type Expected, exact, type XmlElement } from './xml-element.ts';

const IMAGE_ATTRIBUTES: Expected = new Map([
  ['id', ''],
  ['name', ''],
  ['status', ''],
  ['progress', ''],
  ['minDisk', ''],
  ['minRam', ''],
  ['created', ''],
  ['updated', ''],
  ['size', NS.imageSize],
  ['diskConfig', NS.diskConfig],
]);

const IMAGE_CHILDREN: Expected = new Map([
  ['server', NS.compute],
  ['metadata', NS.compute],
  ['link', NS.atom],
]);

const SERVER_ATTRIBUTES: Expected = new Map([['id', '']]);

const MAX = Number.MAX_SAFE_INTEGER;

/** The attributes of an `<image>` as they are read (the state of `readImageAttribute`). */
interface ImageAttributes {
  readonly element: XmlElement;
  id: string | undefined;
  name: string | null;
  status: string | undefined;
  progress: number | undefined;
  minDisk: number | undefined;
  minRam: number | undefined;
  created: string | null;
  updated: string | null;
  size: number | undefined;
  diskConfig: DiskConfig | undefined;
}

function readImageAttribute(found: ImageAttributes, local: string, value: string, qname: string): void {
  const { element } = found;
  switch (local) {
    case 'id':
      found.id = readNonEmpty(element, 'id', qname, value);
      break;
    case 'name':
      found.name = value;
      break;
    case 'status':
      found.status = readNonEmpty(element, 'status', qname, value);
      break;
    case 'progress':
      found.progress = readInteger(element, 'progress', qname, value, LIMITS.progressMax);
      break;
    case 'minDisk':
      found.minDisk = readInteger(element, 'minDisk', qname, value, MAX);
      break;
    case 'minRam':
      found.minRam = readInteger(element, 'minRam', qname, value, MAX);
      break;
    case 'created':
      found.created = value;
      break;
    case 'updated':
      found.updated = value;
      break;
    case 'size':
      found.size = readInteger(element, 'OS-EXT-IMG-SIZE:size', qname, value, MAX);
      break;
    default:
      if (value !== 'AUTO' && value !== 'MANUAL') {
        throw element.attributeFault(qname, `OS-DCF:diskConfig must be "AUTO" or "MANUAL" (found ${quote(value)})`);
      }
      found.diskConfig = value;
  }
}

/**
 * An `<image>` by the reading rules of the canonical model: absent name, created and updated read
 * as null; absent `<metadata>` as {}; absent links as []; other absent attributes stay absent.
 * Unknown attributes and elements (`tenant_id`, the guide's `<fault>`) are skipped.
 */
export function readImage(element: XmlElement): Image {
  const found: ImageAttributes = {
    element,
    id: undefined,
    name: null,
    status: undefined,
    progress: undefined,
    minDisk: undefined,
    minRam: undefined,
    created: null,
    updated: null,
    size: undefined,
    diskConfig: undefined,
  };
  element.readAttributes(IMAGE_ATTRIBUTES, readImageAttribute, found);
  const { id, name, status, progress, minDisk, minRam, created, updated, size, diskConfig } = found;
  if (id === undefined) throw element.fault(`${element.tag} needs an id attribute`);

  let metadata: Metadata | undefined;
  const links: Link[] = [];
  let server: ServerRef | undefined;
  for (const child of element.children(IMAGE_CHILDREN)) {
    if (child.local === 'link') links.push(readLink(child));
    else if (child.local === 'metadata') {
      if (metadata !== undefined) throw child.fault(`${element.tag} holds more than one <metadata>`);
      metadata = readMetadata(child);
    } else {
      if (server !== undefined) throw child.fault(`${element.tag} holds more than one <server>`);
      server = readServer(child);
    }
  }

  // Built with the properties it has, in one literal where it can: an object given its
  // properties later keeps them in a second allocation, with room to spare.
  let image: Image;
  if (status !== undefined && progress !== undefined && minDisk !== undefined && minRam !== undefined) {
    image = {
      id,
      name,
      created,
      updated,
      metadata: metadata ?? {},
      links: exact(links),
      status,
      progress,
      minDisk,
      minRam,
    };
  } else {
    image = { id, name, created, updated, metadata: metadata ?? {}, links: exact(links) };
    if (status !== undefined) image.status = status;
    if (progress !== undefined) image.progress = progress;
    if (minDisk !== undefined) image.minDisk = minDisk;
    if (minRam !== undefined) image.minRam = minRam;
  }
  if (server !== undefined) image.server = server;
  if (size !== undefined) image['OS-EXT-IMG-SIZE:size'] = size;
  if (diskConfig !== undefined) image['OS-DCF:diskConfig'] = diskConfig;
  return image;
}

/** `<server id="...">` holding atom links. */
function readServer(element: XmlElement): ServerRef {
  let id: string | undefined;
  element.readAttributes(
    SERVER_ATTRIBUTES,
    (_state: undefined, _local: string, value: string) => {
      id = value;
    },
    undefined,
  );
  if (id === undefined) throw element.fault(`${element.tag} needs an id attribute`);
  return { id, links: readLinks(element) };
}
