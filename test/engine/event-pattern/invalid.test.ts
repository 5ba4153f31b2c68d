import { describe, expect, it } from 'vitest';
import { at, reason } from './helpers.js';

/**
 * Reasons AWS returned for these exact patterns (recorded by LocalStack's parity
 * snapshots and in public bug reports), columns included.
 */
describe('reasons confirmed against AWS', () => {
  it.each([
    ['{"int": 42}', '"int" must be an object or an array', 11],
    ['{"string": "my-value"}', '"string" must be an object or an array', 13],
    ['{"resources": []}', 'Empty arrays are not allowed', 17],
    ['{"source": ["aws.health"], "detail": {}}', 'Empty objects are not allowed', 40],
    ['["not", "a", "dict", "but valid json"]', 'Filter is not an object', 2],
    ['{"detail": {"equal": [{"NUMERIC": ["=", 5]}]}}', 'Unrecognized match type NUMERIC', 36],
    ['{"my_key": [{"EXISTS": true}]}', 'Unrecognized match type EXISTS', 28],
    [
      '{"detail": {"c-count": [{"numeric": [">", 0, ">", 0]}]}}',
      'Bad numeric range operator: >',
      49,
    ],
    ['{"detail": {"c-count": [{"numeric": [">", 0, "<"]}]}}', 'Value of < must be numeric', 50],
    [
      '{"EventBusArn": [{"wildcard": "arn:aws:events:us-east-1:**:event-bus/*"}]}',
      'Consecutive wildcard characters at pos 26',
      72,
    ],
    [
      '{"detail-type": [{"equals-ignore-case": ["ec2 instance state-change notification"]}]}',
      'equals-ignore-case match pattern must be a string',
      42,
    ],
    [
      '{"detail-type": [{"equals-ignore-case": {"prefix": "ec2"}}]}',
      'equals-ignore-case match pattern must be a string',
      42,
    ],
    [
      '{"detail": {"state": [{"anything-but": {"equals-ignore-case": 123}}]}}',
      'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.',
      66,
    ],
    ['{"EventBusArn": [{"wildcard": 123}]}', 'wildcard match pattern must be a string', 34],
    [
      '{"EventBusArn": [{"wildcard": ["arn:aws:events:us-east-1:**:event-bus/*"]}]}',
      'wildcard match pattern must be a string',
      32,
    ],
    [
      '{"detail": {"FilePath": [{"anything-but": {"wildcard": 123}}]}}',
      'wildcard match pattern must be a string',
      59,
    ],
    [
      '{"detail": {"FileName": [{"anything-but": {"suffix": 123}}]}}',
      'prefix/suffix match pattern must be a string',
      57,
    ],
    [
      '{"detail": {"state": [{"anything-but": {"prefix": 123}}]}}',
      'prefix/suffix match pattern must be a string',
      54,
    ],
    ['{"time": [{"prefix": ["2022-07-13"]}]}', 'prefix match pattern must be a string', 23],
    ['{"time": [{"prefix": 123}]}', 'prefix match pattern must be a string', 25],
    ['{"FileName": [{"suffix": 123}]}', 'suffix match pattern must be a string', 29],
    ['{"FileName": [{"suffix": [".png"]}]}', 'suffix match pattern must be a string', 27],
    [
      '{"detail": {"FileName": [{"anything-but": {"prefix": {"equals-ignore-case": "file"}}}]}}',
      'Value of anything-but must be an array or single string/number value.',
      55,
    ],
    [
      '{"detail": {"FileName": [{"anything-but": {"suffix": {"equals-ignore-case": ".png"}}}]}}',
      'Value of anything-but must be an array or single string/number value.',
      55,
    ],
    [
      '{"detail": {"sourceIPAddress": [{"cidr": ["bad-type"]}]}}',
      'prefix match pattern must be a string',
      43,
    ],
    [
      '{"detail-type":["dual"],"detail":{"delaySeconds":[{"exists":"false"}]}}',
      'exists match pattern must be either true or false.',
      62,
    ],
  ])('%s', (pattern, message, column) => {
    expect(reason(pattern)).toBe(message + at(pattern, column));
  });

  // Inside an anything-but list ruler re-throws its own exception: the location twice.
  it.each([
    [
      '{"detail": {"state": [{"anything-but": {"equals-ignore-case": [123, 456]}}]}}',
      'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.',
      67,
    ],
    [
      '{"detail": {"state": [{"anything-but": {"wildcard": [123, "*/dir/*"]}}]}}',
      'wildcard match pattern must be a string',
      57,
    ],
    [
      '{"detail": {"FileName": [{"anything-but": {"suffix": [123, ".txt"]}}]}}',
      'prefix/suffix match pattern must be a string',
      58,
    ],
    [
      '{"detail": {"state": [{"anything-but": {"prefix": [123, "test"]}}]}}',
      'prefix/suffix match pattern must be a string',
      55,
    ],
  ])('%s (location twice)', (pattern, message, column) => {
    expect(reason(pattern)).toBe(message + at(pattern, column) + at(pattern, column));
  });

  // Ruler's CIDR checks throw IllegalArgumentException: no location.
  it.each([
    ['bad-type', "Malformed CIDR, one '/' required"],
    ['10.0.0.0/xx', 'Malformed CIDR, mask bits must be an integer'],
    ['xx.11.xx/24', 'Nonstandard IP address: xx.11.xx'],
    ['xxxx:db8:1234:1a00::/64', 'Nonstandard IP address: xxxx:db8:1234:1a00::'],
  ])('cidr %s', (cidr, message) => {
    expect(reason(JSON.stringify({ detail: { sourceIPAddress: [{ cidr }] } }))).toBe(message);
  });

  it('a wildcard too complex to evaluate quickly', () => {
    expect(reason('{"EventBusArn": [{"wildcard": "*:*:*:*:*:event-bus/*"}]}')).toBe(
      'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character',
    );
  });
});
