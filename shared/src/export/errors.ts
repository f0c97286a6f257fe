import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { ID_PATTERN } from '../model/ids';

export type ImportErrorKind = 'invalid' | 'too-large';

/**
 * What is wrong with a board file, as a rule a client can put in its person's language (the
 * message itself is English, for logs and the API): `limit` is the number the rule names.
 */
export type ImportRule =
  | 'missing'
  | 'unknown-field'
  | 'wrong-type'
  | 'too-long'
  | 'empty'
  | 'bad-id'
  | 'bad-date'
  | 'out-of-range'
  | 'too-many'
  | 'not-json'
  | 'not-board-file'
  | 'forbidden-key'
  | 'duplicate-id'
  | 'broken-link'
  | 'too-large'
  | 'newer-version'
  | 'invalid';

export interface ImportProblem {
  /** Where in the file: `['cards', 3, 'text']`; empty for the file as a whole. */
  path: readonly (string | number)[];
  rule: ImportRule;
  limit?: number;
}

/** Why a board file cannot be imported: one message naming what is wrong and where. */
export class ImportError extends Error {
  readonly problem: ImportProblem;
  constructor(
    message: string,
    readonly kind: ImportErrorKind = 'invalid',
    problem?: ImportProblem,
  ) {
    super(message);
    this.name = 'ImportError';
    this.problem = problem ?? { path: [], rule: kind === 'too-large' ? 'too-large' : 'invalid' };
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `['cards', 3, 'text']` -> `cards[3].text`; odd keys are quoted: `votes["a b"]`. */
export function formatPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out || 'file';
}

/** A JSON pointer as TypeBox reports it (`/cards/3/text`) as path segments. */
export function pointerSegments(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^(0|[1-9]\d*)$/.test(part) ? Number(part) : part));
}

interface SchemaLike {
  maxLength?: number;
  minLength?: number;
  maximum?: number;
  minimum?: number;
  maxItems?: number;
  maxProperties?: number;
  pattern?: string;
  const?: unknown;
  anyOf?: SchemaLike[];
}

/** What a TypeBox error means, in words a person who edited the file can act on. */
function describe(error: ValueError): string {
  const schema = error.schema as SchemaLike;
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return 'is missing';
    case ValueErrorType.ObjectAdditionalProperties:
      return 'is not a field of a Benchlearn board file';
    case ValueErrorType.String:
      return 'must be a string';
    case ValueErrorType.Number:
      return 'must be a number';
    case ValueErrorType.Integer:
      return 'must be a whole number';
    case ValueErrorType.Boolean:
      return 'must be true or false';
    case ValueErrorType.Object:
      return 'must be an object';
    case ValueErrorType.Array:
      return 'must be a list';
    case ValueErrorType.StringMaxLength:
      return `must be at most ${schema.maxLength} characters`;
    case ValueErrorType.StringMinLength:
      return schema.minLength === 1 ? 'must not be empty' : `must be at least ${schema.minLength} characters`;
    case ValueErrorType.StringPattern:
      if (schema.pattern === ID_PATTERN) return 'must be an id of 21 characters from A-Z, a-z, 0-9, _ and -';
      if (schema.pattern === '\\S') return 'must not be blank';
      if (schema.pattern?.startsWith('^\\d{4}')) return 'must be a date and time in ISO-8601 (2025-01-31T12:00:00.000Z)';
      return `must match ${schema.pattern}`;
    case ValueErrorType.NumberMaximum:
    case ValueErrorType.IntegerMaximum:
      return `must be at most ${schema.maximum}`;
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.IntegerMinimum:
      return `must be at least ${schema.minimum}`;
    case ValueErrorType.ArrayMaxItems:
      return `must have at most ${schema.maxItems} entries`;
    case ValueErrorType.ObjectMaxProperties:
      return `must have at most ${schema.maxProperties} entries`;
    case ValueErrorType.Literal:
      return `must be ${JSON.stringify(schema.const)}`;
    case ValueErrorType.Union: {
      const options = (schema.anyOf ?? []).map((option) => option.const);
      if (options.length > 0 && options.every((option) => typeof option === 'string')) {
        return `must be one of ${options.join(', ')}`;
      }
      return 'has the wrong type';
    }
    default:
      return error.message.charAt(0).toLowerCase() + error.message.slice(1);
  }
}

const TYPE_ERRORS: ReadonlySet<ValueErrorType> = new Set([
  ValueErrorType.String,
  ValueErrorType.Number,
  ValueErrorType.Integer,
  ValueErrorType.Boolean,
  ValueErrorType.Object,
  ValueErrorType.Array,
  ValueErrorType.Literal,
  ValueErrorType.Union,
]);

/** The rule a TypeBox error broke, with the number it names. */
function ruleOf(error: ValueError): Pick<ImportProblem, 'rule' | 'limit'> {
  const schema = error.schema as SchemaLike;
  if (TYPE_ERRORS.has(error.type)) return { rule: 'wrong-type' };
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return { rule: 'missing' };
    case ValueErrorType.ObjectAdditionalProperties:
      return { rule: 'unknown-field' };
    case ValueErrorType.StringMaxLength:
      return { rule: 'too-long', limit: schema.maxLength };
    case ValueErrorType.StringMinLength:
      return { rule: 'empty' };
    case ValueErrorType.StringPattern:
      if (schema.pattern === ID_PATTERN) return { rule: 'bad-id' };
      if (schema.pattern === '\\S') return { rule: 'empty' };
      if (schema.pattern?.startsWith('^\\d{4}')) return { rule: 'bad-date' };
      return { rule: 'invalid' };
    case ValueErrorType.NumberMaximum:
    case ValueErrorType.IntegerMaximum:
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.IntegerMinimum:
      return { rule: 'out-of-range' };
    case ValueErrorType.ArrayMaxItems:
      return { rule: 'too-many', limit: schema.maxItems };
    case ValueErrorType.ObjectMaxProperties:
      return { rule: 'too-many', limit: schema.maxProperties };
    default:
      return { rule: 'invalid' };
  }
}

/** `cards[3].text: must be at most 2000 characters` */
export function describeValueError(error: ValueError): string {
  return `${formatPath(pointerSegments(error.path))}: ${describe(error)}`;
}

/** A TypeBox error as an ImportError: the English message and the rule it broke, where. */
export function valueImportError(error: ValueError): ImportError {
  return new ImportError(describeValueError(error), 'invalid', { path: pointerSegments(error.path), ...ruleOf(error) });
}
