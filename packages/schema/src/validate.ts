import { Fault } from '@openstack-image/faults';
import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { type ValueError, ValueErrorType } from '@sinclair/typebox/errors';
import { Value } from '@sinclair/typebox/value';
import { LIMITS } from './limits.ts';
import { type ResourceName, Schemas } from './resources.ts';

interface Checker {
  check(value: unknown): boolean;
  firstError(value: unknown): ValueError | undefined;
}

function compile(schema: TSchema): Checker {
  try {
    const compiled = TypeCompiler.Compile(schema);
    return { check: (value) => compiled.Check(value), firstError: (value) => compiled.Errors(value).First() };
  } catch {
    // Runtimes that forbid code generation (Content-Security-Policy, some edge workers) get the
    // interpreting checker: slower, same answers.
    return { check: (value) => Value.Check(schema, value), firstError: (value) => Value.Errors(schema, value).First() };
  }
}

const checkers = new Map<ResourceName, Checker>();

/** The checker of a resource, compiled on first use and kept. */
function checker(name: ResourceName): Checker {
  let found = checkers.get(name);
  if (found === undefined) {
    found = compile(Schemas[name]);
    checkers.set(name, found);
  }
  return found;
}

/** True when `value` is a valid canonical `name` resource. */
export function isValid<N extends ResourceName>(name: N, value: unknown): value is Static<(typeof Schemas)[N]> {
  return checker(name).check(value);
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
  const found = checker(name);
  if (found.check(value)) return;
  const error = found.firstError(value);
  const where = `${pointerPrefix}${error?.path ?? ''}` || '/';
  throw new Fault('badRequest', `${describeError(error)} at ${where}`, { where });
}

/** A sentence a person can act on, from TypeBox's error. */
function describeError(error: ValueError | undefined): string {
  if (error === undefined) return 'the value is invalid';
  const name = nameOf(error.path);
  const schema = error.schema as { minimum?: number; maximum?: number; minLength?: number };
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return `${name} is required`;
    case ValueErrorType.ObjectAdditionalProperties:
      return (error.schema as { patternProperties?: unknown }).patternProperties
        ? `metadata key ${JSON.stringify(lastToken(error.path))} must be 1 to ${LIMITS.metaKeyMaxLength} characters long`
        : `${name} is not a member of this resource`;
    case ValueErrorType.Integer:
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.IntegerMaximum: {
      const range =
        schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER
          ? `from ${schema.minimum ?? 0} to ${schema.maximum}`
          : `>= ${schema.minimum ?? 0}`;
      return `${name} must be an integer ${range}`;
    }
    case ValueErrorType.String:
    case ValueErrorType.StringMinLength:
      return `${name} must be ${schema.minLength ? 'a non-empty string' : 'a string'}`;
    case ValueErrorType.Object:
    case ValueErrorType.Array:
    case ValueErrorType.Union:
      return `${name} must be ${expected(error.schema)}`;
    case ValueErrorType.ArrayMinItems:
      return `${name} must not be empty`;
    case ValueErrorType.ObjectMinProperties:
    case ValueErrorType.ObjectMaxProperties:
      return `${name} must hold exactly one item`;
    default:
      return `${name}: ${error.message.replace(/^Expected /, 'expected ')}`;
  }
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
function expected(schema: TSchema): string {
  const variants = (schema as { anyOf?: TSchema[] }).anyOf;
  if (variants) return variants.map(expected).join(' or ');
  const { const: literal, type } = schema as { const?: unknown; type?: string };
  if (literal !== undefined) return JSON.stringify(literal);
  if (type === 'null') return 'null';
  if (type === 'integer' || type === 'object' || type === 'array') return `an ${type}`;
  return `a ${type ?? 'value'}`;
}

function decodePointerToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}
