/** General functions, JSON functions and hashes. */
import { createHash } from 'node:crypto';
import type { Evaluator } from '../exec/context.js';
import { MAX_CASE_BRANCHES } from '../limits.js';
import { type Value, fromJson, isStructure, isTruthy, toText } from '../values.js';
import { readsAsNumber } from './number.js';
import { type ScalarFunction, simple } from './types.js';

function parseJsonStructure(v: Value): Value {
  if (isStructure(v)) return v;
  const s = toText(v);
  if (s === null) return null;
  const t = s.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return null;
  try {
    const parsed: unknown = JSON.parse(t);
    return typeof parsed === 'object' && parsed !== null ? fromJson(parsed) : null;
  } catch {
    return null;
  }
}

function hash(algorithm: string): ScalarFunction {
  return simple(1, 1, ([v]) => {
    const s = toText(v ?? null);
    return s === null ? null : createHash(algorithm).update(s, 'utf8').digest('hex');
  });
}

export const GENERAL_FUNCTIONS: Record<string, ScalarFunction> = {
  ispresent: simple(1, 1, ([v]) => v !== null && v !== undefined),
  coalesce: simple(1, Infinity, (values) => values.find((v) => v !== null) ?? null),
  case: {
    min: 2,
    max: 2 * MAX_CASE_BRANCHES + 1,
    make: ({ args }) => {
      const pairs: [Evaluator, Evaluator][] = [];
      for (let i = 0; i + 1 < args.length; i += 2) pairs.push([args[i]!, args[i + 1]!]);
      const otherwise = args.length % 2 === 1 ? args.at(-1)! : undefined;
      return (row) => {
        for (const [cond, value] of pairs) if (isTruthy(cond(row))) return value(row);
        return otherwise ? otherwise(row) : null;
      };
    },
  },
  if: {
    min: 3,
    max: 3,
    make: ({ args }) => {
      const [cond, yes, no] = args as [Evaluator, Evaluator, Evaluator];
      return (row) => (isTruthy(cond(row)) ? yes(row) : no(row));
    },
  },
  isnumeric: simple(1, 1, ([v]) => readsAsNumber(v ?? null)),
  messagesize: simple(1, 1, ([v]) => {
    const s = toText(v ?? null);
    return s === null ? null : Buffer.byteLength(s, 'utf8');
  }),
  querystarttime: {
    min: 0,
    max: 0,
    make:
      ({ ctx }) =>
      () =>
        ctx.window.startTime,
  },
  queryendtime: {
    min: 0,
    max: 0,
    make:
      ({ ctx }) =>
      () =>
        ctx.window.endTime,
  },
  querytimerange: {
    min: 0,
    max: 0,
    make:
      ({ ctx }) =>
      () =>
        ctx.window.endTime - ctx.window.startTime,
  },
  jsonparse: simple(1, 1, ([v]) => parseJsonStructure(v ?? null)),
  jsonstringify: simple(1, 1, ([v]) => (isStructure(v ?? null) ? JSON.stringify(v) : null)),
  jsonarraysize: simple(1, 1, ([v]) => {
    const parsed = parseJsonStructure(v ?? null);
    return Array.isArray(parsed) ? parsed.length : null;
  }),
  jsonarraycontains: simple(2, 2, ([v, needle]) => {
    const parsed = parseJsonStructure(v ?? null);
    const want = toText(needle ?? null);
    if (!Array.isArray(parsed) || want === null) return false;
    return parsed.some(
      (item) =>
        (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') &&
        String(item) === want,
    );
  }),
  md5: hash('md5'),
  sha256: hash('sha256'),
};
