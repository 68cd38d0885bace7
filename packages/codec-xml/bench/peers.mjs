// What a user would write instead of the codec, for the bench to compare with: readers of the
// image documents over saxes (namespace mode: the strict peer, checking well-formedness and
// namespaces) and over txml (no checks at all), and a template-literal emitter with escaping. Each
// is written as plainly as a user would, for the documents the bench gives it; the bench checks
// that each gives exactly what the codec gives before it times anything.
import { SaxesParser } from 'saxes';
import { parse as txmlParse } from 'txml';

const COMPUTE = 'http://docs.openstack.org/compute/api/v1.1';
const ATOM = 'http://www.w3.org/2005/Atom';
const IMAGE_SIZE = 'http://docs.openstack.org/compute/ext/image_size/api/v1.1';
const DISK_CONFIG = 'http://docs.openstack.org/compute/ext/disk_config/api/v1.1';

function newImage() {
  return { id: undefined, name: null, created: null, updated: null, metadata: {}, links: [] };
}

/** Sets one image attribute as the codec reads it (integers as numbers). */
function setImageAttribute(image, uri, local, value) {
  if (uri === '') {
    switch (local) {
      case 'id':
      case 'name':
      case 'status':
      case 'created':
      case 'updated':
        image[local] = value;
        break;
      case 'progress':
      case 'minDisk':
      case 'minRam':
        image[local] = Number(value);
        break;
    }
  } else if (uri === IMAGE_SIZE && local === 'size') image['OS-EXT-IMG-SIZE:size'] = Number(value);
  else if (uri === DISK_CONFIG && local === 'diskConfig') image['OS-DCF:diskConfig'] = value;
}

function link(attributes) {
  const out = { href: attributes.href, rel: attributes.rel };
  if (attributes.type !== undefined) out.type = attributes.type;
  return out;
}

/** A reader of `<image>` and `<images>` over saxes events, namespaces resolved by saxes. */
export function saxesReader() {
  const parser = new SaxesParser({ xmlns: true });
  let images;
  let image;
  let server;
  let metaKey;
  let metaText;
  let listLinks;
  parser.on('opentag', (tag) => {
    const { uri, local, attributes } = tag;
    if (uri === COMPUTE && local === 'image') {
      image = newImage();
      for (const name in attributes) {
        const a = attributes[name];
        if (a.prefix !== 'xmlns' && a.name !== 'xmlns') setImageAttribute(image, a.uri, a.local, a.value);
      }
    } else if (uri === COMPUTE && local === 'meta') {
      metaKey = attributes.key.value;
      metaText = '';
    } else if (uri === COMPUTE && local === 'server') {
      server = { id: attributes.id.value, links: [] };
    } else if (uri === ATOM && local === 'link') {
      const values = {};
      for (const name in attributes) values[attributes[name].local] = attributes[name].value;
      if (server !== undefined) server.links.push(link(values));
      else if (image !== undefined) image.links.push(link(values));
      else {
        listLinks ??= [];
        listLinks.push(link(values));
      }
    }
  });
  parser.on('text', (text) => {
    if (metaKey !== undefined) metaText += text;
  });
  parser.on('closetag', (tag) => {
    const { uri, local } = tag;
    if (uri !== COMPUTE) return;
    if (local === 'meta') {
      image.metadata[metaKey] = metaText;
      metaKey = undefined;
    } else if (local === 'server') {
      image.server = server;
      server = undefined;
    } else if (local === 'image') {
      images.push(image);
      image = undefined;
    }
  });
  return {
    decodeImage(xml) {
      images = [];
      parser.write(xml).close();
      return images[0];
    },
    decodeImageList(xml) {
      images = [];
      listLinks = undefined;
      parser.write(xml).close();
      return listLinks === undefined ? { images } : { images, images_links: listLinks };
    },
  };
}

function txmlImage(node, prefixes) {
  const image = newImage();
  const { attributes } = node;
  for (const name in attributes) {
    const colon = name.indexOf(':');
    if (colon < 0) setImageAttribute(image, '', name, attributes[name]);
    else if (name.slice(0, colon) !== 'xmlns') {
      setImageAttribute(image, prefixes[name.slice(0, colon)] ?? '', name.slice(colon + 1), attributes[name]);
    }
  }
  for (const child of node.children) {
    if (typeof child === 'string') continue;
    if (child.tagName === 'metadata') {
      for (const meta of child.children) {
        if (typeof meta !== 'string' && meta.tagName === 'meta')
          image.metadata[meta.attributes.key] = meta.children.join('');
      }
    } else if (child.tagName === 'atom:link') image.links.push(link(child.attributes));
    else if (child.tagName === 'server') {
      image.server = {
        id: child.attributes.id,
        links: child.children.filter((c) => typeof c !== 'string').map((c) => link(c.attributes)),
      };
    }
  }
  return image;
}

function txmlPrefixes(root) {
  const prefixes = {};
  for (const name in root.attributes) if (name.startsWith('xmlns:')) prefixes[name.slice(6)] = root.attributes[name];
  return prefixes;
}

// txml reads <meta> and <link> as HTML's empty elements unless told there are none.
const TXML_OPTIONS = { noChildNodes: [] };

function txmlRoot(xml) {
  for (const node of txmlParse(xml, TXML_OPTIONS)) if (typeof node !== 'string' && node.tagName[0] !== '?') return node;
}

/** A reader over txml's tree: names as written (no namespaces, no checks, no references). */
export const txmlReader = {
  decodeImage(xml) {
    const root = txmlRoot(xml);
    return txmlImage(root, txmlPrefixes(root));
  },
  decodeImageList(xml) {
    const root = txmlRoot(xml);
    const prefixes = txmlPrefixes(root);
    const images = [];
    let links;
    for (const child of root.children) {
      if (typeof child === 'string') continue;
      if (child.tagName === 'image') images.push(txmlImage(child, prefixes));
      else if (child.tagName === 'atom:link') {
        links ??= [];
        links.push(link(child.attributes));
      }
    }
    return links === undefined ? { images } : { images, images_links: links };
  },
};

const ATTRIBUTE_ESCAPES = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
const TEXT_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;' };
const escapeAttribute = (value) =>
  /[&<>"\t\n\r]/.test(value) ? value.replace(/[&<>"\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES[c]) : value;
const escapeText = (value) => (/[&<>"\r]/.test(value) ? value.replace(/[&<>"\r]/g, (c) => TEXT_ESCAPES[c]) : value);

function templateLinks(links, indent) {
  let out = '';
  for (const l of links) {
    out += `\n${indent}<atom:link href="${escapeAttribute(l.href)}" rel="${escapeAttribute(l.rel)}"${l.type === undefined ? '' : ` type="${escapeAttribute(l.type)}"`}/>`;
  }
  return out;
}

function templateImage(image, indent, namespaces) {
  const inner = `${indent}  `;
  const size = image['OS-EXT-IMG-SIZE:size'];
  const diskConfig = image['OS-DCF:diskConfig'];
  let metadata = '';
  for (const key of Object.keys(image.metadata)) {
    metadata += `\n${inner}  <meta key="${escapeAttribute(key)}">${escapeText(image.metadata[key])}</meta>`;
  }
  const { server } = image;
  return `<image${namespaces} id="${escapeAttribute(image.id)}"${image.name === null ? '' : ` name="${escapeAttribute(image.name)}"`}${
    image.status === undefined ? '' : ` status="${escapeAttribute(image.status)}"`
  }${image.progress === undefined ? '' : ` progress="${image.progress}"`}${image.minDisk === undefined ? '' : ` minDisk="${image.minDisk}"`}${
    image.minRam === undefined ? '' : ` minRam="${image.minRam}"`
  }${image.created === null ? '' : ` created="${escapeAttribute(image.created)}"`}${
    image.updated === null ? '' : ` updated="${escapeAttribute(image.updated)}"`
  }${size === undefined ? '' : ` OS-EXT-IMG-SIZE:size="${size}"`}${diskConfig === undefined ? '' : ` OS-DCF:diskConfig="${diskConfig}"`}>${
    server === undefined
      ? ''
      : `\n${inner}<server id="${escapeAttribute(server.id)}"${server.links.length === 0 ? '/>' : `>${templateLinks(server.links, `${inner}  `)}\n${inner}</server>`}`
  }\n${inner}${metadata === '' ? '<metadata/>' : `<metadata>${metadata}\n${inner}</metadata>`}${templateLinks(image.links, inner)}\n${indent}</image>`;
}

function namespaces(images) {
  let out = ` xmlns="${COMPUTE}" xmlns:atom="${ATOM}"`;
  if (images.some((i) => i['OS-EXT-IMG-SIZE:size'] !== undefined)) out += ` xmlns:OS-EXT-IMG-SIZE="${IMAGE_SIZE}"`;
  if (images.some((i) => i['OS-DCF:diskConfig'] !== undefined)) out += ` xmlns:OS-DCF="${DISK_CONFIG}"`;
  return out;
}

/** A template-literal emitter with escaping, of the same layout as the codec's (byte for byte). */
export const templateWriter = {
  encodeImage(image) {
    return `<?xml version='1.0' encoding='UTF-8'?>\n${templateImage(image, '', namespaces([image]))}`;
  },
  encodeImageList(list) {
    let inner = '';
    for (const image of list.images) inner += `\n  ${templateImage(image, '  ', '')}`;
    if (list.images_links !== undefined) inner += templateLinks(list.images_links, '  ');
    const root = `<images${namespaces(list.images)}`;
    return `<?xml version='1.0' encoding='UTF-8'?>\n${inner === '' ? `${root}/>` : `${root}>${inner}\n</images>`}`;
  },
};
