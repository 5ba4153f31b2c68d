import { describe, expect, it } from 'vitest';
import { parseScheduleExpression } from '../../../src/engine/schedule-expressions/index.js';
import { ms, occurrences } from './helpers.js';

type Case = [expression: string, anchor: string | undefined, from: string, expected: string[]];

describe('rate occurrences: anchor + k × period, k ≥ 1', () => {
  const cases: Case[] = [
    [
      'rate(5 minutes)',
      '2026-11-28T13:02:17Z',
      '2026-11-28T13:02:17Z',
      ['2026-11-28T13:07:17Z', '2026-11-28T13:12:17Z', '2026-11-28T13:17:17Z'],
    ],
    [
      'rate(5 minutes)',
      '2026-11-28T13:02:17Z',
      '2026-11-28T13:07:16.999Z',
      ['2026-11-28T13:07:17Z'],
    ],
    ['rate(5 minutes)', '2026-11-28T13:02:17Z', '2026-11-28T13:07:17Z', ['2026-11-28T13:12:17Z']],
    ['rate(5 minutes)', '2026-11-28T13:02:17Z', '2026-11-28T15:00:00Z', ['2026-11-28T15:02:17Z']],
    // Before the anchor: the first occurrence is one period after it, never the anchor.
    ['rate(5 minutes)', '2026-11-28T13:02:17Z', '2026-11-01T00:00:00Z', ['2026-11-28T13:07:17Z']],
    [
      'rate(1 minute)',
      '2026-11-28T13:00:00Z',
      '2026-11-28T13:00:30Z',
      ['2026-11-28T13:01:00Z', '2026-11-28T13:02:00Z'],
    ],
    [
      'rate(1 hour)',
      '2026-11-28T13:00:00Z',
      '2026-11-28T13:00:00Z',
      ['2026-11-28T14:00:00Z', '2026-11-28T15:00:00Z'],
    ],
    [
      'rate(12 hours)',
      '2026-11-28T13:00:00Z',
      '2026-11-28T13:00:00Z',
      ['2026-11-29T01:00:00Z', '2026-11-29T13:00:00Z'],
    ],
    [
      'rate(1 day)',
      '2026-11-28T02:20:00Z',
      '2026-11-28T02:20:00Z',
      ['2026-11-29T02:20:00Z', '2026-11-30T02:20:00Z'],
    ],
    [
      'rate(7 days)',
      '2026-11-28T02:20:00Z',
      '2026-11-28T02:20:00Z',
      ['2026-12-05T02:20:00Z', '2026-12-12T02:20:00Z'],
    ],
    // Without an anchor rates count from the epoch.
    ['rate(1 hour)', undefined, '2026-11-28T13:10:00Z', ['2026-11-28T14:00:00Z']],
    [
      'rate(7 minutes)',
      undefined,
      '1970-01-01T00:00:00Z',
      ['1970-01-01T00:07:00Z', '1970-01-01T00:14:00Z'],
    ],
  ];
  it.each(cases)('%s anchored at %s, after %s', (expression, anchor, from, expected) => {
    const options = anchor === undefined ? {} : { anchorMs: ms(anchor) };
    expect(occurrences(expression, from, expected.length, options)).toEqual(expected);
  });

  it('makes rate(1 day) exactly 24 hours across a daylight-saving change, whatever the zone', () => {
    expect(
      occurrences('rate(1 day)', '2024-03-09T14:00:00Z', 3, {
        anchorMs: ms('2024-03-09T14:00:00Z'),
        timeZone: 'America/New_York',
      }),
    ).toEqual(['2024-03-10T14:00:00Z', '2024-03-11T14:00:00Z', '2024-03-12T14:00:00Z']);
    expect(
      occurrences('rate(2 days)', '2024-11-02T12:00:00Z', 2, {
        anchorMs: ms('2024-11-02T12:00:00Z'),
        timeZone: 'America/New_York',
      }),
    ).toEqual(['2024-11-04T12:00:00Z', '2024-11-06T12:00:00Z']);
  });

  it('takes the largest value AWS accepts', () => {
    const anchorMs = ms('2026-01-01T00:00:00Z');
    const parsed = parseScheduleExpression('rate(2147483647 minutes)');
    expect(parsed.nextAfter(anchorMs, { anchorMs })).toBe(anchorMs + 2_147_483_647 * 60_000);
  });

  it('has no next occurrence after a non-finite instant', () => {
    expect(parseScheduleExpression('rate(1 minute)').nextAfter(Number.NaN)).toBeUndefined();
  });

  it('walks ten thousand periods without drift', () => {
    const parsed = parseScheduleExpression('rate(7 minutes)');
    const anchorMs = ms('2026-11-28T13:02:17.123Z');
    let t = anchorMs;
    for (let k = 1; k <= 10_000; k++) {
      t = parsed.nextAfter(t, { anchorMs }) ?? Number.NaN;
      expect(t).toBe(anchorMs + k * 7 * 60_000);
    }
  });
});
