import { assertValid, type Image, type ServerRef } from '@openstack-image/schema';
import { PREFIX } from './namespaces.ts';
import { writeLinks } from './write-links.ts';
import { writeMetadata } from './write-metadata.ts';
import { at, attributeValue, DECLARATION, namespaceDeclarations, written } from './xml-writer.ts';

/**
 * An `<image>` in Nova's layout: scalars as attributes (nulls left out, extensions under their
 * prefixes), then `<server>`, `<metadata>` (always), the atom links. `namespaces` holds the
 * declarations when this is the root; `indent` is the image's own indentation.
 */
export function writeImage(image: Image, indent: string, base: string, namespaces: string): string {
  const { name, status, progress, minDisk, minRam, created, updated, server } = image;
  const size = image['OS-EXT-IMG-SIZE:size'];
  const diskConfig = image['OS-DCF:diskConfig'];
  const inner = `${indent}  `;
  // One template, as a hand-written emitter would have it: each optional attribute or element is
  // '' when absent.
  return `<image${namespaces} id="${attributeValue(image.id, base, 'id')}"${
    name === null ? '' : ` name="${attributeValue(name, base, 'name')}"`
  }${status === undefined ? '' : ` status="${attributeValue(status, base, 'status')}"`}${
    progress === undefined ? '' : ` progress="${progress}"`
  }${minDisk === undefined ? '' : ` minDisk="${minDisk}"`}${minRam === undefined ? '' : ` minRam="${minRam}"`}${
    created === null ? '' : ` created="${attributeValue(created, base, 'created')}"`
  }${updated === null ? '' : ` updated="${attributeValue(updated, base, 'updated')}"`}${
    size === undefined ? '' : ` ${PREFIX.imageSize}:size="${size}"`
  }${diskConfig === undefined ? '' : ` ${PREFIX.diskConfig}:diskConfig="${diskConfig}"`}>${
    server === undefined ? '' : writeServer(server, inner, at(base, 'server'))
  }\n${inner}${writeMetadata(image.metadata, inner, at(base, 'metadata'))}${writeLinks(
    image.links,
    inner,
    at(base, 'links'),
  )}\n${indent}</image>`;
}

/** `<server id>` with its atom links, on its own line at `indent`. */
function writeServer(server: ServerRef, indent: string, base: string): string {
  const start = `\n${indent}<server id="${attributeValue(server.id, base, 'id')}"`;
  if (server.links.length === 0) return `${start}/>`;
  return `${start}>${writeLinks(server.links, `${indent}  `, at(base, 'links'))}\n${indent}</server>`;
}

/** `<image xmlns="...v1.1" xmlns:atom=...>`, preceded by the XML declaration. */
export function encodeImage(image: Image): string {
  assertValid('Image', image, '/image');
  const namespaces = namespaceDeclarations(
    true,
    image['OS-EXT-IMG-SIZE:size'] !== undefined,
    image['OS-DCF:diskConfig'] !== undefined,
  );
  return DECLARATION + written(() => writeImage(image, '', '/image', namespaces));
}
