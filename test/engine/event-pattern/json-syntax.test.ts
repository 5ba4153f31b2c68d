import { describe, expect, it } from 'vitest';
import { compileEventPattern } from '../../../src/engine/event-pattern/index.js';
import { after, at, reason } from './helpers.js';

const VALUES = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

/** Jackson's own messages for text that is not JSON; AWS passes them on as the reason. */
describe('confirmed against AWS', () => {
  it.each([
    [
      "{'bad': 'quotation'}",
      "Unexpected character (''' (code 39)): was expecting double-quote to start field name",
      2,
    ],
    ['this is valid json but not a dict', `Unrecognized token 'this': was expecting ${VALUES}`, 5],
    ['{"not": closed mark"', `Unrecognized token 'closed': was expecting ${VALUES}`, 15],
  ])('%s', (pattern, message, column) => {
    expect(reason(pattern)).toBe(message + at(pattern, column));
  });
});

/** Rows give the text Jackson has read when it fails (one more than the column it shows). */
describe('from Jackson 2.17', () => {
  it.each([
    [
      '{"a": ["x" "y"]}',
      "Unexpected character ('\"' (code 34)): was expecting comma to separate Array entries",
      '{"a": ["x" ',
    ],
    [
      '{"a": ["x"] "b": ["y"]}',
      "Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries",
      '{"a": ["x"] ',
    ],
    [
      '{"a" ["x"]}',
      "Unexpected character ('[' (code 91)): was expecting a colon to separate field name and value",
      '{"a" ',
    ],
    [
      '{"a": ["x",]}',
      `Unexpected character (']' (code 93)): expected a valid value ${VALUES}`,
      '{"a": ["x",',
    ],
    [
      '{"a": ["x"],}',
      "Unexpected character ('}' (code 125)): was expecting double-quote to start field name",
      '{"a": ["x"],',
    ],
    ['{"a": }', "Unexpected character ('}' (code 125)): expected a value", '{"a": '],
    [
      '{a: ["x"]}',
      "Unexpected character ('a' (code 97)): was expecting double-quote to start field name",
      '{',
    ],
    ['{"a": [tru]}', `Unrecognized token 'tru': was expecting ${VALUES}`, '{"a": [tru'],
    ['{"a": [truex]}', `Unrecognized token 'truex': was expecting ${VALUES}`, '{"a": [truex'],
    ['{"a": [nul]}', `Unrecognized token 'nul': was expecting ${VALUES}`, '{"a": [nul'],
    ['{"a": [yes]}', `Unrecognized token 'yes': was expecting ${VALUES}`, '{"a": [yes'],
    [
      '{"a": [#]}',
      `Unexpected character ('#' (code 35)): expected a valid value ${VALUES}`,
      '{"a": [',
    ],
    ['{"a": [01]}', 'Invalid numeric value: Leading zeroes not allowed', '{"a": [0'],
    [
      '{"a": [-]}',
      "Unexpected character (']' (code 93)) in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value",
      '{"a": [-',
    ],
    [
      '{"a": [1.]}',
      "Unexpected character (']' (code 93)) in numeric value: Decimal point not followed by a digit",
      '{"a": [1',
    ],
    [
      '{"a": [1e]}',
      "Unexpected character (']' (code 93)) in numeric value: Exponent indicator not followed by a digit",
      '{"a": [1',
    ],
    [
      '{"a": [1.5e+]}',
      "Unexpected character (']' (code 93)) in numeric value: Exponent indicator not followed by a digit",
      '{"a": [1',
    ],
    [
      '{"a": [+1]}',
      "Unexpected character ('+' (code 43)) in numeric value: JSON spec does not allow numbers to have plus signs: enable `JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS` to allow",
      '{"a": [+',
    ],
    [
      '{"a": [NaN]}',
      "Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow",
      '{"a": [NaN',
    ],
    ['{"a": ["\\q"]}', "Unrecognized character escape 'q' (code 113)", '{"a": ["\\'],
    [
      '{"a": ["\\u00zz"]}',
      "Unexpected character ('z' (code 122)): expected a hex-digit for character escape sequence",
      '{"a": ["\\u00',
    ],
    [
      '{"a": [1]]',
      'Unexpected close marker \']\': expected \'}\' (for Object starting at [Source: (String)"{"a": [1]]"; line: 1, column: 1])',
      '{"a": [1]',
    ],
    [
      '/* c */ {"a": ["x"]}',
      "Unexpected character ('/' (code 47)): maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)",
      '',
    ],
    [
      '{"a": ["x"]',
      'Unexpected end-of-input: expected close marker for Object (start marker at [Source: (String)"{"a": ["x"]"; line: 1, column: 1])',
      '{"a": ["x"]',
    ],
    [
      '{"a": ["x"',
      'Unexpected end-of-input: expected close marker for Array (start marker at [Source: (String)"{"a": ["x""; line: 1, column: 7])',
      '{"a": ["x"',
    ],
    [
      '{"a": ["x',
      'Unexpected end-of-input: was expecting closing quote for a string value',
      '{"a": ["x',
    ],
    ['{"a', 'Unexpected end-of-input in field name', '{"a'],
    ['{"a"', 'Unexpected end-of-input within/between Object entries', '{"a"'],
    ['{"a": ["x",', 'Unexpected end-of-input within/between Array entries', '{"a": ["x",'],
    ['{"a": ["\\', 'Unexpected end-of-input in character escape sequence', '{"a": ["\\'],
  ])('%s', (pattern, message, read) => {
    expect(reason(pattern)).toBe(message + after(pattern, read));
  });

  it('control characters: escaped in the quoted source, except CR and LF', () => {
    const pattern = '{"a\tb": ["x"]}';
    expect(reason(pattern)).toBe(
      'Illegal unquoted character ((CTRL-CHAR, code 9)): has to be escaped using backslash to be included in name\n at [Source: (String)"{"a\\u0009b": ["x"]}"; line: 1, column: 5]',
    );
  });

  it('a raw newline inside a string', () => {
    const pattern = '{"a": ["x\ny"]}';
    expect(reason(pattern)).toBe(
      'Illegal unquoted character ((CTRL-CHAR, code 10)): has to be escaped using backslash to be included in string value' +
        after(pattern, '{"a": ["x\n'),
    );
  });

  it('a control character between tokens', () => {
    const pattern = '{"a":\u0001["x"]}';
    expect(reason(pattern)).toBe(
      'Illegal character ((CTRL-CHAR, code 1)): only regular white space (\\r, \\n, \\t) is allowed between tokens\n at [Source: (String)"{"a":\\u0001["x"]}"; line: 1, column: 7]',
    );
  });

  it('lines and columns in a pattern written over several lines', () => {
    const pattern = '{\n  "source": ["aws.ecs"],\n  "detail": {\n    "state": "STOPPED"\n  }\n}';
    expect(reason(pattern)).toBe('"state" must be an object or an array' + at(pattern, 15, 4));
  });

  it('CR LF counts as one line break, a lone CR as one', () => {
    expect(reason('{\r\n"a": 1}')).toBe(
      '"a" must be an object or an array' + at('{\r\n"a": 1}', 7, 2),
    );
    expect(reason('{\r\r"a": 1}')).toBe(
      '"a" must be an object or an array' + at('{\r\r"a": 1}', 7, 3),
    );
  });

  it('Jackson quotes at most 500 characters of the source', () => {
    const pattern = `{"long": ["${'x'.repeat(600)}"], "bad": 1}`;
    const shown = pattern.slice(0, 500);
    expect(reason(pattern)).toBe(
      `"bad" must be an object or an array\n at [Source: (String)"${shown}"[truncated ${pattern.length - 500} chars]; line: 1, column: ${pattern.length}]`,
    );
  });

  it('nesting deeper than 1000 levels is a stream constraint, reported without location', () => {
    const pattern = '{"a":'.repeat(1001) + '["x"]' + '}'.repeat(1001);
    expect(reason(pattern)).toBe(
      'Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)',
    );
  });

  it('1000 levels are allowed', () => {
    const pattern = '{"a":'.repeat(999) + '["x"]' + '}'.repeat(999);
    let event: unknown = 'x';
    for (let i = 0; i < 999; i++) event = { a: event };
    expect(compileEventPattern(pattern).matches(event)).toBe(true);
  });
});
