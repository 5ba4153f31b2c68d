import { describe, expect, it } from 'vitest';
import {
  eventTimeMemo,
  isoTimeMemo,
  parseTimeMemo,
  rememberLast,
} from '../../src/engine/clock/iso-time.js';

describe('iso-time memos', () => {
  it.each([
    [0, '1970-01-01T00:00:00.000Z', '1970-01-01T00:00:00Z'],
    [1767225720000, '2026-01-01T00:02:00.000Z', '2026-01-01T00:02:00Z'],
    [1767225720123, '2026-01-01T00:02:00.123Z', '2026-01-01T00:02:00Z'],
    [-1, '1969-12-31T23:59:59.999Z', '1969-12-31T23:59:59Z'],
  ])('formats %s as Date does, again and after another time', (ms, iso, eventTime) => {
    const toIso = isoTimeMemo();
    const toEventTime = eventTimeMemo();
    const parse = parseTimeMemo();
    for (const round of [1, 2]) {
      expect(toIso(ms), `round ${round}`).toBe(iso);
      expect(toEventTime(ms)).toBe(eventTime);
      expect(parse(iso)).toBe(ms);
      expect(toIso(ms + 1000)).toBe(new Date(ms + 1000).toISOString());
      expect(parse(new Date(ms + 1000).toISOString())).toBe(ms + 1000);
    }
  });

  it('throws for NaN each time, as toISOString does, and parses garbage to NaN', () => {
    const toIso = isoTimeMemo();
    expect(() => toIso(Number.NaN)).toThrow(RangeError);
    expect(() => toIso(Number.NaN)).toThrow(RangeError);
    const parse = parseTimeMemo();
    expect(parse('not a time')).toBeNaN();
    expect(parse('not a time')).toBeNaN();
  });

  it('calls through only when the argument changes', () => {
    const calls: number[] = [];
    const double = rememberLast((n: number) => {
      calls.push(n);
      return n * 2;
    });
    expect([1, 1, 2, 2, 1].map(double)).toEqual([2, 2, 4, 4, 2]);
    expect(calls).toEqual([1, 2, 1]);
  });
});
