export { defaultCodecs } from './default-codecs.ts';
export { toFetchHandler } from './fetch-handler.ts';
export type { ImageQuery, ImageStore, MetadataDeletion } from './image-store.ts';
export {
  type AuthorizeContext,
  type AuthorizeResult,
  createImagesApi,
  type ErrorContext,
  type ImagesApiOptions,
} from './images-api.ts';
export { IMAGE_SERVICE_TYPE } from './links.ts';
export { MemoryImageStore, type MemoryImageStoreOptions } from './memory-store.ts';
export { codecForContentType, type Negotiated, negotiate } from './negotiate.ts';
export { type NodeRequest, type NodeResponse, toNodeListener } from './node-listener.ts';
export type { ApiRequest, ApiResponse, ImagesApi } from './request-response.ts';
export { ALLOWED_METHODS, type RouteName, UNROUTED_METHODS } from './routes.ts';
