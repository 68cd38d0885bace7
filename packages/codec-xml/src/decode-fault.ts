import { Fault, type FaultName, faultNameForStatus, isFaultName, isFaultStatus } from '@openstack-image/faults';
import type { Body, DecodeOptions } from '@openstack-image/schema';
import { NS } from './namespaces.ts';
import { decodeXml } from './read-document.ts';
import { quote } from './read-values.ts';
import type { Expected, XmlElement } from './xml-element.ts';

const FAULT_ATTRIBUTES: Expected = new Map([
  ['code', ''],
  ['retryAfter', ''],
]);

const FAULT_CHILDREN: Expected = new Map([
  ['message', NS.compute],
  ['details', NS.compute],
  ['retryAfter', NS.compute],
]);

/** Roots that are resources, never faults, whatever attributes they carry. */
const RESOURCES: ReadonlySet<string> = new Set(['image', 'images', 'metadata', 'meta', 'server']);

/**
 * `<faultName xmlns="...v1.1" code="..."><message/><details/></faultName>`. `retryAfter` is read
 * from the attribute (the developer guide) or else from a `<retryAfter>` child (Nova's generic
 * faults). A root in the compute namespace that is not a fault name but carries a `code` (a name
 * from a later release, say) reads as the fault of that status, as `faultNameForStatus` maps it.
 */
export function decodeFault(body: Body, options?: DecodeOptions): Fault {
  return decodeXml(body, options, (root) => {
    if (root.uri !== NS.compute) {
      throw root.fault(`Expected a fault element in the namespace ${NS.compute}, found ${root.tag}`);
    }
    let code: number | undefined;
    let retryAfter: string | undefined;
    root.readAttributes(
      FAULT_ATTRIBUTES,
      (_state: undefined, local: string, value: string, qname: string) => {
        if (local === 'code') code = readStatus(root, qname, value);
        else retryAfter = value;
      },
      undefined,
    );
    const name = faultName(root, code);
    let message: string | undefined;
    let details: string | undefined;
    let retryAfterChild: string | undefined;
    for (const child of root.children(FAULT_CHILDREN)) {
      if (child.local === 'message') message = child.text();
      else if (child.local === 'details') details = child.text();
      else retryAfterChild = child.text();
    }
    if (message === undefined) throw root.fault(`${root.tag} needs a <message> child`);
    retryAfter ??= retryAfterChild;
    return new Fault(name, message, {
      ...(code === undefined ? {} : { code }),
      ...(details === undefined ? {} : { details }),
      ...(retryAfter === undefined ? {} : { retryAfter }),
    });
  });
}

function faultName(root: XmlElement, code: number | undefined): FaultName {
  if (isFaultName(root.local)) return root.local;
  if (code !== undefined && !RESOURCES.has(root.local)) return faultNameForStatus(code);
  throw root.fault(`Expected a fault element (badRequest, itemNotFound, overLimit, ...), found ${root.tag}`);
}

function readStatus(root: XmlElement, qname: string, value: string): number {
  const code = /^[ \t\n\r]*([45][0-9][0-9])[ \t\n\r]*$/.exec(value)?.[1];
  if (code === undefined) {
    throw root.attributeFault(qname, `code must be an HTTP error status from 400 to 599 (found ${quote(value)})`);
  }
  const status = Number(code);
  // The one rule of every codec (isFaultStatus); the pattern above already holds to it.
  if (!isFaultStatus(status))
    throw root.attributeFault(qname, `code must be an HTTP error status from 400 to 599 (found ${quote(value)})`);
  return status;
}
