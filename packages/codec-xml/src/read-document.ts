import { type Body, bodyText, type DecodeOptions, LIMITS } from '@openstack-image/schema';
import { scanDocument } from './scan-document.ts';
import { asFault, elementAt, shallowElementAt, type XmlElement } from './xml-element.ts';

/**
 * The root element of a body: the body's text within `maxBytes` (`overLimit` beyond it), checked
 * well-formed and namespace-well-formed, no DOCTYPE, nesting bounded, then parsed: whole, or
 * `shallow` (each child parsed when asked for, for the lists).
 */
export function readDocument(body: Body, options: DecodeOptions | undefined, shallow: boolean): XmlElement {
  const outline = scanDocument(bodyText(body, options), LIMITS.maxDepth);
  return shallow ? shallowElementAt(outline, 0) : elementAt(outline, 0);
}

/** Reads a body with `read`; whatever goes wrong leaves as a Fault, and only as one. */
export function decodeXml<T>(
  body: Body,
  options: DecodeOptions | undefined,
  read: (root: XmlElement) => T,
  shallow = false,
): T {
  try {
    return read(readDocument(body, options, shallow));
  } catch (error) {
    throw asFault(error);
  }
}
