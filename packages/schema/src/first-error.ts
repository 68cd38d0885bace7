/**
 * Why a value failed its check: the first problem, found as TypeBox's `Errors(schema, value).First()`
 * finds it (same order, same path, same schema), over the plain JSON Schema data of the resources
 * that scripts/generate-checks.mjs writes. TypeBox's own error iterator weighs about 7 KB gzipped
 * with what it pulls in, more than a codec; this walks only the keywords the canonical schemas use,
 * and the generator refuses a schema with any other, so nothing is silently left unchecked.
 */

/** The JSON Schema keywords the canonical resources use, as plain data. */
export interface PlainSchema {
  readonly type?: string;
  readonly const?: unknown;
  readonly anyOf?: readonly PlainSchema[];
  readonly properties?: { readonly [key: string]: PlainSchema };
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly patternProperties?: { readonly [pattern: string]: PlainSchema };
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly items?: PlainSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
}

export type Problem =
  | 'type'
  | 'literal'
  | 'union'
  | 'required'
  | 'additional'
  | 'minProperties'
  | 'maxProperties'
  | 'minItems'
  | 'maxItems'
  | 'minimum'
  | 'maximum'
  | 'minLength'
  | 'maxLength'
  | 'pattern';

export interface SchemaError {
  readonly problem: Problem;
  /** A JSON pointer to the member, `''` for the value itself. */
  readonly path: string;
  /** The schema the problem is about (for `required`, the missing member's). */
  readonly schema: PlainSchema;
}

function escapeKey(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isObjectLike(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function ofType(type: string | undefined, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObjectLike(value);
    default:
      return true;
  }
}

/** The first problem of `value` against `schema`, or undefined when there is none. */
export function firstError(schema: PlainSchema, value: unknown, path = ''): SchemaError | undefined {
  const fail = (problem: Problem, at = path, about = schema): SchemaError => ({ problem, path: at, schema: about });
  if (schema.anyOf !== undefined) {
    return schema.anyOf.some((variant) => firstError(variant, value, path) === undefined) ? undefined : fail('union');
  }
  if (schema.const !== undefined) return value === schema.const ? undefined : fail('literal');
  if (!ofType(schema.type, value)) return fail('type');
  if (schema.patternProperties !== undefined && (value instanceof Date || value instanceof Uint8Array)) {
    return fail('type');
  }
  switch (schema.type) {
    case 'integer': {
      const number = value as number;
      if (schema.maximum !== undefined && !(number <= schema.maximum)) return fail('maximum');
      if (schema.minimum !== undefined && !(number >= schema.minimum)) return fail('minimum');
      return undefined;
    }
    case 'string': {
      const text = value as string;
      if (schema.minLength !== undefined && !(text.length >= schema.minLength)) return fail('minLength');
      if (schema.maxLength !== undefined && !(text.length <= schema.maxLength)) return fail('maxLength');
      if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(text)) return fail('pattern');
      return undefined;
    }
    case 'array': {
      const items = value as unknown[];
      if (schema.minItems !== undefined && !(items.length >= schema.minItems)) return fail('minItems');
      if (schema.maxItems !== undefined && !(items.length <= schema.maxItems)) return fail('maxItems');
      for (let i = 0; i < items.length; i++) {
        const found = firstError(schema.items!, items[i], `${path}/${i}`);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    case 'object':
      return objectError(schema, value as Record<string, unknown>, path, fail);
    default:
      return undefined;
  }
}

function objectError(
  schema: PlainSchema,
  value: Record<string, unknown>,
  path: string,
  fail: (problem: Problem, at?: string, about?: PlainSchema) => SchemaError,
): SchemaError | undefined {
  const names = Object.getOwnPropertyNames(value);
  if (schema.minProperties !== undefined && !(names.length >= schema.minProperties)) return fail('minProperties');
  if (schema.maxProperties !== undefined && !(names.length <= schema.maxProperties)) return fail('maxProperties');
  if (schema.patternProperties !== undefined) {
    const [pattern, member] = Object.entries(schema.patternProperties)[0]!;
    const regex = new RegExp(pattern);
    const entries = Object.entries(value);
    for (const [key, item] of entries) {
      if (!regex.test(key)) continue;
      const found = firstError(member, item, `${path}/${escapeKey(key)}`);
      if (found !== undefined) return found;
    }
    if (schema.additionalProperties === false) {
      const stray = entries.find(([key]) => !regex.test(key));
      if (stray !== undefined) return fail('additional', `${path}/${escapeKey(stray[0])}`);
    }
    return undefined;
  }
  const properties = schema.properties ?? {};
  const known = Object.getOwnPropertyNames(properties);
  const required = schema.required ?? [];
  const missing = required.find((key) => !names.includes(key));
  if (missing !== undefined) return fail('required', `${path}/${escapeKey(missing)}`, properties[missing]);
  if (schema.additionalProperties === false) {
    const stray = names.find((key) => !known.includes(key));
    if (stray !== undefined) return fail('additional', `${path}/${escapeKey(stray)}`);
  }
  for (const key of known) {
    if (!required.includes(key) && value[key] === undefined) continue;
    const found = firstError(properties[key]!, value[key], `${path}/${escapeKey(key)}`);
    if (found !== undefined) return found;
  }
  return undefined;
}
