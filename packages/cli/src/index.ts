export { runCli, version } from './cli.ts';
export { paint, useColour } from './colour.ts';
export {
  type Document,
  decodeDocument,
  detectFormat,
  detectKind,
  encodeDocument,
  FORMATS,
  type Format,
  KINDS,
  type Kind,
} from './documents.ts';
export { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError } from './exit-codes.ts';
export { parseTarget, type Target } from './get.ts';
export { type CliIo, InputError } from './input.ts';
