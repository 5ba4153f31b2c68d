/**
 * Scheduler's reading of schedule expressions: the engine's grammar, with a rate's unit
 * not held to its number (AWS accepted `rate(2 minute)` for Scheduler), so the engine can
 * evaluate every expression the API stored.
 */
import { describe, expect, it } from 'vitest';
import {
  parseSchedulerExpression,
  requireSchedulerExpression,
} from '../../../src/services/scheduler/expression.js';

const T0 = Date.parse('2026-03-01T00:00:00Z');

describe('parseSchedulerExpression', () => {
  it.each([
    ['rate(2 minute)', 120_000],
    ['rate(2 minutes)', 120_000],
    ['rate(1 minutes)', 60_000],
    ['rate(1 hours)', 3_600_000],
    ['rate(3 day)', 3 * 86_400_000],
  ])('reads %s as every %i ms from its anchor', (text, period) => {
    const expression = parseSchedulerExpression(text);
    expect(expression?.kind).toBe('rate');
    expect(expression?.nextAfter(T0, { anchorMs: T0 })).toBe(T0 + period);
  });

  it('evaluates cron and at in the schedule’s zone', () => {
    const cron = parseSchedulerExpression('cron(20 11 * * ? *)');
    expect(cron?.nextAfter(T0, { timeZone: 'Asia/Tokyo' })).toBe(
      Date.parse('2026-03-01T02:20:00Z'),
    );
    const at = parseSchedulerExpression('at(2026-03-02T09:00:00)');
    expect(at?.nextAfter(T0, { timeZone: 'Asia/Tokyo' })).toBe(Date.parse('2026-03-02T00:00:00Z'));
  });

  it.each(['rate(0 minutes)', 'rate(2 minutez)', 'rate(2  minutes)', 'cron(0 1 * * * *)', ''])(
    'refuses %j',
    (text) => {
      expect(parseSchedulerExpression(text)).toBeUndefined();
      expect(() => requireSchedulerExpression(text)).toThrow(
        `Invalid Schedule Expression ${text}.`,
      );
    },
  );
});
