import { Fault } from '@openstack-image/faults';
import { type Body, bodyText, type DecodeOptions, LIMITS } from '@openstack-image/schema';
import { locateJsonSyntaxError } from './json-syntax-error.ts';
import { assertTextNestingWithin } from './nesting-depth.ts';

/** A JSON object as `JSON.parse` makes it: prototype keys are own data properties. */
export type JsonObject = Record<string, unknown>;

/** True for a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The document of a body: `maxBytes`, UTF-8 and the byte-order mark as `bodyText` rules, then
 * the engine's own parser (the fastest there is); a syntax error becomes a `badRequest` naming
 * the line and column, found the same way on every engine.
 */
export function parseJson(body: Body, options: DecodeOptions | undefined): unknown {
  const text = bodyText(body, options);
  assertTextNestingWithin(text, LIMITS.maxDepth);
  try {
    return JSON.parse(text);
  } catch (error) {
    const found = locateJsonSyntaxError(text);
    if (found !== undefined) {
      const where = `line ${found.line}, column ${found.column}`;
      throw new Fault('badRequest', `The body is not valid JSON: ${found.problem} at ${where}`, { where });
    }
    // Valid JSON the engine could not build: a parser that recurses ran out of stack (the
    // decoders refuse what nests deeper than LIMITS.maxDepth anyway), or the text is too large.
    const deep = locateJsonSyntaxError(text, LIMITS.maxDepth);
    const where = deep === undefined ? '/' : `line ${deep.line}, column ${deep.column}`;
    const why =
      deep === undefined
        ? 'The body could not be read as JSON: it is too large'
        : `The document nests deeper than ${LIMITS.maxDepth} levels`;
    throw new Fault('badRequest', `${why} at ${where}`, { where, cause: error });
  }
}

/** The document's top level, which every resource body has as an object. */
export function documentObject(document: unknown, member: string): JsonObject {
  if (isJsonObject(document)) return document;
  const found = document === null ? 'null' : Array.isArray(document) ? 'an array' : `a ${typeof document}`;
  throw new Fault('badRequest', `The body must be a JSON object holding "${member}", not ${found}, at /`, {
    where: '/',
  });
}
