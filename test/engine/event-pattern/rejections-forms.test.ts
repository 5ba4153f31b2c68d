import { describe, expect, it } from 'vitest';
import { after, reason } from './helpers.js';

/**
 * Reasons whose form depends on how ruler raises them: re-raised inside its lists (the
 * location twice), IllegalArgumentExceptions (no location), and the second reading of a
 * pattern that uses `$or`.
 */
describe('reasons ruler raises inside its lists, with the location twice', () => {
  it.each([
    [
      '{"a": [{"anything-but": [null]}]}',
      'Inside anything but list, start|null|boolean is not supported.',
      '{"a": [{"anything-but": [null',
    ],
    [
      '{"a": [{"anything-but": ["x", {}]}]}',
      'Inside anything but list, start|null|boolean is not supported.',
      '{"a": [{"anything-but": ["x", {',
    ],
    [
      '{"a": [{"anything-but": {"suffix": ["a", ""]}}]}',
      'Null prefix/suffix not allowed',
      '{"a": [{"anything-but": {"suffix": ["a", ""',
    ],
    [
      '{"a": [{"anything-but": {"equals-ignore-case": [null]}}]}',
      'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.',
      '{"a": [{"anything-but": {"equals-ignore-case": [null',
    ],
  ])('%s', (pattern, message, read) => {
    const where = after(pattern, read);
    expect(reason(pattern)).toBe(message + where + where);
  });

  it('a number out of range in an anything-but list: located once', () => {
    const pattern = '{"a": [{"anything-but": [1, 6e9]}]}';
    expect(reason(pattern)).toBe(
      'Value must be between -5.0E9 and 5.0E9, inclusive' +
        after(pattern, '{"a": [{"anything-but": [1, 6e9'),
    );
  });

  it('a syntax error inside an anything-but list is re-raised too', () => {
    const pattern = '{"a": [{"anything-but": [1, }]}]}';
    const where = after(pattern, '{"a": [{"anything-but": [1, ');
    expect(reason(pattern)).toBe(
      "Unexpected character ('}' (code 125)): expected a value" +
        where +
        after(pattern, '{"a": [{"anything-but": [1, }'),
    );
  });

  // Java puts "\"a\\x\"" in bucket 11 and "\"b**\"" in 14, "\"zz**\"" in 4, of 16.
  it.each([
    ['["b**", "a\\\\x"]', 'Invalid escape character at pos 2'],
    ['["a\\\\x", "b**"]', 'Invalid escape character at pos 2'],
    ['["a\\\\x", "zz**"]', 'Consecutive wildcard characters at pos 3'],
  ])('of several bad wildcard values %s, ruler names the first in its HashSet', (list, message) => {
    const pattern = `{"a": [{"anything-but": {"wildcard": ${list}}}]}`;
    expect(reason(pattern)).toBe(
      message + after(pattern, `{"a": [{"anything-but": {"wildcard": ${list}`),
    );
  });
});

describe('reasons without a location (ruler IllegalArgumentExceptions)', () => {
  it.each([
    ['10.0.0.0', "Malformed CIDR, one '/' required"],
    ['10.0.0.0/', "Malformed CIDR, one '/' required"],
    ['/', "Malformed CIDR, one '/' required"],
    ['10.0.0.0/8/8', "Malformed CIDR, one '/' required"],
    ['10.0.0.0/ 8', 'Malformed CIDR, mask bits must be an integer'],
    ['10.0.0.0/99999999999', 'Malformed CIDR, mask bits must be an integer'],
    ['10.0.0.0/-1', 'Malformed CIDR, mask bits must not be negative'],
    ['10.0.0.0/32', 'IPv4 mask bits must be < 32'],
    ['::/128', 'IPv6 mask bits must be < 128'],
    ['::ffff:a00:0/104', 'IPv4 mask bits must be < 32'],
    ['256.0.0.0/8', 'Invalid IP address: 256.0.0.0'],
    ['010.0.0.0/8', 'Invalid IP address: 010.0.0.0'],
    ['1:2/64', 'Invalid IP address: 1:2'],
    [':::/64', 'Invalid IP address: :::'],
    ['/8', 'Nonstandard IP address: '],
    ['example.com/8', 'Nonstandard IP address: example.com'],
    ['::ffff:10.0.0.0/104', 'Nonstandard IP address: ::ffff:10.0.0.0'],
  ])('cidr %j', (cidr, message) => {
    expect(reason(JSON.stringify({ ip: [{ cidr }] }))).toBe(message);
  });

  it.each([
    ['{"a": [{"anything-but": 6e9}]}', 'Value must be between -5.0E9 and 5.0E9, inclusive'],
    ['{"a": [{"anything-but": 0.1234567}]}', 'Only values upto 6 decimals are supported'],
  ])('%s', (pattern, message) => {
    expect(reason(pattern)).toBe(message);
  });
});

describe('$or', () => {
  it.each([
    ['{"$or": [{"a": ["1"]}], "b": ["2"]}', 'Unrecognized match type a', '{"$or": [{"a": ['],
    ['{"$or": "x"}', '"$or" must be an object or an array', '{"$or": "'],
    ['{"$or": []}', 'Empty arrays are not allowed', '{"$or": []'],
    [
      '{"$or": [{"a": ["1"]}, {"numeric": [">", 0]}]}',
      'Unrecognized match type a',
      '{"$or": [{"a": [',
    ],
  ])(
    // Refused by the $or-aware compiler, then by the older one ruler falls back to.
    '%s',
    (pattern, message, read) => {
      expect(reason(pattern)).toBe(message + after(pattern, read));
    },
  );

  it('the older compiler reads the whole pattern again, so it may report an earlier place', () => {
    const pattern = '{"x": {"$or": [{"a": ["1"]}, {"b": {"c": []}}]}}';
    expect(reason(pattern)).toBe(
      'Unrecognized match type a' + after(pattern, '{"x": {"$or": [{"a": ['),
    );
  });

  it('any refusal of a pattern with a well-formed $or ends as the older compiler reads it', () => {
    const pattern = '{"$or": [{"a": ["1"]}, {"b": ["2"]}], "c": 5}';
    expect(reason(pattern)).toBe('Unrecognized match type a' + after(pattern, '{"$or": [{"a": ['));
  });

  it('an error before the $or is reported as is', () => {
    const pattern = '{"c": 5, "$or": [{"a": ["1"]}, {"b": ["2"]}]}';
    expect(reason(pattern)).toBe('"c" must be an object or an array' + after(pattern, '{"c": 5'));
  });
});
