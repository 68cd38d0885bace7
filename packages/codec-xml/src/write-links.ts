import type { Link } from '@openstack-image/schema';
import { PREFIX } from './namespaces.ts';
import { at, attribute } from './xml-writer.ts';

/** One `<atom:link href rel [type]/>` per link, each on its own line at `indent`. */
export function writeLinks(links: readonly Link[], indent: string, base: string): string {
  let out = '';
  for (let i = 0; i < links.length; i++) {
    const link = links[i]!;
    const where = at(base, i);
    out += `\n${indent}<${PREFIX.atom}:link${attribute('href', link.href, where, 'href')}${attribute('rel', link.rel, where, 'rel')}`;
    if (link.type !== undefined) out += attribute('type', link.type, where, 'type');
    out += '/>';
  }
  return out;
}
