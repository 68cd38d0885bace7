export { type CliIo, runCli } from './cli.ts';
export { type CommandLine, parseCommandLine, USAGE, UsageError } from './command-line.ts';
export { ImageFileError, readImageFile } from './image-file.ts';
export { DATA_FILES, SEED_IMAGE_ID, SEED_TENANT, seedImages } from './seed-images.ts';
export { type MockServer, type StartOptions, start } from './start.ts';
export { tokenAuthorizer } from './token-auth.ts';
