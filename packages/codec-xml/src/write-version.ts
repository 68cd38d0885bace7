import type { Version } from '@openstack-image/schema';
import { NS, PREFIX } from './namespaces.ts';
import { writeLinks } from './write-links.ts';
import { at, attribute } from './xml-writer.ts';

/** The namespace declarations of a version document's root: common as the default, and atom. */
export const VERSION_NAMESPACES: string = ` xmlns="${NS.common}" xmlns:${PREFIX.atom}="${NS.atom}"`;

/**
 * A `<version id status updated>` in Nova's layout: `<media-types>` first (when there are any),
 * then the atom links. `namespaces` holds the declarations when this is the root; `indent` is the
 * version's own indentation, `base` its JSON pointer (for a Fault naming an unwritable value).
 */
export function writeVersion(version: Version, indent: string, base: string, namespaces: string): string {
  let out = `<version${namespaces}${attribute('id', version.id, base, 'id')}`;
  out += `${attribute('status', version.status, base, 'status')}${attribute('updated', version.updated, base, 'updated')}`;
  const inner = `${indent}  `;
  let children = '';
  const mediaTypes = version['media-types'];
  if (mediaTypes !== undefined) {
    children += `\n${inner}<media-types>`;
    for (let i = 0; i < mediaTypes.length; i++) {
      const { base: mediaBase, type } = mediaTypes[i]!;
      const where = at(at(base, 'media-types'), i);
      children += `\n${inner}  <media-type${attribute('base', mediaBase, where, 'base')}${attribute('type', type, where, 'type')}/>`;
    }
    children += `\n${inner}</media-types>`;
  }
  children += writeLinks(version.links, inner, at(base, 'links'));
  return children === '' ? `${out}/>` : `${out}>${children}\n${indent}</version>`;
}
