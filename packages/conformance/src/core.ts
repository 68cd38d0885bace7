// The runtime-neutral part of the public API: nothing here imports Node's modules (a test keeps it
// so), so that it runs in browsers, workers and edge runtimes with vectors loaded by other means.
export { checkManifest } from './check-manifest.ts';
export { decodeKind, encodeKind, faultOf, faultValueOf } from './codec-calls.ts';
export { applyFailureList, parseFailureList } from './failure-list.ts';
export { HTTP_CHECK_IDS, type HttpConformanceOptions, runHttpConformance } from './http/run-http-conformance.ts';
export {
  type CrossFormatException,
  type ExpectedFault,
  type FaultValue,
  KINDS,
  type Kind,
  LEVELS,
  type Level,
  type LoadedVector,
  type Manifest,
  OPERATIONS,
  type Operation,
  type Vector,
  type VectorSource,
} from './manifest.ts';
export { jsonReport } from './report/json-report.ts';
export { junitReport } from './report/junit-report.ts';
export { summarize } from './report/summary.ts';
export { textReport } from './report/text-report.ts';
export { conformancePassed, countByStatus, type ResultStatus, type VectorResult } from './result.ts';
export { type RunVectorsOptions, runVectors } from './run-vectors.ts';
export { type Comparison, compareDocuments, compareJson, compareXml } from './same-meaning.ts';
export { valueDifference } from './value-difference.ts';
export { type XmlInfoset, xmlInfoset } from './xml-infoset.ts';
