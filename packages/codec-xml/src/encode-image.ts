import { assertValid, type Image } from '@openstack-image/schema';
import { PREFIX } from './namespaces.ts';
import { writeLinks } from './write-links.ts';
import { writeMetadata } from './write-metadata.ts';
import { at, attribute, DECLARATION, namespaceDeclarations, written } from './xml-writer.ts';

/**
 * An `<image>` in Nova's layout: scalars as attributes (nulls left out, extensions under their
 * prefixes), then `<server>`, `<metadata>` (always), the atom links. `namespaces` holds the
 * declarations when this is the root; `indent` is the image's own indentation.
 */
export function writeImage(image: Image, indent: string, base: string, namespaces: string): string {
  let out = `<image${namespaces}${attribute('id', image.id, base, 'id')}`;
  if (image.name !== null) out += attribute('name', image.name, base, 'name');
  if (image.status !== undefined) out += attribute('status', image.status, base, 'status');
  if (image.progress !== undefined) out += ` progress="${image.progress}"`;
  if (image.minDisk !== undefined) out += ` minDisk="${image.minDisk}"`;
  if (image.minRam !== undefined) out += ` minRam="${image.minRam}"`;
  if (image.created !== null) out += attribute('created', image.created, base, 'created');
  if (image.updated !== null) out += attribute('updated', image.updated, base, 'updated');
  const size = image['OS-EXT-IMG-SIZE:size'];
  if (size !== undefined) out += ` ${PREFIX.imageSize}:size="${size}"`;
  const diskConfig = image['OS-DCF:diskConfig'];
  if (diskConfig !== undefined) out += ` ${PREFIX.diskConfig}:diskConfig="${diskConfig}"`;
  out += '>';
  const inner = `${indent}  `;
  const { server } = image;
  if (server !== undefined) {
    const where = at(base, 'server');
    out += `\n${inner}<server${attribute('id', server.id, where, 'id')}`;
    out +=
      server.links.length === 0
        ? '/>'
        : `>${writeLinks(server.links, `${inner}  `, at(where, 'links'))}\n${inner}</server>`;
  }
  out += `\n${inner}${writeMetadata(image.metadata, inner, at(base, 'metadata'))}`;
  out += writeLinks(image.links, inner, at(base, 'links'));
  return `${out}\n${indent}</image>`;
}

/** Whether an image needs the image size and disk config namespaces declared. */
export function extensionsOf(image: Image): { imageSize: boolean; diskConfig: boolean } {
  return {
    imageSize: image['OS-EXT-IMG-SIZE:size'] !== undefined,
    diskConfig: image['OS-DCF:diskConfig'] !== undefined,
  };
}

/** `<image xmlns="...v1.1" xmlns:atom=...>`, preceded by the XML declaration. */
export function encodeImage(image: Image): string {
  assertValid('Image', image, '/image');
  const { imageSize, diskConfig } = extensionsOf(image);
  const namespaces = namespaceDeclarations(true, imageSize, diskConfig);
  return DECLARATION + written(() => writeImage(image, '', '/image', namespaces));
}
