import type { Metadata } from '@openstack-image/schema';
import { attributeValue, text, valueLabel } from './xml-writer.ts';

/** `<meta key="k">v</meta>`; `namespaces` holds the declarations when it is the root. */
export function writeMeta(key: string, value: string, base: string, namespaces = ''): string {
  return `<meta${namespaces} key="${attributeValue(key, base, key, 'metadata key')}">${text(value, base, key, valueLabel(key))}</meta>`;
}

/** `<metadata>` with one `<meta>` per item in the object's own key order, or `<metadata/>`: always written. */
export function writeMetadata(metadata: Metadata, indent: string, base: string, namespaces = ''): string {
  let items = '';
  const inner = `\n${indent}  `;
  for (const key of Object.keys(metadata)) items += inner + writeMeta(key, metadata[key]!, base);
  return items === '' ? `<metadata${namespaces}/>` : `<metadata${namespaces}>${items}\n${indent}</metadata>`;
}
