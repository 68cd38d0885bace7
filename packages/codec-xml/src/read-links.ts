import type { Link } from '@openstack-image/schema';
import { NS } from './namespaces.ts';
import { type Expected, exact, type XmlElement } from './xml-element.ts';

const LINK_ATTRIBUTES: Expected = new Map([
  ['href', ''],
  ['rel', ''],
  ['type', ''],
]);

const ONLY_LINKS: Expected = new Map([['link', NS.atom]]);

/** The atom links among an element's children (a server's, an index entry's). */
export function readLinks(element: XmlElement): Link[] {
  return exact(Array.from(element.children(ONLY_LINKS), readLink));
}

/** `<atom:link href rel [type]/>`: href and rel required, other attributes skipped. */
export function readLink(element: XmlElement): Link {
  const found: LinkAttributes = { href: undefined, rel: undefined, type: undefined };
  element.readAttributes(LINK_ATTRIBUTES, readLinkAttribute, found);
  const { href, rel, type } = found;
  if (href === undefined) throw element.fault(`${element.tag} needs an href attribute`);
  if (rel === undefined) throw element.fault(`${element.tag} needs a rel attribute`);
  return type === undefined ? { href, rel } : { href, rel, type };
}

interface LinkAttributes {
  href: string | undefined;
  rel: string | undefined;
  type: string | undefined;
}

function readLinkAttribute(found: LinkAttributes, local: string, value: string): void {
  if (local === 'href') found.href = value;
  else if (local === 'rel') found.rel = value;
  else found.type = value;
}
