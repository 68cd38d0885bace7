export { type CliIo, runCli } from './cli.ts';
export { type CommandLine, parseCommandLine, USAGE, UsageError } from './command-line.ts';
export { ImageFileError, readImageFile } from './image-file.ts';
export { DATA_FILES, SEED_IMAGE_ID, SEED_TENANT, seedImages } from './seed-images.ts';
export {
  type GlanceOptions,
  type GlanceServer,
  type MockServer,
  type StartOptions,
  start,
  startOnGlance,
} from './start.ts';
export { tokenAuthorizer } from './token-auth.ts';
