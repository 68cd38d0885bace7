// The generator's own writers of the two formats: independent of the codecs, so that an encode
// vector's expected document is not the codec's output copied back. They spell things differently
// from the codecs on purpose (other prefixes, attribute order, indentation), which only the
// comparison by meaning can see past.

export const NS = {
  compute: 'http://docs.openstack.org/compute/api/v1.1',
  atom: 'http://www.w3.org/2005/Atom',
  size: 'http://docs.openstack.org/compute/ext/image_size/api/v1.1',
  dcf: 'http://docs.openstack.org/compute/ext/disk_config/api/v1.1',
  common: 'http://docs.openstack.org/common/api/v1.0',
};

export function jsonDocument(kind, value) {
  switch (kind) {
    case 'image':
      return JSON.stringify({ image: value }, null, 4);
    case 'imageList':
    case 'imageIndex':
      return JSON.stringify(value, null, 4);
    case 'metadata':
      return JSON.stringify({ metadata: value }, null, 4);
    case 'metaItem':
      return JSON.stringify({ meta: value }, null, 4);
    case 'fault': {
      const { name, ...body } = value;
      return JSON.stringify({ [name]: body }, null, 4);
    }
    case 'version':
      return JSON.stringify({ version: value }, null, 4);
    case 'versionList':
      return JSON.stringify(value, null, 4);
  }
  throw new Error(`no kind ${kind}`);
}

const attr = (text) =>
  String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
const text = (value) =>
  String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');

const links = (list, pad) =>
  list
    .map(
      (link) =>
        `${pad}<a:link rel="${attr(link.rel)}"${link.type === undefined ? '' : ` type="${attr(link.type)}"`} href="${attr(link.href)}"/>\n`,
    )
    .join('');

const meta = (metadata, pad) =>
  Object.keys(metadata)
    .map((key) => `${pad}<meta key="${attr(key)}">${text(metadata[key])}</meta>\n`)
    .join('');

function imageElement(image, pad, declarations) {
  const attrs = [];
  // Reverse of the order the codecs use, extension attributes first.
  if (image['OS-DCF:diskConfig'] !== undefined) attrs.push(`dcf:diskConfig="${attr(image['OS-DCF:diskConfig'])}"`);
  if (image['OS-EXT-IMG-SIZE:size'] !== undefined) attrs.push(`sz:size="${image['OS-EXT-IMG-SIZE:size']}"`);
  for (const field of ['updated', 'created', 'minRam', 'minDisk', 'progress', 'status', 'name', 'id']) {
    if (image[field] !== undefined && image[field] !== null) attrs.push(`${field}="${attr(image[field])}"`);
  }
  let out = `${pad}<image${declarations} ${attrs.join(' ')}>\n`;
  if (image.server !== undefined) {
    out += `${pad}  <server id="${attr(image.server.id)}">\n${links(image.server.links, `${pad}    `)}${pad}  </server>\n`;
  }
  out +=
    Object.keys(image.metadata).length === 0
      ? `${pad}  <metadata/>\n`
      : `${pad}  <metadata>\n${meta(image.metadata, `${pad}    `)}${pad}  </metadata>\n`;
  return `${out}${links(image.links, `${pad}  `)}${pad}</image>\n`;
}

const ROOT = `xmlns="${NS.compute}" xmlns:a="${NS.atom}"`;
const EXT = ` xmlns:dcf="${NS.dcf}" xmlns:sz="${NS.size}"`;
const DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

function versionElement(version, pad, declarations) {
  let out = `${pad}<version${declarations} updated="${attr(version.updated)}" status="${attr(version.status)}" id="${attr(version.id)}">\n`;
  if (version['media-types'] !== undefined) {
    out += `${pad}  <media-types>\n${version['media-types'].map((m) => `${pad}    <media-type type="${attr(m.type)}" base="${attr(m.base)}"/>\n`).join('')}${pad}  </media-types>\n`;
  }
  return `${out}${links(version.links, `${pad}  `)}${pad}</version>\n`;
}

export function xmlDocument(kind, value) {
  switch (kind) {
    case 'image':
      return DECL + imageElement(value, '', ` ${ROOT}${EXT}`);
    case 'imageList':
      return `${DECL}<images ${ROOT}${EXT}>\n${value.images.map((image) => imageElement(image, '  ', '')).join('')}${links(value.images_links ?? [], '  ')}</images>\n`;
    case 'imageIndex':
      return `${DECL}<images ${ROOT}>\n${value.images
        .map(
          (image) =>
            `  <image id="${attr(image.id)}"${image.name === null ? '' : ` name="${attr(image.name)}"`}>\n${links(image.links, '    ')}  </image>\n`,
        )
        .join('')}${links(value.images_links ?? [], '  ')}</images>\n`;
    case 'metadata':
      return `${DECL}<metadata xmlns="${NS.compute}">\n${meta(value, '  ')}</metadata>\n`;
    case 'metaItem': {
      const [key] = Object.keys(value);
      return `${DECL}<meta xmlns="${NS.compute}" key="${attr(key)}">${text(value[key])}</meta>\n`;
    }
    case 'fault': {
      const retry = value.retryAfter === undefined ? '' : ` retryAfter="${attr(value.retryAfter)}"`;
      const details = value.details === undefined ? '' : `  <details>${text(value.details)}</details>\n`;
      return `${DECL}<${value.name} code="${value.code}"${retry} xmlns="${NS.compute}">\n  <message>${text(value.message)}</message>\n${details}</${value.name}>\n`;
    }
    case 'version':
      return DECL + versionElement(value, '', ` xmlns="${NS.common}" xmlns:a="${NS.atom}"`);
    case 'versionList':
      return `${DECL}<versions xmlns="${NS.common}" xmlns:a="${NS.atom}">\n${value.versions.map((v) => versionElement(v, '  ', '')).join('')}</versions>\n`;
  }
  throw new Error(`no kind ${kind}`);
}
