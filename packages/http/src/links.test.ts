import { describe, expect, it } from 'vitest';
import { imageLinks, nextLink, requestBase, withoutTrailingSlash } from './links.ts';

const bases = { base: 'http://openstack.example.com', glanceBase: 'http://glance.openstack.example.com' };

describe("links as Nova built them (the seed's three, and next)", () => {
  it('self, bookmark and alternate, with and without a tenant', () => {
    expect(imageLinks(bases, 'openstack', '70a5')).toEqual([
      { href: 'http://openstack.example.com/v2/openstack/images/70a5', rel: 'self' },
      { href: 'http://openstack.example.com/openstack/images/70a5', rel: 'bookmark' },
      {
        href: 'http://glance.openstack.example.com/openstack/images/70a5',
        rel: 'alternate',
        type: 'application/vnd.openstack.image',
      },
    ]);
    expect(imageLinks(bases, undefined, '70a5').map((link) => link.href)).toEqual([
      'http://openstack.example.com/v2/images/70a5',
      'http://openstack.example.com/images/70a5',
      'http://glance.openstack.example.com/images/70a5',
    ]);
  });

  it('percent-encode ids, tenants and the marker', () => {
    expect(imageLinks(bases, 'a/b', 'c d')[0]!.href).toBe('http://openstack.example.com/v2/a%2Fb/images/c%20d');
    expect(nextLink(bases, 't', 'images/detail', 'limit=2&name=a+b', 'x&y')).toEqual({
      href: 'http://openstack.example.com/v2/t/images/detail?limit=2&name=a+b&marker=x%26y',
      rel: 'next',
    });
    expect(nextLink(bases, undefined, 'images', 'marker=old&limit=1', 'new').href).toBe(
      'http://openstack.example.com/v2/images?marker=new&limit=1',
    );
  });
});

describe("the root of a request's links", () => {
  it.each([
    ['https://cloud.example.org:8443/v2/t/images', undefined, 'https://cloud.example.org:8443'],
    ['http://h', undefined, 'http://h'],
    ['/v2/t/images?x=1', 'cloud.example.org', 'http://cloud.example.org'],
    ['/v2/t/images', undefined, 'http://localhost'],
    ['/v2/t/images', '', 'http://localhost'],
  ])('%s with Host %s -> %s', (url, host, base) => {
    expect(requestBase(url, host)).toBe(base);
  });

  it('drops trailing slashes of a configured root', () => {
    expect(withoutTrailingSlash('http://x/compute//')).toBe('http://x/compute');
    expect(withoutTrailingSlash('http://x')).toBe('http://x');
  });
});
