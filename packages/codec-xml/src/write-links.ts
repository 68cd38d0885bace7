import type { Link } from '@openstack-image/schema';
import { PREFIX } from './namespaces.ts';
import { at, attributeValue } from './xml-writer.ts';

/** One `<atom:link href rel [type]/>` per link, each on its own line at `indent`. */
export function writeLinks(links: readonly Link[], indent: string, base: string): string {
  let out = '';
  for (let i = 0; i < links.length; i++) {
    const { href, rel, type } = links[i]!;
    const where = at(base, i);
    out += `\n${indent}<${PREFIX.atom}:link href="${attributeValue(href, where, 'href')}" rel="${attributeValue(rel, where, 'rel')}"${
      type === undefined ? '' : ` type="${attributeValue(type, where, 'type')}"`
    }/>`;
  }
  return out;
}
