import { expect } from 'vitest';
import {
  type ParseOptions,
  ScheduleExpressionError,
  parseScheduleExpression,
} from '../../../src/engine/schedule-expressions/index.js';

export const ms = (iso: string): number => Date.parse(iso);
export const iso = (t: number | undefined): string | undefined =>
  t === undefined ? undefined : new Date(t).toISOString().replace('.000Z', 'Z');

/** The next `count` occurrences after `from`, as ISO strings (fewer when they run out). */
export function occurrences(
  expression: string,
  from: string,
  count: number,
  options: { timeZone?: string; anchorMs?: number; allowAt?: boolean } = {},
): string[] {
  const parsed = parseScheduleExpression(expression, { allowAt: options.allowAt ?? true });
  const out: string[] = [];
  let t: number | undefined = ms(from);
  for (let i = 0; i < count; i++) {
    t = parsed.nextAfter(t, options);
    if (t === undefined) break;
    out.push(iso(t) ?? '');
  }
  return out;
}

export function next(
  expression: string,
  from: string,
  options: { timeZone?: string; anchorMs?: number } = {},
): string | undefined {
  return iso(parseScheduleExpression(expression, { allowAt: true }).nextAfter(ms(from), options));
}

/** The ScheduleExpressionError parsing `text` throws; fails the test when it parses. */
export function rejection(text: string, options?: ParseOptions): ScheduleExpressionError {
  try {
    parseScheduleExpression(text, options);
  } catch (e) {
    expect(e).toBeInstanceOf(ScheduleExpressionError);
    return e as ScheduleExpressionError;
  }
  expect.fail(`${JSON.stringify(text)} parsed`);
}
