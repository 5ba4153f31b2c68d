/**
 * cron and at in IANA time zones, with EventBridge Scheduler's daylight-saving rules: a
 * wall-clock time that does not exist is skipped, one that happens twice runs once, at
 * its first instant.
 */
import { describe, expect, it } from 'vitest';
import {
  ScheduleExpressionError,
  isValidTimeZone,
  parseScheduleExpression,
} from '../../../src/engine/schedule-expressions/index.js';
import { ms, occurrences } from './helpers.js';

type Case = [expression: string, timeZone: string, from: string, expected: string[]];

describe('America/New_York (2024: spring forward 10 March, fall back 3 November)', () => {
  const cases: Case[] = [
    // 02:30 does not exist on 10 March.
    [
      'cron(30 2 * * ? *)',
      'America/New_York',
      '2024-03-09T00:00:00Z',
      ['2024-03-09T07:30:00Z', '2024-03-11T06:30:00Z'],
    ],
    ['cron(0 2 * * ? *)', 'America/New_York', '2024-03-09T12:00:00Z', ['2024-03-11T06:00:00Z']],
    [
      'cron(59 1 * * ? *)',
      'America/New_York',
      '2024-03-09T12:00:00Z',
      ['2024-03-10T06:59:00Z', '2024-03-11T05:59:00Z'],
    ],
    [
      'cron(0 3 * * ? *)',
      'America/New_York',
      '2024-03-09T12:00:00Z',
      ['2024-03-10T07:00:00Z', '2024-03-11T07:00:00Z'],
    ],
    [
      'cron(*/30 * * * ? *)',
      'America/New_York',
      '2024-03-10T06:00:00Z',
      ['2024-03-10T06:30:00Z', '2024-03-10T07:00:00Z', '2024-03-10T07:30:00Z'],
    ],
    [
      'cron(* 2 * * ? *)',
      'America/New_York',
      '2024-03-09T12:00:00Z',
      ['2024-03-11T06:00:00Z', '2024-03-11T06:01:00Z'],
    ],
    // 01:00-01:59 happens twice on 3 November: the first (EDT) runs, the repeat (EST) does not.
    [
      'cron(30 1 * * ? *)',
      'America/New_York',
      '2024-11-02T12:00:00Z',
      ['2024-11-03T05:30:00Z', '2024-11-04T06:30:00Z'],
    ],
    [
      'cron(*/30 * * * ? *)',
      'America/New_York',
      '2024-11-03T04:00:00Z',
      [
        '2024-11-03T04:30:00Z',
        '2024-11-03T05:00:00Z',
        '2024-11-03T05:30:00Z',
        '2024-11-03T07:00:00Z',
        '2024-11-03T07:30:00Z',
      ],
    ],
    // Asked from inside the first pass or the repeat.
    [
      'cron(*/30 * * * ? *)',
      'America/New_York',
      '2024-11-03T05:10:00Z',
      ['2024-11-03T05:30:00Z', '2024-11-03T07:00:00Z'],
    ],
    ['cron(*/30 * * * ? *)', 'America/New_York', '2024-11-03T06:10:00Z', ['2024-11-03T07:00:00Z']],
    ['cron(0 1 * * ? *)', 'America/New_York', '2024-11-03T05:00:00Z', ['2024-11-04T06:00:00Z']],
    [
      'cron(* 1 * * ? *)',
      'America/New_York',
      '2024-11-03T05:58:00Z',
      ['2024-11-03T05:59:00Z', '2024-11-04T06:00:00Z'],
    ],
    [
      'cron(0 2 * * ? *)',
      'America/New_York',
      '2024-11-02T12:00:00Z',
      ['2024-11-03T07:00:00Z', '2024-11-04T07:00:00Z'],
    ],
    // A daily 09:00 keeps local time across both changes.
    [
      'cron(0 9 * * ? *)',
      'America/New_York',
      '2024-03-08T00:00:00Z',
      [
        '2024-03-08T14:00:00Z',
        '2024-03-09T14:00:00Z',
        '2024-03-10T13:00:00Z',
        '2024-03-11T13:00:00Z',
      ],
    ],
    [
      'cron(0 9 ? * MON *)',
      'America/New_York',
      '2024-10-27T00:00:00Z',
      ['2024-10-28T13:00:00Z', '2024-11-04T14:00:00Z'],
    ],
  ];
  it.each(cases)('%s in %s after %s', (expression, timeZone, from, expected) => {
    expect(occurrences(expression, from, expected.length, { timeZone })).toEqual(expected);
  });

  it('never again runs at 02:30 on the second Sunday of March once that became the change (2007)', () => {
    expect(
      occurrences('cron(30 2 ? 3 1#2 *)', '2006-01-01T00:00:00Z', 3, {
        timeZone: 'America/New_York',
      }),
    ).toEqual(['2006-03-12T07:30:00Z']);
  });
});

describe('Europe/London (2024: 31 March, 27 October)', () => {
  const cases: Case[] = [
    [
      'cron(30 1 * * ? *)',
      'Europe/London',
      '2024-03-30T00:00:00Z',
      ['2024-03-30T01:30:00Z', '2024-04-01T00:30:00Z'],
    ],
    [
      'cron(30 1 * * ? *)',
      'Europe/London',
      '2024-10-26T12:00:00Z',
      ['2024-10-27T00:30:00Z', '2024-10-28T01:30:00Z'],
    ],
    [
      'cron(0 * * * ? *)',
      'Europe/London',
      '2024-10-26T23:30:00Z',
      ['2024-10-27T00:00:00Z', '2024-10-27T02:00:00Z', '2024-10-27T03:00:00Z'],
    ],
    [
      'cron(0 * * * ? *)',
      'Europe/London',
      '2024-03-30T23:30:00Z',
      ['2024-03-31T00:00:00Z', '2024-03-31T01:00:00Z', '2024-03-31T02:00:00Z'],
    ],
    ['cron(0 12 * * ? *)', 'Europe/London', '2024-06-30T00:00:00Z', ['2024-06-30T11:00:00Z']],
    ['cron(0 12 * * ? *)', 'Europe/London', '2024-12-30T00:00:00Z', ['2024-12-30T12:00:00Z']],
  ];
  it.each(cases)('%s in %s after %s', (expression, timeZone, from, expected) => {
    expect(occurrences(expression, from, expected.length, { timeZone })).toEqual(expected);
  });
});

describe('Australia/Lord_Howe (a 30-minute shift: 02:00-02:29 skipped 6 October 2024, 01:30-01:59 repeated 7 April 2024)', () => {
  const cases: Case[] = [
    [
      'cron(15 2 * * ? *)',
      'Australia/Lord_Howe',
      '2024-10-04T00:00:00Z',
      ['2024-10-04T15:45:00Z', '2024-10-06T15:15:00Z'],
    ],
    ['cron(45 2 * * ? *)', 'Australia/Lord_Howe', '2024-10-05T12:00:00Z', ['2024-10-05T15:45:00Z']],
    [
      'cron(0,30 * * * ? *)',
      'Australia/Lord_Howe',
      '2024-10-05T14:45:00Z',
      ['2024-10-05T15:00:00Z', '2024-10-05T15:30:00Z', '2024-10-05T16:00:00Z'],
    ],
    [
      'cron(45 1 * * ? *)',
      'Australia/Lord_Howe',
      '2024-04-06T00:00:00Z',
      ['2024-04-06T14:45:00Z', '2024-04-07T15:15:00Z'],
    ],
    [
      'cron(0,30 * * * ? *)',
      'Australia/Lord_Howe',
      '2024-04-06T14:00:00Z',
      ['2024-04-06T14:30:00Z', '2024-04-06T15:30:00Z', '2024-04-06T16:00:00Z'],
    ],
    [
      'cron(15 1 * * ? *)',
      'Australia/Lord_Howe',
      '2024-04-06T00:00:00Z',
      ['2024-04-06T14:15:00Z', '2024-04-07T14:45:00Z'],
    ],
  ];
  it.each(cases)('%s in %s after %s', (expression, timeZone, from, expected) => {
    expect(occurrences(expression, from, expected.length, { timeZone })).toEqual(expected);
  });
});

describe('zones without daylight saving, and odd offsets', () => {
  const cases: Case[] = [
    // The seed's job at 11:20 in Tokyo is 02:20 UTC.
    [
      'cron(20 11 * * ? *)',
      'Asia/Tokyo',
      '2026-11-28T13:00:00Z',
      ['2026-11-29T02:20:00Z', '2026-11-30T02:20:00Z'],
    ],
    ['cron(20 11 * * ? *)', 'Asia/Tokyo', '2026-11-29T02:19:59Z', ['2026-11-29T02:20:00Z']],
    ['cron(20 11 * * ? *)', 'Asia/Tokyo', '2026-11-29T02:20:00Z', ['2026-11-30T02:20:00Z']],
    // Local Monday 08:00 is Sunday 23:00 UTC; local day 1 is the UTC eve.
    [
      'cron(0 8 ? * MON *)',
      'Asia/Tokyo',
      '2026-11-28T00:00:00Z',
      ['2026-11-29T23:00:00Z', '2026-12-06T23:00:00Z'],
    ],
    [
      'cron(0 0 1 * ? *)',
      'Asia/Tokyo',
      '2026-11-28T00:00:00Z',
      ['2026-11-30T15:00:00Z', '2026-12-31T15:00:00Z'],
    ],
    [
      'cron(0 0 L * ? *)',
      'Asia/Tokyo',
      '2026-11-28T00:00:00Z',
      ['2026-11-29T15:00:00Z', '2026-12-30T15:00:00Z'],
    ],
    ['cron(0 0 * * ? *)', 'Asia/Kathmandu', '2026-11-28T00:00:00Z', ['2026-11-28T18:15:00Z']],
    ['cron(0 9 * * ? *)', 'Asia/Kolkata', '2026-11-28T00:00:00Z', ['2026-11-28T03:30:00Z']],
    ['cron(0 9 * * ? *)', 'Pacific/Chatham', '2026-06-28T00:00:00Z', ['2026-06-28T20:15:00Z']],
    ['cron(0 0 * * ? *)', 'Pacific/Kiritimati', '2026-11-28T00:00:00Z', ['2026-11-28T10:00:00Z']],
    ['cron(0 0 * * ? *)', 'Pacific/Pago_Pago', '2026-11-28T00:00:00Z', ['2026-11-28T11:00:00Z']],
    // Samoa skipped 30 December 2011 entirely, moving across the date line.
    [
      'cron(0 12 * 12 ? 2011)',
      'Pacific/Apia',
      '2011-12-28T00:00:00Z',
      ['2011-12-28T22:00:00Z', '2011-12-29T22:00:00Z', '2011-12-30T22:00:00Z'],
    ],
    ['cron(0 12 30 12 ? 2011)', 'Pacific/Apia', '2011-01-01T00:00:00Z', []],
    // UTC by its other names.
    ['cron(20 2 * * ? *)', 'UTC', '2026-11-28T13:00:00Z', ['2026-11-29T02:20:00Z']],
    ['cron(20 2 * * ? *)', 'Etc/UTC', '2026-11-28T13:00:00Z', ['2026-11-29T02:20:00Z']],
    ['cron(20 2 * * ? *)', 'GMT', '2026-11-28T13:00:00Z', ['2026-11-29T02:20:00Z']],
    ['cron(20 11 * * ? *)', 'Etc/GMT-9', '2026-11-28T13:00:00Z', ['2026-11-29T02:20:00Z']],
    // The years bound local time: 2199 ends in Tokyo nine hours before UTC.
    ['cron(59 23 31 12 ? 2199)', 'Asia/Tokyo', '2199-06-01T00:00:00Z', ['2199-12-31T14:59:00Z']],
    ['cron(0 0 1 1 ? 1970)', 'America/New_York', '1969-06-01T00:00:00Z', ['1970-01-01T05:00:00Z']],
  ];
  it.each(cases)('%s in %s after %s', (expression, timeZone, from, expected) => {
    expect(occurrences(expression, from, Math.max(expected.length, 1), { timeZone })).toEqual(
      expected,
    );
  });
});

describe('at(...) in a time zone', () => {
  type AtCase = [
    expression: string,
    timeZone: string | undefined,
    from: string,
    expected: string | undefined,
  ];
  const cases: AtCase[] = [
    ['at(2026-11-28T11:20:00)', 'Asia/Tokyo', '2026-11-28T00:00:00Z', '2026-11-28T02:20:00Z'],
    ['at(2026-11-28T11:20:00)', 'Asia/Tokyo', '2026-11-28T02:19:59.999Z', '2026-11-28T02:20:00Z'],
    ['at(2026-11-28T11:20:00)', 'Asia/Tokyo', '2026-11-28T02:20:00Z', undefined],
    ['at(2026-11-28T11:20:00)', 'Asia/Tokyo', '2030-01-01T00:00:00Z', undefined],
    ['at(2026-11-28T02:20:00)', undefined, '2026-11-28T00:00:00Z', '2026-11-28T02:20:00Z'],
    ['at(2026-11-28T02:20:30)', 'UTC', '2026-11-28T02:20:00Z', '2026-11-28T02:20:30Z'],
    ['at(2026-03-11T10:21:00)', 'Asia/Kolkata', '2026-01-01T00:00:00Z', '2026-03-11T04:51:00Z'],
    // A time that does not exist never comes; a repeated one comes once, the first time.
    ['at(2024-03-10T02:30:00)', 'America/New_York', '2024-01-01T00:00:00Z', undefined],
    ['at(2024-03-10T03:00:00)', 'America/New_York', '2024-01-01T00:00:00Z', '2024-03-10T07:00:00Z'],
    ['at(2024-03-10T01:59:59)', 'America/New_York', '2024-01-01T00:00:00Z', '2024-03-10T06:59:59Z'],
    ['at(2024-11-03T01:30:00)', 'America/New_York', '2024-01-01T00:00:00Z', '2024-11-03T05:30:00Z'],
    ['at(2024-11-03T01:30:00)', 'America/New_York', '2024-11-03T05:30:00Z', undefined],
    ['at(2024-10-06T02:15:00)', 'Australia/Lord_Howe', '2024-01-01T00:00:00Z', undefined],
    [
      'at(2024-04-07T01:45:00)',
      'Australia/Lord_Howe',
      '2024-01-01T00:00:00Z',
      '2024-04-06T14:45:00Z',
    ],
    ['at(2011-12-30T12:00:00)', 'Pacific/Apia', '2011-01-01T00:00:00Z', undefined],
    ['at(1960-06-01T00:00:00)', 'UTC', '1950-01-01T00:00:00Z', '1960-06-01T00:00:00Z'],
  ];
  it.each(cases)('%s in %s after %s', (expression, timeZone, from, expected) => {
    const options = timeZone === undefined ? {} : { timeZone };
    expect(occurrences(expression, from, 1, options)).toEqual(
      expected === undefined ? [] : [expected],
    );
  });
});

describe('time zone names', () => {
  it.each([
    'UTC',
    'Asia/Tokyo',
    'America/New_York',
    'Australia/Lord_Howe',
    'Etc/GMT+5',
    'Europe/London',
  ])('%s is known', (name) => expect(isValidTimeZone(name)).toBe(true));
  it.each(['Mars/Olympus_Mons', 'Asia/Tokio', '', 'UTC+9', 'Tokyo'])('%j is not', (name) =>
    expect(isValidTimeZone(name)).toBe(false),
  );

  it.each(['cron(0 0 * * ? *)', 'at(2026-11-28T02:20:00)'])(
    '%s refuses an unknown zone with ScheduleExpressionError',
    (expression) => {
      const parsed = parseScheduleExpression(expression, { allowAt: true });
      expect(() => parsed.nextAfter(0, { timeZone: 'Mars/Olympus_Mons' })).toThrow(
        new ScheduleExpressionError("'Mars/Olympus_Mons' is not a known time zone"),
      );
    },
  );

  it('walks a year of a daily schedule in New York: one run a day, 366 in all', () => {
    const parsed = parseScheduleExpression('cron(30 1 * * ? *)');
    let t = ms('2024-01-01T12:00:00Z');
    const days = new Set<string>();
    let runs = 0;
    for (;;) {
      const n = parsed.nextAfter(t, { timeZone: 'America/New_York' });
      if (n === undefined || n >= ms('2025-01-01T12:00:00Z')) break;
      expect(n).toBeGreaterThan(t);
      t = n;
      days.add(new Date(t - 5 * 3_600_000).toISOString().slice(0, 10));
      runs++;
    }
    // 2 January 2024 to 1 January 2025: 366 days, none skipped (01:30 always exists).
    expect(runs).toBe(366);
    expect(days.size).toBe(366);
  });
});
