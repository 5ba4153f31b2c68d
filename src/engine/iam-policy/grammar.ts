/**
 * The policy grammar's vocabulary, shared by validation and evaluation: element names,
 * versions, condition operators and how an operator name breaks into its parts.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const VERSION_2012 = '2012-10-17';
export const VERSION_2008 = '2008-10-17';
export const VALID_VERSIONS: readonly string[] = [VERSION_2008, VERSION_2012];

/** `Conditions` is accepted at the top level by AWS's parser (a legacy spelling). */
export const TOP_LEVEL_ELEMENTS: readonly string[] = ['Version', 'Id', 'Statement', 'Conditions'];

export const STATEMENT_ELEMENTS: readonly string[] = [
  'Sid',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Condition',
];

export const BASE_OPERATORS: readonly string[] = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
];

/** Partitions a resource ARN may name (`*` too). */
export const PARTITIONS: readonly string[] = [
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
];

export type SetQualifier = 'ForAnyValue' | 'ForAllValues';

export interface OperatorName {
  qualifier?: SetQualifier;
  ifExists: boolean;
  /** The operator without qualifier and suffix; may be unknown. */
  base: string;
}

/**
 * Splits `ForAnyValue:StringLikeIfExists` into its parts. Only the first prefix and one
 * suffix are removed, as AWS does: `ForAnyValue::StringEquals` leaves `:StringEquals`,
 * which is no operator.
 */
export function splitOperator(name: string): OperatorName {
  let rest = name;
  let qualifier: SetQualifier | undefined;
  for (const q of ['ForAnyValue', 'ForAllValues'] as const) {
    if (rest.startsWith(`${q}:`)) {
      qualifier = q;
      rest = rest.slice(q.length + 1);
      break;
    }
  }
  const ifExists = rest.endsWith('IfExists');
  if (ifExists) rest = rest.slice(0, -'IfExists'.length);
  return qualifier ? { qualifier, ifExists, base: rest } : { ifExists, base: rest };
}

export function isJsonObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses JSON text into a value, or undefined when it is not JSON. */
export function parseJson(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

/** A statement list as AWS reads it: one object or an array of them. */
export function statementList(statement: Json | undefined): Json[] {
  if (Array.isArray(statement)) return statement;
  return statement === undefined ? [] : [statement];
}

/** `Action`, `Resource` and friends: one string or a list of them (nulls skipped). */
export function stringList(value: Json | undefined): string[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === 'string');
}
