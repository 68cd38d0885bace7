/**
 * The namespace URIs of the wire format (WIRE.md), in one place. Prefixes carry no meaning: the
 * reader resolves every name by these URIs, the writer binds the conventional prefixes.
 */
export const NS: {
  /** The compute API: every element of the image resources and of the faults. */
  readonly compute: 'http://docs.openstack.org/compute/api/v1.1';
  /** The version documents (`<version>`, `<versions>`, `<media-types>`): OpenStack's common API. */
  readonly common: 'http://docs.openstack.org/common/api/v1.0';
  /** Atom, for `<atom:link>`. */
  readonly atom: 'http://www.w3.org/2005/Atom';
  /** The image size extension: the `OS-EXT-IMG-SIZE:size` attribute. */
  readonly imageSize: 'http://docs.openstack.org/compute/ext/image_size/api/v1.1';
  /** The disk config extension: the `OS-DCF:diskConfig` attribute. */
  readonly diskConfig: 'http://docs.openstack.org/compute/ext/disk_config/api/v1.1';
} = Object.freeze({
  compute: 'http://docs.openstack.org/compute/api/v1.1',
  common: 'http://docs.openstack.org/common/api/v1.0',
  atom: 'http://www.w3.org/2005/Atom',
  imageSize: 'http://docs.openstack.org/compute/ext/image_size/api/v1.1',
  diskConfig: 'http://docs.openstack.org/compute/ext/disk_config/api/v1.1',
});

/** The prefixes the writer binds (the ones Nova used). */
export const PREFIX: {
  readonly atom: 'atom';
  readonly imageSize: 'OS-EXT-IMG-SIZE';
  readonly diskConfig: 'OS-DCF';
} = Object.freeze({ atom: 'atom', imageSize: 'OS-EXT-IMG-SIZE', diskConfig: 'OS-DCF' });

/** Bound by definition to the `xml` prefix (Namespaces in XML 1.0, section 3). */
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
/** The namespace of namespace declarations themselves; no prefix may be bound to it. */
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
