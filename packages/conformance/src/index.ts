export { type CliIo, runCli, USAGE } from './cli.ts';
export * from './core.ts';
export { loadVectors, VECTORS_DIR } from './load-vectors.ts';
export { type ConformanceOptions, runConformance } from './run-conformance.ts';
