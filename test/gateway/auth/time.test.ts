/** The instants a signature names: the basic ISO 8601 form, field by field. */
import { describe, expect, it } from 'vitest';
import { formatBasicIso8601, parseBasicIso8601 } from '../../../src/gateway/auth/time.js';

describe('parseBasicIso8601', () => {
  it.each([
    ['20261128T022000Z', '2026-11-28T02:20:00Z'],
    ['20240229T235959Z', '2024-02-29T23:59:59Z'],
    ['20000229T000000Z', '2000-02-29T00:00:00Z'],
    ['01000101T000000Z', '0100-01-01T00:00:00Z'],
    ['99991231T235959Z', '9999-12-31T23:59:59Z'],
  ])('%s is %s', (text, iso) => {
    expect(parseBasicIso8601(text)).toBe(Date.parse(iso));
    expect(formatBasicIso8601(parseBasicIso8601(text)!)).toBe(text);
  });

  it.each([
    ['a day February does not have', '20260229T000000Z'],
    ['a century year that is not a leap year', '21000229T000000Z'],
    ['31 April', '20260431T000000Z'],
    ['day zero', '20260100T000000Z'],
    ['month zero', '20260001T000000Z'],
    ['month 13', '20261301T000000Z'],
    ['hour 24', '20261128T240000Z'],
    ['minute 60', '20261128T026000Z'],
    ['second 60', '20261128T022060Z'],
    ['a year below 100 (Date.UTC would read 19xx)', '00991231T000000Z'],
    ['a letter for a digit', '2026112aT022000Z'],
    ['a sign in a field', '2026-128T022000Z'],
    ['no T', '20261128 022000Z'],
    ['no Z', '20261128T022000+'],
    ['too short', '20261128T02200Z'],
    ['too long', '20261128T0220000Z'],
    ['extended form', '2026-11-28T02:20:00Z'],
    ['non-ASCII digits', '２０２６1128T022000Z'],
  ])('refuses %s', (_, text) => {
    expect(parseBasicIso8601(text)).toBeUndefined();
  });
});
