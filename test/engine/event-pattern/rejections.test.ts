import { describe, expect, it } from 'vitest';
import { after, reason } from './helpers.js';

/**
 * Reasons taken from event-ruler's compiler (the library EventBridge runs); each row gives
 * the text Jackson has consumed when the check fails, which fixes the reported column.
 */
type Row = readonly [pattern: string, message: string, read: string];

const structure: Row[] = [
  ['{}', 'Empty objects are not allowed', '{}'],
  ['', 'Filter is not an object', ''],
  ['   ', 'Filter is not an object', '   '],
  ['"x"', 'Filter is not an object', '"'],
  ['42', 'Filter is not an object', '42'],
  ['42 ', 'Filter is not an object', '42 '],
  ['null', 'Filter is not an object', 'null'],
  ['{"a": {"b": {}}}', 'Empty objects are not allowed', '{"a": {"b": {}'],
  ['{"a": true}', '"a" must be an object or an array', '{"a": true'],
  ['{"a": null}', '"a" must be an object or an array', '{"a": null'],
  ['{"a": {"b": 1.5}}', '"b" must be an object or an array', '{"a": {"b": 1.5'],
  ['{"a": [[1]]}', 'Match value must be String, number, true, false, or null', '{"a": [['],
  ['{"a": ["x", []]}', 'Match value must be String, number, true, false, or null', '{"a": ["x", ['],
  ['{"a": {"b": []}}', 'Empty arrays are not allowed', '{"a": {"b": []'],
];

const operators: Row[] = [
  ['{"a": [{}]}', 'Match expression name not found', '{"a": [{}'],
  ['{"a": [{"contains": "x"}]}', 'Unrecognized match type contains', '{"a": [{"contains": "'],
  ['{"a": [{"regex": "x"}]}', 'Unrecognized match type regex', '{"a": [{"regex": "'],
  ['{"a": [{"Prefix": "x"}]}', 'Unrecognized match type Prefix', '{"a": [{"Prefix": "'],
  [
    '{"a": [{"prefix": "x", "suffix": "y"}]}',
    'Only one key allowed in match expression',
    '{"a": [{"prefix": "x", "suffix": "',
  ],
  ['{"a": [{"exactly": 1}]}', 'exact match pattern must be a string', '{"a": [{"exactly": 1'],
  [
    '{"a": [{"exactly": "x", "b": 1}]}',
    'Only one key allowed in match expression',
    '{"a": [{"exactly": "x", "b": 1',
  ],
  [
    '{"a": [{"exists": 1}]}',
    'exists match pattern must be either true or false.',
    '{"a": [{"exists": 1',
  ],
  [
    '{"a": [{"exists": null}]}',
    'exists match pattern must be either true or false.',
    '{"a": [{"exists": null',
  ],
  [
    '{"a": [{"exists": true, "b": 1}]}',
    'Only one key allowed in match expression',
    '{"a": [{"exists": true, "b": 1',
  ],
  ['{"a": [{"prefix": null}]}', 'prefix match pattern must be a string', '{"a": [{"prefix": null'],
  ['{"a": [{"prefix": {}}]}', 'Prefix expression name not found', '{"a": [{"prefix": {}'],
  [
    '{"a": [{"prefix": {"wildcard": "x"}}]}',
    'Unsupported prefix pattern: wildcard',
    '{"a": [{"prefix": {"wildcard": "',
  ],
  [
    '{"a": [{"prefix": {"equals-ignore-case": 1}}]}',
    'equals-ignore-case match pattern must be a string',
    '{"a": [{"prefix": {"equals-ignore-case": 1',
  ],
  [
    '{"a": [{"prefix": {"equals-ignore-case": "x", "y": 1}}]}',
    'Only one key allowed in match expression',
    '{"a": [{"prefix": {"equals-ignore-case": "x", "y": 1',
  ],
  [
    '{"a": [{"prefix": {"equals-ignore-case": "x"}, "y": 1}]}',
    'Only one key allowed in match expression',
    '{"a": [{"prefix": {"equals-ignore-case": "x"}, "y": 1',
  ],
  ['{"a": [{"suffix": {}}]}', 'Suffix expression name not found', '{"a": [{"suffix": {}'],
  [
    '{"a": [{"suffix": {"prefix": "x"}}]}',
    'Unsupported suffix pattern: prefix',
    '{"a": [{"suffix": {"prefix": "',
  ],
  [
    '{"a": [{"equals-ignore-case": true}]}',
    'equals-ignore-case match pattern must be a string',
    '{"a": [{"equals-ignore-case": true',
  ],
  ['{"a": [{"cidr": 10}]}', 'prefix match pattern must be a string', '{"a": [{"cidr": 10'],
  [
    '{"a": [{"cidr": "10.0.0.0/8", "b": 1}]}',
    'Only one key allowed in match expression',
    '{"a": [{"cidr": "10.0.0.0/8", "b": 1',
  ],
  [
    '{"a": [{"wildcard": "a\\\\b"}]}',
    'Invalid escape character at pos 2',
    '{"a": [{"wildcard": "a\\\\b"',
  ],
  [
    '{"a": [{"wildcard": "a\\\\"}]}',
    'Invalid escape character at pos 2',
    '{"a": [{"wildcard": "a\\\\"',
  ],
  [
    '{"a": [{"wildcard": "**"}]}',
    'Consecutive wildcard characters at pos 1',
    '{"a": [{"wildcard": "**"',
  ],
  [
    '{"a": [{"wildcard": "é**"}]}',
    'Consecutive wildcard characters at pos 3',
    '{"a": [{"wildcard": "é**"',
  ],
  [
    '{"a": [{"wildcard": "x", "y": 1}]}',
    'Only one key allowed in match expression',
    '{"a": [{"wildcard": "x", "y": 1',
  ],
];

const numeric: Row[] = [
  ['{"a": [{"numeric": 5}]}', 'Value of numeric must be an array.', '{"a": [{"numeric": 5'],
  ['{"a": [{"numeric": []}]}', 'Invalid member in numeric match: ]', '{"a": [{"numeric": []'],
  ['{"a": [{"numeric": [5]}]}', 'Invalid member in numeric match: 5', '{"a": [{"numeric": [5'],
  ['{"a": [{"numeric": [{}]}]}', 'Invalid member in numeric match: {', '{"a": [{"numeric": [{'],
  [
    '{"a": [{"numeric": ["~", 5]}]}',
    'Unrecognized numeric range operator: ~',
    '{"a": [{"numeric": ["~", 5',
  ],
  [
    '{"a": [{"numeric": ["=>", 5]}]}',
    'Unrecognized numeric range operator: =>',
    '{"a": [{"numeric": ["=>", 5',
  ],
  [
    '{"a": [{"numeric": ["=", "5"]}]}',
    'Value of equals must be numeric',
    '{"a": [{"numeric": ["=", "',
  ],
  ['{"a": [{"numeric": [">", "5"]}]}', 'Value of > must be numeric', '{"a": [{"numeric": [">", "'],
  ['{"a": [{"numeric": [">="]}]}', 'Value of >= must be numeric', '{"a": [{"numeric": [">="]'],
  [
    '{"a": [{"numeric": ["<=", true]}]}',
    'Value of <= must be numeric',
    '{"a": [{"numeric": ["<=", true',
  ],
  [
    '{"a": [{"numeric": ["=", 1, 2]}]}',
    'Too many elements in numeric expression',
    '{"a": [{"numeric": ["=", 1, 2',
  ],
  [
    '{"a": [{"numeric": ["<", 1, ">", 0]}]}',
    'Too many elements in numeric expression',
    '{"a": [{"numeric": ["<", 1, "',
  ],
  [
    '{"a": [{"numeric": [">", 0, 5]}]}',
    'Bad value in numeric range: 5',
    '{"a": [{"numeric": [">", 0, 5',
  ],
  [
    '{"a": [{"numeric": [">", 0, "=", 5]}]}',
    'Bad numeric range operator: =',
    '{"a": [{"numeric": [">", 0, "="',
  ],
  [
    '{"a": [{"numeric": [">", 0, "<", 5, 6]}]}',
    'Too many terms in numeric range expression',
    '{"a": [{"numeric": [">", 0, "<", 5, 6',
  ],
  [
    '{"a": [{"numeric": [">", 5, "<", 5]}]}',
    'Bottom must be less than top',
    '{"a": [{"numeric": [">", 5, "<", 5]',
  ],
  [
    '{"a": [{"numeric": [">=", 10, "<=", 5]}]}',
    'Bottom must be less than top',
    '{"a": [{"numeric": [">=", 10, "<=", 5]',
  ],
  [
    '{"a": [{"numeric": ["=", 6e9]}]}',
    'Value must be between -5.0E9 and 5.0E9, inclusive',
    '{"a": [{"numeric": ["=", 6e9]',
  ],
  [
    '{"a": [{"numeric": ["<", -5000000000.000001]}]}',
    'Value must be between -5.0E9 and 5.0E9, inclusive',
    '{"a": [{"numeric": ["<", -5000000000.000001]',
  ],
  [
    '{"a": [{"numeric": [">", 0, "<", 1e10]}]}',
    'Value must be between -5.0E9 and 5.0E9, inclusive',
    '{"a": [{"numeric": [">", 0, "<", 1e10]',
  ],
  [
    '{"a": [{"numeric": ["<", 0.0000001]}]}',
    'Only values upto 6 decimals are supported',
    '{"a": [{"numeric": ["<", 0.0000001]',
  ],
  [
    '{"a": [{"numeric": [">", 0], "x": 1}]}',
    'Too many elements in numeric expression',
    '{"a": [{"numeric": [">", 0], "x": 1',
  ],
];

const anythingBut: Row[] = [
  [
    '{"a": [{"anything-but": null}]}',
    'Value of anything-but must be an array or single string/number value.',
    '{"a": [{"anything-but": null',
  ],
  [
    '{"a": [{"anything-but": true}]}',
    'Value of anything-but must be an array or single string/number value.',
    '{"a": [{"anything-but": true',
  ],
  [
    '{"a": [{"anything-but": {}}]}',
    'Anything-But expression name not found',
    '{"a": [{"anything-but": {}',
  ],
  [
    '{"a": [{"anything-but": {"numeric": [">", 1]}}]}',
    'Unsupported anything-but pattern: numeric',
    '{"a": [{"anything-but": {"numeric": [',
  ],
  [
    '{"a": [{"anything-but": {"exists": true}}]}',
    'Unsupported anything-but pattern: exists',
    '{"a": [{"anything-but": {"exists": true',
  ],
  [
    '{"a": [{"anything-but": {"prefix": true}}]}',
    'Value of anything-but must be an array or single string/number value.',
    '{"a": [{"anything-but": {"prefix": true',
  ],
  [
    '{"a": [{"anything-but": [1, "a"]}]}',
    'Inside anything but list, either all values are number or string, mixed type is not supported',
    '{"a": [{"anything-but": [1, "a"]',
  ],
  [
    '{"a": [{"anything-but": []}]}',
    'Inside anything but list, either all values are number or string, mixed type is not supported',
    '{"a": [{"anything-but": []',
  ],
  [
    '{"a": [{"anything-but": {"prefix": ""}}]}',
    'Null prefix/suffix not allowed',
    '{"a": [{"anything-but": {"prefix": ""',
  ],
  [
    '{"a": [{"anything-but": {"wildcard": "a**"}}]}',
    'Consecutive wildcard characters at pos 2',
    '{"a": [{"anything-but": {"wildcard": "a**"',
  ],
  [
    '{"a": [{"anything-but": {"wildcard": ["ok", "a\\\\x"]}}]}',
    'Invalid escape character at pos 2',
    '{"a": [{"anything-but": {"wildcard": ["ok", "a\\\\x"]',
  ],
  [
    '{"a": [{"anything-but": "x", "b": 1}]}',
    'Too many elements in numeric expression',
    '{"a": [{"anything-but": "x", "b": 1',
  ],
  [
    '{"a": [{"anything-but": {"prefix": "x", "b": 1}}]}',
    'Too many elements in numeric expression',
    '{"a": [{"anything-but": {"prefix": "x", "b": 1',
  ],
  [
    '{"a": [{"anything-but": {"prefix": "x"}, "b": 1}]}',
    'Too many elements in numeric expression',
    '{"a": [{"anything-but": {"prefix": "x"}, "b": 1',
  ],
];

describe.each([
  ['structure', structure],
  ['operators', operators],
  ['numeric', numeric],
  ['anything-but', anythingBut],
] as const)('%s', (_, rows) => {
  it.each(rows)('%s', (pattern, message, read) => {
    expect(reason(pattern)).toBe(message + after(pattern, read));
  });
});
