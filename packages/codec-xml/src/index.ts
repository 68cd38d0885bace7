export { NS, PREFIX } from './namespaces.ts';
export { xmlCodec } from './xml-codec.ts';
