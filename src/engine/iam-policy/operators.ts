/**
 * The condition operators, each as a positive test of one request value against one
 * policy value, plus whether the operator is the negation of that test
 * (StringNotEquals is "not StringEquals"). Set qualifiers, IfExists and missing keys are
 * handled in conditions.ts.
 */
import { scalarText, type ContextScalar } from './context.js';
import { inCidr } from './ip.js';
import { matchesArnParts } from './match.js';
import { partsText, patternFor, type PatternPart } from './wildcard.js';

export interface OperatorSpec {
  negated: boolean;
  test(requestValue: ContextScalar, policyValue: readonly PatternPart[]): boolean;
}

const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

function toNumber(value: ContextScalar | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || !NUMBER.test(value)) return undefined;
  return Number(value);
}

/** Dates as AWS reads them: ISO-8601 text, or whole seconds since the epoch. */
function toEpochMs(value: ContextScalar | string): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value * 1000;
  if (typeof value !== 'string') return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

type Compare = (a: number, b: number) => boolean;

function numeric(compare: Compare): OperatorSpec['test'] {
  return (requestValue, policyValue) => {
    const a = toNumber(requestValue);
    const b = toNumber(partsText(policyValue));
    return a !== undefined && b !== undefined && compare(a, b);
  };
}

function date(compare: Compare): OperatorSpec['test'] {
  return (requestValue, policyValue) => {
    const a = toEpochMs(requestValue);
    const b = toEpochMs(partsText(policyValue));
    return a !== undefined && b !== undefined && compare(a, b);
  };
}

const eq: Compare = (a, b) => a === b;
const lt: Compare = (a, b) => a < b;
const le: Compare = (a, b) => a <= b;
const gt: Compare = (a, b) => a > b;
const ge: Compare = (a, b) => a >= b;

const stringEquals: OperatorSpec['test'] = (r, p) => scalarText(r) === partsText(p);
const stringEqualsIgnoreCase: OperatorSpec['test'] = (r, p) =>
  scalarText(r).toLowerCase() === partsText(p).toLowerCase();
const stringLike: OperatorSpec['test'] = (r, p) => patternFor(p).test(scalarText(r));
const arnLike: OperatorSpec['test'] = (r, p) => matchesArnParts(p, scalarText(r));
const bool: OperatorSpec['test'] = (r, p) =>
  scalarText(r).toLowerCase() === partsText(p).toLowerCase();
const binaryEquals: OperatorSpec['test'] = (r, p) =>
  Buffer.from(scalarText(r), 'base64').equals(Buffer.from(partsText(p), 'base64'));
const ipAddress: OperatorSpec['test'] = (r, p) => inCidr(scalarText(r), partsText(p));

const positive = (test: OperatorSpec['test']): OperatorSpec => ({ negated: false, test });
const negative = (test: OperatorSpec['test']): OperatorSpec => ({ negated: true, test });

export const OPERATORS: Readonly<Record<string, OperatorSpec>> = {
  StringEquals: positive(stringEquals),
  StringNotEquals: negative(stringEquals),
  StringEqualsIgnoreCase: positive(stringEqualsIgnoreCase),
  StringNotEqualsIgnoreCase: negative(stringEqualsIgnoreCase),
  StringLike: positive(stringLike),
  StringNotLike: negative(stringLike),
  NumericEquals: positive(numeric(eq)),
  NumericNotEquals: negative(numeric(eq)),
  NumericLessThan: positive(numeric(lt)),
  NumericLessThanEquals: positive(numeric(le)),
  NumericGreaterThan: positive(numeric(gt)),
  NumericGreaterThanEquals: positive(numeric(ge)),
  DateEquals: positive(date(eq)),
  DateNotEquals: negative(date(eq)),
  DateLessThan: positive(date(lt)),
  DateLessThanEquals: positive(date(le)),
  DateGreaterThan: positive(date(gt)),
  DateGreaterThanEquals: positive(date(ge)),
  Bool: positive(bool),
  BinaryEquals: positive(binaryEquals),
  IpAddress: positive(ipAddress),
  NotIpAddress: negative(ipAddress),
  // AWS documents ArnEquals and ArnLike as the same test; both take wildcards.
  ArnEquals: positive(arnLike),
  ArnLike: positive(arnLike),
  ArnNotEquals: negative(arnLike),
  ArnNotLike: negative(arnLike),
};
