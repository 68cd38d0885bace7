import SwaggerParser from '@apidevtools/swagger-parser';
import { NS } from '@openstack-image/codec-xml';
import { FAULT_NAMES } from '@openstack-image/faults';
import { Schemas } from '@openstack-image/schema';
import { describe, expect, it } from 'vitest';
import { ALLOWED_METHODS, openApiDocument } from './index.ts';

// biome-ignore lint/suspicious/noExplicitAny: the tests walk the document as plain JSON
type Json = Record<string, any>;
const doc = openApiDocument() as Json;

describe('openApiDocument()', () => {
  it('is a valid OpenAPI 3.1 document (swagger-parser, with every $ref resolved)', async () => {
    const copy = structuredClone(doc);
    await expect(SwaggerParser.validate(copy as never)).resolves.toBeTruthy();
  });

  it('names every route of the route table, under both prefixes and with both suffixes, with its methods', () => {
    const rootPaths: Record<string, string> = { versions: '/', versionRedirect: '/v2', version: '/v2/' };
    const routePaths: Record<string, string> = {
      index: '/images',
      detail: '/images/detail',
      image: '/images/{image_id}',
      metadata: '/images/{image_id}/metadata',
      metaItem: '/images/{image_id}/metadata/{key}',
    };
    const expected: string[] = [];
    const methodsOf = (path: string) =>
      Object.keys(doc.paths[path])
        .filter((k) => !['summary', 'parameters'].includes(k))
        .sort();
    for (const [name, methods] of Object.entries(ALLOWED_METHODS)) {
      if (rootPaths[name] !== undefined) {
        expected.push(rootPaths[name]);
        expect(methodsOf(rootPaths[name])).toEqual(methods.map((m) => m.toLowerCase()).sort());
        continue;
      }
      for (const prefix of ['/v2/{tenant_id}', '/v2']) {
        for (const suffix of ['', '.json', '.xml']) {
          const path = `${prefix}${routePaths[name]}${suffix}`;
          expected.push(path);
          expect(
            Object.keys(doc.paths[path])
              .filter((k) => !['summary', 'parameters'].includes(k))
              .sort(),
          ).toEqual(methods.map((m) => m.toLowerCase()).sort());
        }
      }
    }
    expect(Object.keys(doc.paths).sort()).toEqual(expected.sort());
  });

  it('each operation answers both media types (and the vendor types) without a suffix, one with', () => {
    const get = doc.paths['/v2/{tenant_id}/images/{image_id}'].get;
    expect(Object.keys(get.responses['200'].content).sort()).toEqual([
      'application/json',
      'application/vnd.openstack.compute+json',
      'application/vnd.openstack.compute+xml',
      'application/xml',
    ]);
    expect(Object.keys(doc.paths['/v2/images/{image_id}.xml'].get.responses['200'].content)).toEqual([
      'application/xml',
    ]);
    expect(doc.paths['/v2/{tenant_id}/images/{image_id}'].delete.responses['204']).toBeDefined();
  });

  it('every fault a request can meet is a declared response, with Retry-After and Allow where they go', () => {
    const put = doc.paths['/v2/{tenant_id}/images/{image_id}/metadata'].put;
    for (const status of ['400', '401', '403', '404', '405', '413', '415', '429', '500', '503']) {
      expect(put.responses[status], status).toBeDefined();
    }
    expect(put.responses['413'].headers['Retry-After']).toBeDefined();
    expect(put.responses['405'].headers.Allow).toBeDefined();
    expect(put.responses['404'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/itemNotFoundFault',
    });
    for (const name of FAULT_NAMES) expect(doc.components.schemas[`${name}Fault`].required).toEqual([name]);
  });

  it('the lists take their query: limit, marker and every filter', () => {
    const names = doc.paths['/v2/{tenant_id}/images/detail'].get.parameters.map((p: Json) => p.name);
    expect(names).toEqual([
      'limit',
      'marker',
      'name',
      'status',
      'changes-since',
      'server',
      'type',
      'minRam',
      'minDisk',
    ]);
  });

  it("the JSON schemas are the schema package's own, not a second copy", () => {
    for (const name of Object.keys(Schemas) as (keyof typeof Schemas)[]) {
      expect(doc.components.schemas[name]).toEqual(JSON.parse(JSON.stringify(Schemas[name])));
    }
  });

  it('the XML views place each member as the XML codec writes it: names, namespaces, attributes', () => {
    const s = doc.components.schemas;
    expect(s.ImageXml.xml).toEqual({ name: 'image', namespace: NS.compute });
    for (const key of ['id', 'name', 'status', 'progress', 'minDisk', 'minRam', 'created', 'updated']) {
      expect(s.ImageXml.properties[key].xml, key).toEqual({ attribute: true });
    }
    expect(s.ImageXml.properties['OS-DCF:diskConfig'].xml).toEqual({
      attribute: true,
      name: 'diskConfig',
      namespace: NS.diskConfig,
      prefix: 'OS-DCF',
    });
    expect(s.ImageXml.properties['OS-EXT-IMG-SIZE:size'].xml.namespace).toBe(NS.imageSize);
    expect(s.LinkXml.xml).toEqual({ name: 'link', namespace: NS.atom, prefix: 'atom' });
    expect(s.ImageXml.properties.metadata.xml).toEqual({ name: 'metadata', wrapped: true });
    expect(s.MetaXml.properties.key.xml).toEqual({ attribute: true });
    expect(s.ImageListXml.xml).toEqual({ name: 'images', namespace: NS.compute });
    expect(s.MetaItemXml.xml).toEqual({ name: 'meta', namespace: NS.compute });
    expect(s.itemNotFoundFaultXml.xml).toEqual({ name: 'itemNotFound', namespace: NS.compute });
    expect(s.itemNotFoundFaultXml.properties.code.xml).toEqual({ attribute: true });
  });

  it('the version routes: the list at /, the 302 at /v2, the document at /v2/, in the common namespace', () => {
    expect(doc.paths['/'].get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/VersionList',
    });
    expect(doc.paths['/v2'].get.responses['302'].headers.Location).toBeDefined();
    expect(doc.paths['/v2/'].get.responses['401']).toBeDefined();
    expect(doc.paths['/'].get.responses['401']).toBeUndefined();
    expect(doc.components.schemas.VersionXml.xml).toEqual({ name: 'version', namespace: NS.common });
    expect(doc.components.schemas.VersionXml.properties['media-types'].xml).toEqual({
      name: 'media-types',
      wrapped: true,
    });
    expect(doc.components.schemas.Version).toEqual(JSON.parse(JSON.stringify(Schemas.Version)));
  });

  it('names a server when asked', () => {
    expect((openApiDocument({ serverUrl: 'http://nova.example.com:8774/' }) as Json).servers).toEqual([
      { url: 'http://nova.example.com:8774' },
    ]);
    expect(doc.servers).toBeUndefined();
  });
});
