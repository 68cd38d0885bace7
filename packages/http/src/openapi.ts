import { NS, PREFIX } from '@openstack-image/codec-xml';
import { FAULT_NAMES, FAULT_STATUS, type FaultName } from '@openstack-image/faults';
import { type ResourceName, Schemas } from '@openstack-image/schema';
import { DEFAULT_MAX_LIMIT } from './list-query.ts';
import { ALLOWED_METHODS, type RouteName } from './routes.ts';

/** A JSON Schema or OpenAPI object, as plain data. */
type Json = { [key: string]: unknown };

export interface OpenApiOptions {
  /** The server the document names (`servers[0].url`); without it, the document's own origin is meant. */
  readonly serverUrl?: string;
  /** `info.version`; defaults to `2.0`, the Compute API's. */
  readonly version?: string;
}

/** The bodies a route's methods take and answer. */
type BodyKind = 'image' | 'list' | 'index' | 'metadata' | 'meta' | 'versions' | 'version' | 'redirect';

interface RouteDoc {
  /** The path below `/v2/{tenant_id}` and `/v2` (`images`), or the whole path (`root`: no tenant, no suffix forms). */
  readonly path: string;
  readonly scope: 'images' | 'root';
  readonly summary: string;
  readonly body: BodyKind;
  readonly parameters: readonly Json[];
  /** Whether the route takes the list query (filters, limit, marker). */
  readonly listQuery: boolean;
}

const IMAGE_ID: Json = {
  name: 'image_id',
  in: 'path',
  required: true,
  description: 'The image id, percent-encoded.',
  schema: { type: 'string', minLength: 1 },
};
const KEY: Json = {
  name: 'key',
  in: 'path',
  required: true,
  description:
    'The metadata key, percent-encoded. A key ending in .json or .xml needs its dot encoded (%2E) or a second ending: the ending chooses the format.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};
const TENANT: Json = {
  name: 'tenant_id',
  in: 'path',
  required: true,
  description: 'The project (tenant) id.',
  schema: { type: 'string', minLength: 1 },
};

/**
 * What each route of the route table is, for the document. A route added to `RouteName` must be
 * added here too (the type says so): the paths and methods then come from `ALLOWED_METHODS`.
 */
const ROUTE_DOCS: Readonly<Record<RouteName, RouteDoc>> = {
  index: {
    path: '/images',
    scope: 'images',
    summary: 'The image index',
    body: 'index',
    parameters: [],
    listQuery: true,
  },
  detail: {
    path: '/images/detail',
    scope: 'images',
    summary: 'The detail list',
    body: 'list',
    parameters: [],
    listQuery: true,
  },
  image: {
    path: '/images/{image_id}',
    scope: 'images',
    summary: 'One image',
    body: 'image',
    parameters: [IMAGE_ID],
    listQuery: false,
  },
  metadata: {
    path: '/images/{image_id}/metadata',
    scope: 'images',
    summary: "An image's metadata",
    body: 'metadata',
    parameters: [IMAGE_ID],
    listQuery: false,
  },
  metaItem: {
    path: '/images/{image_id}/metadata/{key}',
    scope: 'images',
    summary: 'One metadata item',
    body: 'meta',
    parameters: [IMAGE_ID, KEY],
    listQuery: false,
  },
  versions: {
    path: '/',
    scope: 'root',
    summary: 'The versions the endpoint serves (no authentication)',
    body: 'versions',
    parameters: [],
    listQuery: false,
  },
  versionRedirect: {
    path: '/v2',
    scope: 'root',
    summary: 'A redirect to /v2/',
    body: 'redirect',
    parameters: [],
    listQuery: false,
  },
  version: {
    path: '/v2/',
    scope: 'root',
    summary: 'The v2 version document',
    body: 'version',
    parameters: [],
    listQuery: false,
  },
};

const LIST_QUERY: readonly Json[] = [
  query(
    'limit',
    { type: 'integer', minimum: 0 },
    `The page size; 0 or none means the server's largest (${DEFAULT_MAX_LIMIT} by default).`,
  ),
  query('marker', { type: 'string' }, 'Start after this image id; an unknown one is 400.'),
  query('name', { type: 'string' }, 'Images of this name.'),
  query('status', { type: 'string' }, 'Images of this status (case-insensitive).'),
  query('changes-since', { type: 'string' }, 'Images changed at or after this ISO 8601 time, deleted ones included.'),
  query('server', { type: 'string' }, 'Snapshots of this server (an id, or a server URL).'),
  query('type', { type: 'string' }, 'Images of this image_type (snapshot, backup).'),
  query('minRam', { type: 'integer', minimum: 0 }, 'Images needing at least this much RAM (MB).'),
  query('minDisk', { type: 'integer', minimum: 0 }, 'Images needing at least this much disk (GB).'),
];

/** The envelope (JSON) and root element (XML) of each body kind. */
const ENVELOPES: Readonly<
  Record<BodyKind, { readonly json: string; readonly xml: string; readonly description: string }>
> = {
  image: { json: 'ImageBody', xml: 'ImageXml', description: 'The image.' },
  list: { json: 'ImageList', xml: 'ImageListXml', description: 'A page of the detail list.' },
  index: { json: 'ImageIndex', xml: 'ImageIndexXml', description: 'A page of the index.' },
  metadata: { json: 'MetadataBody', xml: 'MetadataXml', description: 'The metadata.' },
  meta: { json: 'MetaItemBody', xml: 'MetaItemXml', description: 'One metadata item.' },
  versions: { json: 'VersionList', xml: 'VersionListXml', description: 'The versions.' },
  version: { json: 'VersionBody', xml: 'VersionXml', description: 'The version, with its media types.' },
  redirect: { json: '', xml: '', description: 'Found: the version document is at /v2/.' },
};

const MEDIA = { json: 'application/json', xml: 'application/xml' } as const;
type Format = keyof typeof MEDIA;
/** The vendor types negotiation also takes (WIRE.md), answered with the same bodies. */
const VENDOR = {
  json: 'application/vnd.openstack.compute+json',
  xml: 'application/vnd.openstack.compute+xml',
} as const;

/** The faults each kind of request can answer with. */
function faultsFor(method: string, listQuery: boolean, body: BodyKind): FaultName[] {
  if (body === 'versions') return ['badMethod', 'computeFault', 'serviceUnavailable'];
  if (body === 'version' || body === 'redirect')
    return ['unauthorized', 'badMethod', 'computeFault', 'serviceUnavailable'];
  const names: FaultName[] = ['unauthorized', 'forbidden', 'itemNotFound', 'badMethod', 'computeFault'];
  if (listQuery || method === 'PUT' || method === 'POST' || method === 'GET') names.push('badRequest');
  if (method === 'PUT' || method === 'POST') names.push('overLimit', 'badMediaType');
  names.push('serviceUnavailable');
  return FAULT_NAMES.filter((name) => names.includes(name));
}

/**
 * The OpenAPI 3.1 description of every route the images API serves, generated from the route table
 * (`ALLOWED_METHODS`) and the schema package's schemas: both prefixes (`/v2/{tenant_id}` and `/v2`),
 * each with its `.json` and `.xml` suffix forms, both media types (XML described with OpenAPI's `xml`
 * objects: names, namespaces, attributes), the query of the lists and every fault answer.
 */
export function openApiDocument(options: OpenApiOptions = {}): Json {
  const paths: Json = {};
  for (const name of Object.keys(ALLOWED_METHODS) as RouteName[]) {
    const doc = ROUTE_DOCS[name];
    const root = doc.scope === 'root';
    for (const tenant of root ? [false] : [true, false]) {
      for (const suffix of root ? [undefined] : ([undefined, 'json', 'xml'] as const)) {
        const path = root
          ? doc.path
          : `${tenant ? '/v2/{tenant_id}' : '/v2'}${doc.path}${suffix === undefined ? '' : `.${suffix}`}`;
        const item: Json = {
          summary: doc.summary,
          parameters: [...(tenant ? [TENANT] : []), ...doc.parameters],
        };
        for (const method of ALLOWED_METHODS[name]) {
          item[method.toLowerCase()] = operation(name, doc, method, tenant, suffix);
        }
        paths[path] = item;
      }
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'OpenStack Compute API v2: images',
      version: options.version ?? '2.0',
      description:
        'The images routes of the Compute API v2, in JSON and XML. A .json or .xml ending on the last path segment chooses the format; else the Accept header (application/json, application/xml and their vendor types, with q-values); else JSON.',
    },
    ...(options.serverUrl === undefined ? {} : { servers: [{ url: options.serverUrl.replace(/\/+$/, '') }] }),
    paths,
    components: { schemas: componentSchemas(), headers: HEADERS },
  };
}

function operation(name: RouteName, doc: RouteDoc, method: string, tenant: boolean, suffix: Format | undefined): Json {
  const formats: readonly Format[] = suffix === undefined ? ['json', 'xml'] : [suffix];
  const envelope = ENVELOPES[doc.body];
  const op: Json = {
    operationId: `${method.toLowerCase()}${name[0]!.toUpperCase()}${name.slice(1)}${tenant ? '' : 'NoTenant'}${suffix === undefined ? '' : suffix.toUpperCase()}`,
    tags: [
      doc.scope === 'root'
        ? 'versions'
        : doc.body === 'image' || doc.body === 'list' || doc.body === 'index'
          ? 'images'
          : 'metadata',
    ],
    summary: `${method} ${doc.summary.toLowerCase()}`,
  };
  if (doc.listQuery) op.parameters = LIST_QUERY;
  if (method === 'PUT' || method === 'POST') {
    op.requestBody = {
      required: true,
      description:
        method === 'POST'
          ? 'Merged into the set.'
          : doc.body === 'meta'
            ? "The item, its key the URL's."
            : 'Replaces the set.',
      content: content(formats, envelope, false),
    };
  }
  const responses: Json = {};
  if (doc.body === 'redirect')
    responses['302'] = { description: envelope.description, headers: { Location: ref('headers', 'Location') } };
  else if (method === 'DELETE')
    responses['204'] = { description: 'Deleted.', headers: { 'Content-Type': ref('headers', 'ContentType') } };
  else if (method === 'HEAD')
    responses['200'] = {
      description: `${envelope.description} Headers only.`,
      headers: { 'Content-Length': ref('headers', 'ContentLength') },
    };
  else
    responses['200'] = { description: envelope.description, content: content(formats, envelope, suffix === undefined) };
  for (const fault of faultsFor(method, doc.listQuery, doc.body)) {
    const statuses = fault === 'overLimit' ? ['413', '429'] : [String(FAULT_STATUS[fault])];
    for (const status of statuses) {
      responses[status] = {
        description: `${fault}${fault === 'computeFault' ? ': any other failure' : ''}`,
        ...(fault === 'overLimit' || fault === 'serviceUnavailable'
          ? { headers: { 'Retry-After': ref('headers', 'RetryAfter') } }
          : fault === 'badMethod'
            ? { headers: { Allow: ref('headers', 'Allow') } }
            : {}),
        ...(method === 'HEAD'
          ? {}
          : {
              content: Object.fromEntries(
                formats.flatMap((format) => {
                  const schema = ref('schemas', `${fault}${format === 'json' ? 'Fault' : 'FaultXml'}`);
                  return [[MEDIA[format], { schema }], ...(suffix === undefined ? [[VENDOR[format], { schema }]] : [])];
                }),
              ),
            }),
      };
    }
  }
  op.responses = responses;
  return op;
}

/** The bodies of one kind in each format; `vendor` adds the vendor types an `Accept` may choose. */
function content(formats: readonly Format[], envelope: (typeof ENVELOPES)[BodyKind], vendor: boolean): Json {
  const out: Json = {};
  for (const format of formats) {
    const schema = ref('schemas', format === 'json' ? envelope.json : envelope.xml);
    out[MEDIA[format]] = { schema };
    if (vendor) out[VENDOR[format]] = { schema };
  }
  return out;
}

function ref(section: 'schemas' | 'headers', name: string): Json {
  return { $ref: `#/components/${section}/${name}` };
}

function query(name: string, schema: Json, description: string): Json {
  return { name, in: 'query', required: false, description, schema };
}

const HEADERS: Json = {
  ContentType: { description: 'The negotiated media type.', schema: { type: 'string' } },
  ContentLength: { description: 'The length of the GET answer.', schema: { type: 'integer', minimum: 0 } },
  RetryAfter: { description: 'When to retry: seconds or an HTTP date.', schema: { type: 'string' } },
  Allow: { description: 'The methods the resource answers.', schema: { type: 'string' } },
  Location: { description: 'Where the document is.', schema: { type: 'string' } },
};

/** A schema of the schema package as plain JSON Schema (TypeBox's symbols dropped). */
function plain(name: ResourceName): Json {
  return JSON.parse(JSON.stringify(Schemas[name])) as Json;
}

function envelope(member: string, schema: Json, description: string): Json {
  return {
    type: 'object',
    description,
    properties: { [member]: schema },
    required: [member],
    additionalProperties: false,
  };
}

function componentSchemas(): Json {
  const schemas: Json = {};
  for (const name of Object.keys(Schemas) as ResourceName[]) schemas[name] = plain(name);
  schemas.ImageBody = envelope('image', ref('schemas', 'Image'), 'GET /images/{image_id}');
  schemas.MetadataBody = envelope('metadata', ref('schemas', 'Metadata'), 'The metadata collection');
  schemas.MetaItemBody = envelope('meta', ref('schemas', 'MetaItem'), 'One metadata item');
  schemas.VersionBody = envelope('version', ref('schemas', 'Version'), 'GET /v2/');
  const faultBody: Json = {
    type: 'object',
    properties: {
      code: { type: 'integer', minimum: 400, maximum: 599 },
      message: { type: 'string' },
      details: { type: 'string' },
      retryAfter: { type: 'string' },
    },
    required: ['code', 'message'],
    additionalProperties: false,
  };
  schemas.FaultBody = faultBody;
  for (const fault of FAULT_NAMES) {
    schemas[`${fault}Fault`] = envelope(fault, ref('schemas', 'FaultBody'), `The ${fault} fault`);
    schemas[`${fault}FaultXml`] = faultXml(fault);
  }
  Object.assign(schemas, xmlSchemas());
  return schemas;
}

// The XML views: the same members as the JSON schemas, placed as the XML codec writes them.

const COMPUTE = { namespace: NS.compute } as const;
const attribute = (schema: Json): Json => ({ ...schema, xml: { attribute: true } });
/** OpenAPI 3.1's `xml` object has no spelling for an element's text; this extension marks it. */
const TEXT = 'x-xml-text';

function linkXml(): Json {
  const link = plain('Link') as { properties: Record<string, Json> } & Json;
  return {
    ...link,
    properties: Object.fromEntries(Object.entries(link.properties).map(([key, schema]) => [key, attribute(schema)])),
    xml: { name: 'link', namespace: NS.atom, prefix: PREFIX.atom },
  };
}

function metadataXml(root: boolean): Json {
  return {
    type: 'array',
    description: '<metadata> holding one <meta key="k">value</meta> per item (a map in JSON).',
    items: ref('schemas', 'MetaXml'),
    xml: { name: 'metadata', wrapped: true, ...(root ? COMPUTE : {}) },
  };
}

function imageXml(name: 'Image' | 'ImageSummary', root: boolean): Json {
  const source = plain(name) as { properties: Record<string, Json> } & Json;
  const properties: Record<string, Json> = {};
  for (const [key, schema] of Object.entries(source.properties)) {
    if (key === 'links')
      properties.links = { type: 'array', items: ref('schemas', 'LinkXml'), xml: { wrapped: false } };
    else if (key === 'metadata') properties.metadata = metadataXml(false);
    else if (key === 'server') properties.server = ref('schemas', 'ServerRefXml');
    else if (key === 'OS-EXT-IMG-SIZE:size')
      properties[key] = {
        ...schema,
        xml: { attribute: true, name: 'size', namespace: NS.imageSize, prefix: PREFIX.imageSize },
      };
    else if (key === 'OS-DCF:diskConfig')
      properties[key] = {
        ...schema,
        xml: { attribute: true, name: 'diskConfig', namespace: NS.diskConfig, prefix: PREFIX.diskConfig },
      };
    else properties[key] = attribute(schema);
  }
  return {
    ...source,
    description: `${String(source.description ?? '')} In XML a null attribute is left out.`,
    properties,
    xml: { name: 'image', ...(root ? COMPUTE : {}) },
  };
}

function listXml(items: 'ImageXml' | 'ImageSummaryXml', description: string): Json {
  return {
    type: 'object',
    description,
    properties: {
      images: { type: 'array', items: ref('schemas', items), xml: { wrapped: false } },
      images_links: { type: 'array', items: ref('schemas', 'LinkXml'), xml: { wrapped: false } },
    },
    required: ['images'],
    xml: { name: 'images', ...COMPUTE },
  };
}

function faultXml(fault: FaultName): Json {
  return {
    type: 'object',
    description: `<${fault} code="..."> with <message> and <details>; retryAfter is read as an attribute or a child element.`,
    properties: {
      code: { type: 'integer', xml: { attribute: true } },
      retryAfter: { type: 'string', xml: { attribute: true } },
      message: { type: 'string' },
      details: { type: 'string' },
    },
    required: ['code', 'message'],
    xml: { name: fault, ...COMPUTE },
  };
}

function xmlSchemas(): Json {
  const server = plain('ServerRef') as { properties: Record<string, Json> } & Json;
  return {
    LinkXml: linkXml(),
    ServerRefXml: {
      ...server,
      properties: {
        id: attribute(server.properties.id!),
        links: { type: 'array', items: ref('schemas', 'LinkXml'), xml: { wrapped: false } },
      },
      xml: { name: 'server' },
    },
    MetaXml: {
      type: 'object',
      properties: {
        key: attribute({ type: 'string', minLength: 1, maxLength: 255 }),
        value: { type: 'string', [TEXT]: true },
      },
      required: ['key', 'value'],
      xml: { name: 'meta' },
    },
    ImageXml: imageXml('Image', true),
    ImageSummaryXml: imageXml('ImageSummary', false),
    ImageListXml: listXml('ImageXml', 'The detail list: full <image> elements, then the next link.'),
    ImageIndexXml: listXml('ImageSummaryXml', 'The index: <image id name> elements, then the next link.'),
    MetadataXml: metadataXml(true),
    ...versionXmlSchemas(),
    MetaItemXml: {
      type: 'object',
      properties: {
        key: attribute({ type: 'string', minLength: 1, maxLength: 255 }),
        value: { type: 'string', [TEXT]: true },
      },
      required: ['key', 'value'],
      xml: { name: 'meta', ...COMPUTE },
    },
  };
}

/** The version documents, in OpenStack's common namespace: attributes, `<media-types>`, atom links. */
function versionXmlSchemas(): Json {
  const common = { namespace: NS.common } as const;
  const mediaType = plain('MediaType') as { properties: Record<string, Json> } & Json;
  const version = plain('Version') as { properties: Record<string, Json> } & Json;
  const versionXml = (root: boolean): Json => ({
    ...version,
    properties: {
      id: attribute(version.properties.id!),
      status: attribute(version.properties.status!),
      updated: attribute(version.properties.updated!),
      'media-types': {
        type: 'array',
        minItems: 1,
        items: ref('schemas', 'MediaTypeXml'),
        xml: { name: 'media-types', wrapped: true },
      },
      links: { type: 'array', items: ref('schemas', 'LinkXml'), xml: { wrapped: false } },
    },
    xml: { name: 'version', ...(root ? common : {}) },
  });
  return {
    MediaTypeXml: {
      ...mediaType,
      properties: Object.fromEntries(
        Object.entries(mediaType.properties).map(([key, schema]) => [key, attribute(schema)]),
      ),
      xml: { name: 'media-type' },
    },
    VersionXml: versionXml(true),
    VersionEntryXml: versionXml(false),
    VersionListXml: {
      type: 'object',
      properties: { versions: { type: 'array', items: ref('schemas', 'VersionEntryXml'), xml: { wrapped: false } } },
      required: ['versions'],
      xml: { name: 'versions', ...common },
    },
  };
}
