export { excerpt, faultOfAnswer } from './answer-fault.ts';
export {
  type CallOptions,
  createImagesClient,
  type ImagesClient,
  type ImagesClientOptions,
} from './images-client.ts';
export type { ListQuery } from './list-query.ts';
export { type RetryOptions, retryAfterMillis } from './retry.ts';
export type { FetchLike } from './transport.ts';
