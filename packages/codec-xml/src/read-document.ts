import { type Body, bodyText, type DecodeOptions, LIMITS } from '@openstack-image/schema';
import { scanDocument } from './scan-document.ts';
import { asFault, rootOf, type XmlElement } from './xml-element.ts';

/**
 * The root element of a body: the body's text within `maxBytes` (`overLimit` beyond it), checked
 * well-formed and namespace-well-formed, no DOCTYPE, nesting bounded, and outlined.
 */
export function readDocument(body: Body, options: DecodeOptions | undefined): XmlElement {
  return rootOf(scanDocument(bodyText(body, options), LIMITS.maxDepth));
}

/** Reads a body with `read`; whatever goes wrong leaves as a Fault, and only as one. */
export function decodeXml<T>(body: Body, options: DecodeOptions | undefined, read: (root: XmlElement) => T): T {
  let root: XmlElement | undefined;
  try {
    root = readDocument(body, options);
    return read(root);
  } catch (error) {
    throw asFault(error);
  } finally {
    root?.outline.release();
  }
}
