import { Fault, isFault, isFaultStatus } from '@openstack-image/faults';
import { attribute, DECLARATION, namespaceDeclarations, text, written } from './xml-writer.ts';

/**
 * `<faultName xmlns="...v1.1" code="..."><message/><details/></faultName>`. `retryAfter` is
 * written as an attribute, as the developer guide shows it (the reader also takes Nova's child
 * element); the HTTP layer sends the `Retry-After` header besides.
 */
export function encodeFault(fault: Fault): string {
  if (!isFault(fault)) throw new Fault('badRequest', 'encodeFault takes a Fault', { where: '/' });
  const { name, code } = fault;
  if (!isFaultStatus(code)) {
    // What the reader takes back: a fault's code is an HTTP error status.
    const where = `/${name}/code`;
    throw new Fault('badRequest', `code must be an HTTP error status from 400 to 599 at ${where}`, { where });
  }
  const base = `/${name}`;
  const out = written(() => {
    let root = `<${name}${namespaceDeclarations(false, false, false)} code="${code}"`;
    if (fault.retryAfter !== undefined) root += attribute('retryAfter', fault.retryAfter, base, 'retryAfter');
    root += `>\n  <message>${text(fault.message, base, 'message')}</message>`;
    if (fault.details !== undefined) root += `\n  <details>${text(fault.details, base, 'details')}</details>`;
    return root;
  });
  return `${DECLARATION}${out}\n</${name}>`;
}
