import { describe, expect, it } from 'vitest';
import {
  asDate,
  formatHttpDate,
  formatIso8601,
  formatIso8601Millis,
  parseEpochSeconds,
  parseHttpDate,
  parseIso8601,
  toEpochSeconds,
} from '../../../src/gateway/protocols/timestamps.js';

describe('ISO 8601', () => {
  it.each([
    ['2026-11-28T10:05:09Z', '2026-11-28T10:05:09.000Z'],
    ['2026-11-28T10:05:09.1Z', '2026-11-28T10:05:09.100Z'],
    ['2026-11-28T10:05:09.123456Z', '2026-11-28T10:05:09.123Z'],
    ['2026-11-28T10:05:09.9999Z', '2026-11-28T10:05:09.999Z'],
    ['2026-11-28t10:05:09z', '2026-11-28T10:05:09.000Z'],
    ['2026-11-28T19:05:09+09:00', '2026-11-28T10:05:09.000Z'],
    ['2026-11-28T05:05:09-0500', '2026-11-28T10:05:09.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['0099-01-01T00:00:00Z', '0099-01-01T00:00:00.000Z'],
  ])('%s → %s', (text, iso) => {
    expect(parseIso8601(text)?.toISOString()).toBe(iso);
  });

  it.each([
    '2026-11-28',
    '2026-11-28T10:05:09',
    '2026-11-28 10:05:09Z',
    '2026-02-30T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-11-28T24:00:00Z',
    '2026-11-28T10:60:00Z',
    '1795860309',
    '',
  ])('rejects %j', (text) => {
    expect(parseIso8601(text)).toBeUndefined();
  });

  it('formats without zero milliseconds (IAM/STS) and always with them (EC2)', () => {
    expect(formatIso8601(new Date('2026-11-28T10:05:09Z'))).toBe('2026-11-28T10:05:09Z');
    expect(formatIso8601(new Date('2026-11-28T10:05:09.5Z'))).toBe('2026-11-28T10:05:09.500Z');
    expect(formatIso8601Millis(new Date('2026-11-28T10:05:09Z'))).toBe('2026-11-28T10:05:09.000Z');
  });
});

describe('epoch seconds', () => {
  it.each([
    ['1795860309', '2026-11-28T10:05:09.000Z'],
    ['1795860309.123', '2026-11-28T10:05:09.123Z'],
    ['0', '1970-01-01T00:00:00.000Z'],
    ['-1', '1969-12-31T23:59:59.000Z'],
    ['1.795860309e9', '2026-11-28T10:05:09.000Z'],
  ])('%s → %s', (text, iso) => {
    expect(parseEpochSeconds(text)?.toISOString()).toBe(iso);
  });

  it.each(['', 'abc', '1,5', '2026-11-28T10:05:09Z', 'Infinity', '1e400'])('rejects %j', (text) => {
    expect(parseEpochSeconds(text)).toBeUndefined();
  });

  it('writes fractional seconds', () => {
    expect(toEpochSeconds(new Date('2026-11-28T10:05:09.123Z'))).toBe(1795860309.123);
  });
});

describe('HTTP dates', () => {
  it.each([
    ['Sat, 28 Nov 2026 10:05:09 GMT', '2026-11-28T10:05:09.000Z'],
    ['Saturday, 28-Nov-26 10:05:09 GMT', '2026-11-28T10:05:09.000Z'],
  ])('%s → %s', (text, iso) => {
    expect(parseHttpDate(text)?.toISOString()).toBe(iso);
  });

  it.each(['2026-11-28T10:05:09Z', '1795860309', 'Sat, 99 Nov 2026 10:05:09 GMT'])(
    'rejects %j',
    (text) => {
      expect(parseHttpDate(text)).toBeUndefined();
    },
  );

  it('formats IMF-fixdate', () => {
    expect(formatHttpDate(new Date('2026-11-28T10:05:09.999Z'))).toBe(
      'Sat, 28 Nov 2026 10:05:09 GMT',
    );
  });
});

describe('asDate', () => {
  it.each([
    [new Date(5), 5],
    [5, 5],
    ['1970-01-01T00:00:00.005Z', 5],
    ['nope', undefined],
    [new Date(Number.NaN), undefined],
    [Number.POSITIVE_INFINITY, undefined],
    [null, undefined],
    [{}, undefined],
  ])('%j → %s', (value, millis) => {
    expect(asDate(value)?.getTime()).toBe(millis);
  });
});
