export { defaultCodecs } from './default-codecs.ts';
export { toFetchHandler } from './fetch-handler.ts';
export type { ImageQuery, ImageStore, MetadataDeletion, MetadataWriteLimits } from './image-store.ts';
export {
  type AuthorizeContext,
  type AuthorizeResult,
  createImagesApi,
  type ErrorContext,
  type ImagesApiOptions,
} from './images-api.ts';
export { IMAGE_SERVICE_TYPE } from './links.ts';
export { MemoryImageStore, type MemoryImageStoreOptions, matchesQuery } from './memory-store.ts';
export { checkMetadataQuota, DEFAULT_MAX_METADATA_ITEMS } from './metadata-rules.ts';
export { codecForContentType, type Negotiated, negotiate } from './negotiate.ts';
export {
  type NodeListenerOptions,
  type NodeRequest,
  type NodeResponse,
  type NodeSocket,
  toNodeListener,
} from './node-listener.ts';
export { guardNodeServer, type NodeServer, type NodeServerGuards } from './node-server.ts';
export { type OpenApiOptions, openApiDocument } from './openapi.ts';
export type { ApiRequest, ApiResponse, ImagesApi } from './request-response.ts';
export { ALLOWED_METHODS, type RouteName, UNROUTED_METHODS } from './routes.ts';
