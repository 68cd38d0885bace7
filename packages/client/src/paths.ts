import { Fault } from '@openstack-image/faults';

/**
 * One path segment, percent-encoded so that the server reads it as sent: a `.json`/`.xml` ending
 * would choose the format (as Nova's routes read it), so its dot is encoded. `.` and `..` cannot be
 * sent at all (URL parsing folds them away, encoded or not): a `badRequest` Fault, before any request.
 */
export function segment(what: string, value: string): string {
  if (value === '.' || value === '..') {
    throw new Fault('badRequest', `The ${what} ${JSON.stringify(value)} cannot be named in a URL`);
  }
  return encodeURIComponent(value).replace(/\.(json|xml)$/i, '%2E$1');
}

/** The endpoint without a trailing slash, checked to be an absolute http(s) URL. */
export function endpointOf(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`url must be an absolute http:// or https:// URL, not ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`url must be an http:// or https:// URL, not ${JSON.stringify(url)}`);
  }
  if (parsed.search !== '' || parsed.hash !== '') {
    throw new TypeError(`url must be the compute endpoint, without a query or fragment: ${JSON.stringify(url)}`);
  }
  return parsed.href.replace(/\/+$/, '');
}
