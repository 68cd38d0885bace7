import { Fault, isFaultName } from '@openstack-image/faults';
import { KINDS, LEVELS, type Manifest, OPERATIONS } from './manifest.ts';

const ID = /^[a-z0-9][a-z0-9._/+-]*$/i;

/**
 * Checks a parsed manifest by the rules of `manifest.schema.json` that a runner relies on, so that
 * a hand-edited manifest fails with the vector and the member at fault, never with a TypeError.
 */
export function checkManifest(value: unknown, origin = 'the manifest'): Manifest {
  const fail = (where: string, problem: string): never => {
    throw new Fault('badRequest', `${origin}: ${problem} at ${where}`, { where });
  };
  if (!isRecord(value)) return fail('', 'expected an object');
  if (value.version !== 1) fail('/version', 'expected version 1');
  if (!Array.isArray(value.vectors)) return fail('/vectors', 'expected an array');
  const seen = new Set<string>();
  value.vectors.forEach((vector: unknown, index: number) => {
    const at = `/vectors/${index}`;
    if (!isRecord(vector)) {
      fail(at, 'expected an object');
      return;
    }
    const { id, kind, mediaType, operation, level, tags, source } = vector;
    if (typeof id !== 'string' || !ID.test(id)) fail(`${at}/id`, 'expected an id of letters, digits and ._/+-');
    if (seen.has(id as string)) fail(`${at}/id`, `the id ${JSON.stringify(id)} is used twice`);
    seen.add(id as string);
    if (!(KINDS as readonly unknown[]).includes(kind)) fail(`${at}/kind`, `expected one of ${KINDS.join(', ')}`);
    if (typeof mediaType !== 'string' || !mediaType.includes('/')) fail(`${at}/mediaType`, 'expected a media type');
    if (!(OPERATIONS as readonly unknown[]).includes(operation)) {
      fail(`${at}/operation`, `expected one of ${OPERATIONS.join(', ')}`);
    }
    if (!(LEVELS as readonly unknown[]).includes(level)) fail(`${at}/level`, `expected one of ${LEVELS.join(', ')}`);
    if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string')) fail(`${at}/tags`, 'expected strings');
    const sourceOk =
      isRecord(source) &&
      ((source.type === 'reference' && typeof source.origin === 'string') ||
        (source.type === 'project' && typeof source.rule === 'string'));
    if (!sourceOk) fail(`${at}/source`, 'expected {type: "reference", origin} or {type: "project", rule}');
    if (vector.document !== undefined && typeof vector.document !== 'string') {
      fail(`${at}/document`, 'expected a path');
    }
    const hasDocument = typeof vector.document === 'string';
    const hasValue = Object.hasOwn(vector, 'value');
    switch (operation) {
      case 'decode':
      case 'encode':
        if (!hasDocument || !hasValue) fail(at, `a ${operation} vector needs a document and a value`);
        break;
      case 'round-trip':
        if (!hasDocument) fail(at, 'a round-trip vector needs a document');
        break;
      case 'refuse': {
        if (hasDocument === hasValue) fail(at, 'a refuse vector needs a document (decode) or a value (encode)');
        const fault = vector.fault;
        if (!isRecord(fault) || !isFaultName(fault.name)) fail(`${at}/fault`, 'expected {name: a fault name}');
        else if (fault.where !== undefined && typeof fault.where !== 'string')
          fail(`${at}/fault/where`, 'expected text');
        break;
      }
      case 'cross-format': {
        const pair = vector.pair;
        if (
          !hasDocument ||
          !isRecord(pair) ||
          typeof pair.document !== 'string' ||
          typeof pair.mediaType !== 'string'
        ) {
          fail(at, 'a cross-format vector needs a document and a pair {mediaType, document}');
        }
        const exception = vector.exception;
        if (
          exception !== undefined &&
          !(
            isRecord(exception) &&
            typeof exception.name === 'string' &&
            typeof exception.reason === 'string' &&
            Array.isArray(exception.differences) &&
            exception.differences.every(
              (d: unknown) => isRecord(d) && typeof d.pointer === 'string' && isRecord(d.values),
            )
          )
        ) {
          fail(`${at}/exception`, 'expected {name, reason, differences: [{pointer, values}]}');
        }
        break;
      }
    }
    if (vector.options !== undefined) {
      const options = vector.options;
      const ok =
        isRecord(options) &&
        (options.strict === undefined || typeof options.strict === 'boolean') &&
        (options.maxBytes === undefined || (Number.isSafeInteger(options.maxBytes) && Number(options.maxBytes) >= 0));
      if (!ok) fail(`${at}/options`, 'expected {strict?: boolean, maxBytes?: integer >= 0}');
    }
  });
  return value as unknown as Manifest;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
