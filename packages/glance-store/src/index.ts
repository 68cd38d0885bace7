export { GLANCE_ATTRIBUTES, isGlanceReserved } from './glance-attributes.ts';
export type { GlanceIdentity } from './glance-client.ts';
export { GlanceImageStore, type GlanceImageStoreOptions } from './glance-store.ts';
export { glanceListParams } from './list-filters.ts';
export { metadataPatch, type PatchOperation } from './metadata-patch.ts';
export { type GlanceImage, metadataOf, novaImage, type ViewContext } from './nova-view.ts';
