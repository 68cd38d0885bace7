// The project's own canonical values, per kind: each becomes an encode, a decode and a round-trip
// vector in both formats, and a cross-format pair.

const T = '2011-01-01T01:02:03Z';
const base = (id, extra = {}) => ({
  id,
  name: `image ${id}`,
  status: 'ACTIVE',
  progress: 100,
  minDisk: 0,
  minRam: 0,
  created: T,
  updated: T,
  metadata: {},
  links: [],
  ...extra,
});
const selfLinks = (id) => [
  { href: `http://openstack.example.com/v2/openstack/images/${id}`, rel: 'self' },
  { href: `http://openstack.example.com/openstack/images/${id}`, rel: 'bookmark' },
  {
    href: `http://glance.openstack.example.com/openstack/images/${id}`,
    rel: 'alternate',
    type: 'application/vnd.openstack.image',
  },
];
/** An object whose keys are all own data properties, `__proto__` included. */
const own = (entries) => {
  const out = {};
  for (const [key, value] of entries)
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
};

const astral = '\u{1F600}';

export const VALUE_CASES = [
  // image
  {
    kind: 'image',
    name: 'minimal-nulls',
    tags: ['nulls'],
    rule: 'name, created and updated may be null; every optional field absent; metadata {} and links [] are still written',
    value: { id: '1', name: null, created: null, updated: null, metadata: {}, links: [] },
  },
  {
    kind: 'image',
    name: 'full',
    tags: ['extensions', 'links'],
    rule: 'every field of the model, both extension attributes and a server',
    value: base('full', {
      status: 'SAVING',
      progress: 42,
      minDisk: 20,
      minRam: 2048,
      metadata: { architecture: 'x86_64', kernel_id: 'nokernel' },
      links: selfLinks('full'),
      server: {
        id: 'b1d6d0c1-2d7c-4d3e-9b8b-6e2c1f9f0a11',
        links: [
          { href: 'http://openstack.example.com/v2/openstack/servers/b1d6', rel: 'self' },
          { href: 'http://openstack.example.com/openstack/servers/b1d6', rel: 'bookmark' },
        ],
      },
      'OS-DCF:diskConfig': 'MANUAL',
      'OS-EXT-IMG-SIZE:size': 74185822,
    }),
  },
  {
    kind: 'image',
    name: 'escaping-markup',
    tags: ['escaping'],
    rule: 'markup characters in attributes, text and keys: < > & " \' and ]]>',
    value: base('esc', { name: `a<b>&"c'd`, metadata: { 'k"<&>': 'v <&> ]]> "\'', 'cdata-end': ']]>' } }),
  },
  {
    kind: 'image',
    name: 'escaping-entities-as-text',
    tags: ['escaping'],
    rule: 'text that looks like a reference is text: &amp; &#60; &lt;',
    value: base('ent', { name: '&amp; &#60; &lt;', metadata: { ref: '&#x41;' } }),
  },
  {
    kind: 'image',
    name: 'whitespace',
    tags: ['escaping', 'whitespace'],
    rule: 'leading, trailing and inner whitespace, tab, CR and LF survive in attributes and in text',
    value: base('ws', {
      name: '  two  spaces\tand tab\nnewline\r\n',
      metadata: { lines: 'a\r\nb\nc\rd', spaces: '   ', tab: '\t' },
    }),
  },
  {
    kind: 'image',
    name: 'unicode',
    tags: ['unicode'],
    rule: 'characters beyond ASCII, astral ones included, in names, keys and values',
    value: base('uni', {
      name: `café ☕ ${astral} 中文`,
      metadata: { ключ: 'значение', [`${astral}`]: `${astral}${astral}`, 'e\u0301': 'combining' },
    }),
  },
  {
    kind: 'image',
    name: 'prototype-keys',
    tags: ['prototype'],
    rule: 'metadata keys like __proto__ are ordinary own keys',
    value: base('proto', {
      metadata: own([
        ['__proto__', 'x'],
        ['constructor', 'y'],
        ['toString', 'z'],
        ['hasOwnProperty', 'w'],
        ['prototype', 'p'],
      ]),
    }),
  },
  {
    kind: 'image',
    name: 'limits-255',
    tags: ['limits', 'unicode'],
    rule: 'keys and values of 255 characters (code points, not UTF-16 units)',
    value: base('lim', { metadata: { ['k'.repeat(255)]: 'v'.repeat(255), [astral.repeat(255)]: astral.repeat(255) } }),
  },
  {
    kind: 'image',
    name: 'many-metadata',
    tags: ['metadata'],
    rule: "128 metadata items (Nova's default quota), order aside",
    value: base('many', {
      metadata: Object.fromEntries(Array.from({ length: 128 }, (_, i) => [`key-${i}`, `value-${i}`])),
    }),
  },
  {
    kind: 'image',
    name: 'tolerated-values',
    tags: ['tolerance'],
    rule: 'old ids ("15"), unknown and extended statuses kept as they are, integers up to 2^53-1',
    value: base('15', {
      status: 'OS-EXT:foo',
      progress: 0,
      minDisk: Number.MAX_SAFE_INTEGER,
      minRam: 0,
      'OS-EXT-IMG-SIZE:size': Number.MAX_SAFE_INTEGER,
    }),
  },
  {
    kind: 'image',
    name: 'extensions-only',
    tags: ['extensions'],
    rule: 'OS-DCF:diskConfig AUTO and OS-EXT-IMG-SIZE:size 0 without the other optional fields',
    value: {
      id: 'ext',
      name: 'ext',
      created: T,
      updated: T,
      metadata: {},
      links: [],
      'OS-DCF:diskConfig': 'AUTO',
      'OS-EXT-IMG-SIZE:size': 0,
    },
  },
  {
    kind: 'image',
    name: 'snapshot-server',
    tags: ['server'],
    rule: 'a snapshot of a server carries server {id, links}',
    value: base('snap', { status: 'SAVING', progress: 25, server: { id: 'srv-1', links: [] } }),
  },
  {
    kind: 'image',
    name: 'empty-strings',
    tags: ['nulls'],
    rule: 'an empty string is not null: name "" and value "" stay',
    value: base('empty', { name: '', metadata: { blank: '' } }),
  },
  {
    kind: 'image',
    name: 'links-query',
    tags: ['links', 'escaping'],
    rule: 'hrefs with query strings and fragments; a link with and without type',
    value: base('lq', {
      links: [
        { href: 'http://h/v2/t/images?limit=1&marker=a%20b#frag', rel: 'self' },
        { href: 'http://h/t/images/lq', rel: 'bookmark', type: 'application/json' },
      ],
    }),
  },
  {
    kind: 'image',
    name: 'key-characters',
    tags: ['metadata', 'escaping'],
    rule: 'keys with colons, spaces, slashes, tildes and dots',
    value: base('keys', { metadata: { 'a:b': '1', 'a b': '2', 'a/b': '3', '~0~1': '4', 'x.json': '5' } }),
  },
  // imageList
  {
    kind: 'imageList',
    name: 'empty',
    tags: ['lists'],
    rule: 'an empty detail list has no images_links',
    value: { images: [] },
  },
  {
    kind: 'imageList',
    name: 'paged',
    tags: ['lists', 'paging'],
    rule: 'a full page carries a next link; its href keeps & and %',
    value: {
      images: [base('p1', { links: selfLinks('p1') }), base('p2', { links: selfLinks('p2') })],
      images_links: [{ href: 'http://h/v2/t/images/detail?limit=2&marker=p2&name=a%26b', rel: 'next' }],
    },
  },
  {
    kind: 'imageList',
    name: 'mixed',
    tags: ['lists', 'extensions', 'nulls'],
    rule: 'images with and without extensions, servers and nulls side by side',
    value: {
      images: [
        { id: 'm1', name: null, created: null, updated: null, metadata: {}, links: [] },
        base('m2', { server: { id: 's', links: [] }, 'OS-DCF:diskConfig': 'AUTO' }),
        base('m3', { 'OS-EXT-IMG-SIZE:size': 1, metadata: own([['__proto__', 'p']]) }),
      ],
    },
  },
  {
    kind: 'imageList',
    name: 'huge',
    tags: ['lists', 'huge'],
    rule: 'a 200-image detail list decodes and encodes whole',
    value: {
      images: Array.from({ length: 200 }, (_, i) =>
        base(`huge-${i}`, { metadata: { index: String(i), architecture: 'x86_64' }, links: selfLinks(`huge-${i}`) }),
      ),
    },
  },
  // imageIndex
  { kind: 'imageIndex', name: 'empty', tags: ['lists'], rule: 'an empty index', value: { images: [] } },
  {
    kind: 'imageIndex',
    name: 'three',
    tags: ['lists', 'nulls'],
    rule: 'index entries are id, name (maybe null) and links',
    value: {
      images: [
        { id: 'a', name: 'one', links: selfLinks('a') },
        { id: 'b', name: null, links: [] },
        { id: 'c', name: '', links: [] },
      ],
    },
  },
  {
    kind: 'imageIndex',
    name: 'paged',
    tags: ['lists', 'paging'],
    rule: 'a root-level next link on the index',
    value: {
      images: [{ id: 'a', name: 'one', links: [] }],
      images_links: [{ href: 'http://h/v2/t/images?limit=1&marker=a', rel: 'next' }],
    },
  },
  {
    kind: 'imageIndex',
    name: 'escaping',
    tags: ['lists', 'escaping', 'unicode'],
    rule: 'markup and astral characters in index names',
    value: { images: [{ id: '<&>', name: `"${astral}" & <x>`, links: [] }] },
  },
  // metadata
  { kind: 'metadata', name: 'empty', tags: ['metadata'], rule: 'an empty metadata collection', value: {} },
  {
    kind: 'metadata',
    name: 'several',
    tags: ['metadata', 'escaping'],
    rule: 'several items with markup in keys and values',
    value: { kernel_id: 'nokernel', 'a&b': '<c>', quote: '"\'' },
  },
  {
    kind: 'metadata',
    name: 'prototype-keys',
    tags: ['metadata', 'prototype'],
    rule: '__proto__ and constructor as metadata keys',
    value: own([
      ['__proto__', '1'],
      ['constructor', '2'],
    ]),
  },
  {
    kind: 'metadata',
    name: 'unicode-limits',
    tags: ['metadata', 'unicode', 'limits'],
    rule: 'a 255-code-point astral key and value',
    value: { [astral.repeat(255)]: astral.repeat(255) },
  },
  // metaItem
  { kind: 'metaItem', name: 'simple', tags: ['metadata'], rule: 'one item', value: { kernel_id: 'nokernel' } },
  {
    kind: 'metaItem',
    name: 'escaping',
    tags: ['metadata', 'escaping'],
    rule: 'markup in the key and the value',
    value: { '<k&>': '"v" & ]]>' },
  },
  {
    kind: 'metaItem',
    name: 'proto-key',
    tags: ['metadata', 'prototype'],
    rule: 'an item whose key is __proto__',
    value: own([['__proto__', 'x']]),
  },
  { kind: 'metaItem', name: 'empty-value', tags: ['metadata', 'nulls'], rule: 'an empty value', value: { k: '' } },
  {
    kind: 'metaItem',
    name: 'whitespace-value',
    tags: ['metadata', 'whitespace'],
    rule: 'a value of CR, LF and tab only',
    value: { k: '\r\n\t' },
  },
  // fault
  ...[
    ['badRequest', 400],
    ['unauthorized', 401],
    ['forbidden', 403],
    ['itemNotFound', 404],
    ['badMethod', 405],
    ['conflictingRequest', 409],
    ['overLimit', 413],
    ['badMediaType', 415],
    ['notImplemented', 501],
    ['serviceUnavailable', 503],
    ['computeFault', 500],
  ].map(([name, code]) => ({
    kind: 'fault',
    name,
    tags: ['faults'],
    rule: `the ${name} fault with its status ${code}`,
    value: { name, code, message: `The ${name} message.` },
  })),
  {
    kind: 'fault',
    name: 'overLimit-429-retry',
    tags: ['faults'],
    rule: 'overLimit as 429 with retryAfter and details',
    value: {
      name: 'overLimit',
      code: 429,
      message: 'Too many requests.',
      details: 'Only 10 per minute.',
      retryAfter: '60',
    },
  },
  {
    kind: 'fault',
    name: 'computeFault-502',
    tags: ['faults'],
    rule: 'any other 5xx status is a computeFault carrying its own code',
    value: { name: 'computeFault', code: 502, message: 'Bad gateway.' },
  },
  {
    kind: 'fault',
    name: 'escaping',
    tags: ['faults', 'escaping'],
    rule: 'markup in the message and the details',
    value: { name: 'badRequest', code: 400, message: 'a <b> & "c"', details: ']]> & <' },
  },
  // version, versionList (WIRE.md, "Versions, routes and headers")
  {
    kind: 'version',
    name: 'v2-document',
    tags: ['versions'],
    rule: 'GET /v2/ as Nova 2014.2 answered it: links and both media types',
    value: {
      id: 'v2.0',
      status: 'CURRENT',
      updated: '2011-01-21T11:33:21Z',
      links: [
        { href: 'http://openstack.example.com/v2/', rel: 'self' },
        { href: 'http://docs.openstack.org/', rel: 'describedby', type: 'text/html' },
      ],
      'media-types': [
        { base: 'application/xml', type: 'application/vnd.openstack.compute+xml;version=2' },
        { base: 'application/json', type: 'application/vnd.openstack.compute+json;version=2' },
      ],
    },
  },
  {
    kind: 'version',
    name: 'no-media-types',
    tags: ['versions'],
    rule: 'a version without media-types (as the entries of GET / are)',
    value: {
      id: 'v2.0',
      status: 'CURRENT',
      updated: '2011-01-21T11:33:21Z',
      links: [{ href: 'http://h/v2/', rel: 'self' }],
    },
  },
  {
    kind: 'version',
    name: 'escaping',
    tags: ['versions', 'escaping'],
    rule: 'markup in a version status and link',
    value: { id: 'v<2>', status: 'A & "B"', updated: '', links: [{ href: 'http://h/?a=1&b=2', rel: 'self' }] },
  },
  {
    kind: 'versionList',
    name: 'one',
    tags: ['versions'],
    rule: 'GET / as Nova 2014.2 answered it: one version, its self link',
    value: {
      versions: [
        {
          id: 'v2.0',
          status: 'CURRENT',
          updated: '2011-01-21T11:33:21Z',
          links: [{ href: 'http://openstack.example.com/v2/', rel: 'self' }],
        },
      ],
    },
  },
  {
    kind: 'versionList',
    name: 'empty',
    tags: ['versions'],
    rule: 'an empty list of versions',
    value: { versions: [] },
  },
  {
    kind: 'versionList',
    name: 'with-media-types',
    tags: ['versions'],
    rule: 'list entries may carry media types too',
    value: {
      versions: [
        {
          id: 'v2.0',
          status: 'CURRENT',
          updated: 'u',
          links: [],
          'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.compute+json;version=2' }],
        },
        { id: 'v2.1', status: 'EXPERIMENTAL', updated: 'u', links: [] },
      ],
    },
  },
];
