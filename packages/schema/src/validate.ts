import { Fault } from '@openstack-image/faults';
import type { Static } from '@sinclair/typebox';
import { checks, plainSchemas } from './checks.generated.ts';
import { firstError, type PlainSchema, type SchemaError } from './first-error.ts';
import { LIMITS } from './limits.ts';
import type { ResourceName, Schemas } from './resources.generated.ts';

/*
 * The checks are generated at build time (scripts/generate-checks.mjs, TypeBox's TypeCompiler.Code):
 * no compiler in the bundle, no code generated at run time, so they work unchanged under a
 * Content-Security-Policy that forbids eval. Only a value that fails is walked again, to say why.
 */

/** True when `value` is a valid canonical `name` resource. */
export function isValid<N extends ResourceName>(name: N, value: unknown): value is Static<(typeof Schemas)[N]> {
  return checks[name](value);
}

/**
 * Throws a `badRequest` Fault naming the first problem, as a JSON pointer under `pointerPrefix`
 * (e.g. `/image`), when `value` is not a valid canonical `name` resource.
 */
export function assertValid<N extends ResourceName>(
  name: N,
  value: unknown,
  pointerPrefix = '',
): asserts value is Static<(typeof Schemas)[N]> {
  if (checks[name](value)) return;
  throw faultOf(firstError(plainSchemas[name], value), pointerPrefix);
}

/**
 * The `badRequest` Fault `assertValid` throws for `value`, or `undefined` when `value` is valid.
 * It walks the value without the compiled checks (the two give the same answers), so code that has
 * checked a value its own way, as the codecs do, names the problem without bundling the checks.
 */
export function validationFault(name: ResourceName, value: unknown, pointerPrefix = ''): Fault | undefined {
  const error = firstError(plainSchemas[name], value);
  return error === undefined ? undefined : faultOf(error, pointerPrefix);
}

function faultOf(error: SchemaError | undefined, pointerPrefix: string): Fault {
  const where = `${pointerPrefix}${error?.path ?? ''}` || '/';
  return new Fault('badRequest', `${describeError(error)} at ${where}`, { where });
}

/** A sentence a person can act on. */
function describeError(error: SchemaError | undefined): string {
  if (error === undefined) return 'the value is invalid';
  const name = nameOf(error.path);
  const { schema } = error;
  switch (error.problem) {
    case 'required':
      return `${name} is required`;
    case 'additional':
      return schema.patternProperties
        ? `metadata key ${JSON.stringify(lastToken(error.path))} must be 1 to ${LIMITS.metaKeyMaxLength} characters long`
        : `${name} is not a member of this resource`;
    case 'minProperties':
    case 'maxProperties':
      return `${name} must hold exactly one item`;
    case 'minimum':
    case 'maximum':
      return integerExpected(name, schema);
    case 'minLength':
      return stringExpected(name, schema);
    case 'maxLength':
      return `${name}: expected string length less or equal to ${schema.maxLength}`;
    case 'minItems':
      return schema.minItems === 1
        ? `${name} must not be empty`
        : `${name}: expected array length to be greater or equal to ${schema.minItems}`;
    case 'maxItems':
      return `${name}: expected array length to be less or equal to ${schema.maxItems}`;
    case 'pattern':
      return `${name}: expected string to match '${schema.pattern}'`;
    case 'literal':
      return `${name}: expected ${typeof schema.const === 'string' ? `'${schema.const}'` : String(schema.const)}`;
    case 'union':
      return `${name} must be ${expected(schema)}`;
    case 'type':
      if (schema.type === 'integer') return integerExpected(name, schema);
      if (schema.type === 'string') return stringExpected(name, schema);
      if (schema.type === 'null') return `${name}: expected null`;
      return `${name} must be ${expected(schema)}`;
  }
}

function integerExpected(name: string, schema: PlainSchema): string {
  const range =
    schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER
      ? `from ${schema.minimum ?? 0} to ${schema.maximum}`
      : `>= ${schema.minimum ?? 0}`;
  return `${name} must be an integer ${range}`;
}

function stringExpected(name: string, schema: PlainSchema): string {
  return `${name} must be ${schema.minLength ? 'a non-empty string' : 'a string'}`;
}

/** How a message names the member at a pointer: its key, or `element 0 of links` for an array's. */
function nameOf(path: string): string {
  if (path === '') return 'the value';
  const token = lastToken(path);
  if (!/^(0|[1-9][0-9]*)$/.test(token)) return token;
  const parent = path.slice(0, path.lastIndexOf('/'));
  return parent === '' ? `element ${token}` : `element ${token} of ${lastToken(parent)}`;
}

function lastToken(path: string): string {
  return decodePointerToken(path.slice(path.lastIndexOf('/') + 1));
}

/** What a schema accepts, in words: `a string or null`, `"AUTO" or "MANUAL"`. */
function expected(schema: PlainSchema): string {
  const variants = schema.anyOf;
  if (variants) return variants.map(expected).join(' or ');
  const { const: literal, type } = schema;
  if (literal !== undefined) return JSON.stringify(literal);
  if (type === 'null') return 'null';
  if (type === 'integer' || type === 'object' || type === 'array') return `an ${type}`;
  return `a ${type ?? 'value'}`;
}

function decodePointerToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}
