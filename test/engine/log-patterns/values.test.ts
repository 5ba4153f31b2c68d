import { describe, expect, it } from 'vitest';
import { compileGlob } from '../../../src/engine/log-patterns/glob.js';
import { JsonNumber, parseJson } from '../../../src/engine/log-patterns/json-parse.js';
import { patternNumber, textNumber } from '../../../src/engine/log-patterns/numbers.js';

describe('AWS wildcards', () => {
  it.each([
    ['abc', 'abc', true],
    ['abc', 'abcd', false],
    ['abc', 'ABC', false],
    ['', '', true],
    ['', 'x', false],
    ['*', '', true],
    ['*', 'anything', true],
    ['**', 'anything', true],
    ['a*', 'abc', true],
    ['a*', 'ba', false],
    ['*c', 'abc', true],
    ['*c', 'abcd', false],
    ['*b*', 'abc', true],
    ['*b*', 'ac', false],
    ['a*c', 'abc', true],
    ['a*c', 'ac', true],
    ['a*c', 'acb', false],
    ['a**c', 'abc', true],
    ['a*b*c', 'axbxc', true],
    ['a*b*c', 'axcxb', false],
    ['*Event', 'PutEvent', true],
    ['Event*', 'EventName', true],
    ['Ev*ent', 'Ev*ent', true],
    // The last piece is looked for once, at its first occurrence.
    ['*111.111.111', '111.111.111.111', false],
    ['*.111.111.111', '111.111.111.111', true],
    ['111*111', '111.111.111.111', false],
    ['*Event', 'EventPutEvent', false],
    ['1*3', '123', true],
    ['1*4', '12.34', true],
    ['4*1', '12.34', false],
  ])('%j on %j → %s', (pattern, value, expected) => {
    expect(compileGlob(pattern)(value)).toBe(expected);
  });
});

describe('numbers', () => {
  it.each([
    ['123', 123],
    ['+1000', 1000],
    ['-5', -5],
    ['55.5', 55.5],
    ['10e3', 10000],
    ['10e-3', 0.01],
    ['1.5E+2', 150],
    ['abc', undefined],
    ['1.', undefined],
    ['.5', undefined],
    ['1e', undefined],
    ['0x10', undefined],
    ['', undefined],
    ['1 2', undefined],
  ])('the pattern literal %j is %s', (literal, value) => {
    expect(patternNumber(literal)).toBe(value);
  });

  it.each([
    ['1534', 1534],
    ['-0.5', -0.5],
    ['+7', 7],
    ['1e3', NaN],
    ['-', NaN],
    ['12abc', NaN],
    ['', NaN],
  ])('the event text %j is %s', (text, value) => {
    expect(textNumber(text)).toBe(value);
  });
});

describe('reading JSON events', () => {
  it('keeps numbers as written', () => {
    const doc = parseJson('{"a": 12.0, "b": -1e5, "c": 12345678901234567890}') as Map<
      string,
      unknown
    >;
    expect((doc.get('a') as JsonNumber).raw).toBe('12.0');
    expect((doc.get('a') as JsonNumber).value).toBe(12);
    expect((doc.get('b') as JsonNumber).raw).toBe('-1e5');
    expect((doc.get('c') as JsonNumber).raw).toBe('12345678901234567890');
  });

  it('reads every JSON type', () => {
    const doc = parseJson(' {"s":"x\\n\\u00e9\\"","t":true,"f":false,"n":null,"a":[1,[]],"o":{}} ');
    expect(doc).toBeInstanceOf(Map);
    const m = doc as Map<string, unknown>;
    expect(m.get('s')).toBe('x\né"');
    expect(m.get('t')).toBe(true);
    expect(m.get('f')).toBe(false);
    expect(m.get('n')).toBeNull();
    expect(m.get('a')).toEqual([new JsonNumber('1'), []]);
    expect(m.get('o')).toEqual(new Map());
  });

  it('reads surrogate pairs and keeps keys like __proto__ as data', () => {
    const m = parseJson('{"e":"\\ud83d\\ude00","__proto__":"p"}') as Map<string, unknown>;
    expect(m.get('e')).toBe('😀');
    expect(m.get('__proto__')).toBe('p');
  });

  it.each([
    '',
    '{',
    '{"a"}',
    '{"a":}',
    '{"a":1,}',
    '[1,]',
    '{"a":1}x',
    '{a:1}',
    "{'a':1}",
    '{"a":01}',
    '{"a":1.}',
    '{"a":.5}',
    '{"a":+1}',
    '{"a":NaN}',
    '{"a":tru}',
    '{"a":"\\x41"}',
    '{"a":"\\u12"}',
    '{"a":"tab\there"}',
    '{"a":1}{"b":2}',
    '{"a":1 "b":2}',
  ])('refuses %j', (text) => {
    expect(parseJson(text)).toBeUndefined();
  });
});
