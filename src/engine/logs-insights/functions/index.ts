import { DATE_TEXT_FUNCTIONS } from './date-text.js';
import { DATETIME_FUNCTIONS } from './datetime.js';
import { GENERAL_FUNCTIONS } from './general.js';
import { IP_FUNCTIONS } from './ip.js';
import { NUMBER_FUNCTIONS } from './number.js';
import { STRING_FUNCTIONS } from './string.js';
import type { ScalarFunction } from './types.js';

export type { FunctionCall, ScalarFunction } from './types.js';

const SCALAR: Record<string, ScalarFunction> = {
  ...NUMBER_FUNCTIONS,
  ...STRING_FUNCTIONS,
  ...DATETIME_FUNCTIONS,
  ...DATE_TEXT_FUNCTIONS,
  ...GENERAL_FUNCTIONS,
  ...IP_FUNCTIONS,
};

/** The `stats` functions (aggregation and non-aggregation ones). */
export const AGGREGATE_NAMES = new Set([
  'count',
  'count_distinct',
  'sum',
  'avg',
  'min',
  'max',
  'pct',
  'stddev',
  'earliest',
  'latest',
  'sortsfirst',
  'sortslast',
]);

/**
 * Documented functions teiki does not evaluate yet: refused by name, so a query never
 * silently means something else.
 */
const NOT_IMPLEMENTED = new Set([
  'histogram',
  'rate',
  'count_over_time',
  'sum_over_time',
  'offset',
  'values',
  'sha1',
  'sha512',
]);

export function scalarFunction(name: string): ScalarFunction | undefined {
  return Object.hasOwn(SCALAR, name) ? SCALAR[name] : undefined;
}

export function isKnownButNotImplemented(name: string): boolean {
  return NOT_IMPLEMENTED.has(name);
}
