import type { Fault } from '@openstack-image/faults';

/** A fault on one line: `itemNotFound (404): Image not found.`, with its details and retry time. */
export function describeFault(fault: Fault): string {
  const where = fault.where !== undefined && !fault.message.includes(fault.where) ? ` (at ${fault.where})` : '';
  const details = fault.details === undefined ? '' : ` Details: ${fault.details}`;
  const retry = fault.retryAfter === undefined ? '' : ` Retry after: ${fault.retryAfter}`;
  return oneLine(`${fault.name} (${fault.code}): ${fault.message}${where}${details}${retry}`);
}

/** Text safe to print on a terminal: controls replaced, lines joined. */
export function oneLine(text: string): string {
  return text.replace(/\r\n|[\r\n]/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd');
}
