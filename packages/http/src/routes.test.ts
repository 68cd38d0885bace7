import { isFault } from '@openstack-image/faults';
import { describe, expect, it } from 'vitest';
import { matchRoute } from './routes.ts';

describe('the routes of WIRE.md, with and without a tenant', () => {
  it.each([
    ['/v2/openstack/images', { name: 'index', tenant: 'openstack' }],
    ['/v2/images', { name: 'index', tenant: undefined }],
    ['/v2/openstack/images/', { name: 'index', tenant: 'openstack' }],
    ['/v2/openstack/images/detail', { name: 'detail', tenant: 'openstack' }],
    ['/v2/images/detail', { name: 'detail', tenant: undefined }],
    ['/v2/openstack/images/abc', { name: 'image', tenant: 'openstack', imageId: 'abc' }],
    ['/v2/images/abc', { name: 'image', tenant: undefined, imageId: 'abc' }],
    ['/v2/t/images/abc/metadata', { name: 'metadata', tenant: 't', imageId: 'abc' }],
    ['/v2/images/abc/metadata', { name: 'metadata', tenant: undefined, imageId: 'abc' }],
    ['/v2/t/images/abc/metadata/k', { name: 'metaItem', tenant: 't', imageId: 'abc', key: 'k' }],
    ['/v2/images/abc/metadata/a%2Fb%20c', { name: 'metaItem', tenant: undefined, imageId: 'abc', key: 'a/b c' }],
    ['/v2/my%20t/images/a%3Fb', { name: 'image', tenant: 'my t', imageId: 'a?b' }],
    // A tenant named "images" shadows the tenantless form.
    ['/v2/images/images', { name: 'index', tenant: 'images' }],
    ['/', { name: 'versions', tenant: undefined }],
    ['/v2', { name: 'versionRedirect', tenant: undefined }],
    ['/v2/', { name: 'version', tenant: undefined }],
  ])('%s', (path, route) => {
    expect(matchRoute(path)).toEqual(route);
  });

  it.each([
    '',
    '//',
    '/v2//',
    '/v1.1/t/images',
    '/v2/t',
    '/v2/t/servers',
    '/v2//images',
    '/v2/t/images//metadata',
    '/v2/t/images/x/meta',
    '/v2/t/images/x/metadata/k/extra',
    '/x/v2/t/images',
  ])('%s is no route', (path) => {
    expect(matchRoute(path)).toBeUndefined();
  });

  it('refuses a segment that is not valid percent-encoding with badRequest', () => {
    let thrown: unknown;
    try {
      matchRoute('/v2/t/images/%E0%A4%A');
    } catch (error) {
      thrown = error;
    }
    expect(isFault(thrown) && thrown.name === 'badRequest').toBe(true);
  });
});
