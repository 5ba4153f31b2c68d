import { describe, expect, it } from 'vitest';
import { type MatchCase, matches } from './helpers.js';

const cases: MatchCase[] = [
  ['a string equal', { source: ['aws.ecs'] }, { source: 'aws.ecs' }, true],
  ['a string differing in case', { source: ['aws.ecs'] }, { source: 'AWS.ECS' }, false],
  ['a string with a trailing space', { source: ['aws.ecs'] }, { source: 'aws.ecs ' }, false],
  ['a missing field', { source: ['aws.ecs'] }, { 'detail-type': 'x' }, false],
  ['any value of the list', { source: ['aws.ec2', 'aws.ecs'] }, { source: 'aws.ecs' }, true],
  ['no value of the list', { source: ['aws.ec2', 'aws.s3'] }, { source: 'aws.ecs' }, false],
  ['the empty string', { LastName: [''] }, { LastName: '' }, true],
  ['the empty string is not null', { LastName: [''] }, { LastName: null }, false],
  ['null', { r: [null] }, { r: null }, true],
  ['null is not the string "null"', { r: [null] }, { r: 'null' }, false],
  ['null is not a missing field', { r: [null] }, {}, false],
  ['true', { f: [true] }, { f: true }, true],
  ['true is not "true"', { f: [true] }, { f: 'true' }, false],
  ['"true" is not true', { f: ['true'] }, { f: true }, false],
  ['false is not true', { f: [false] }, { f: true }, false],
  ['false', { f: [false] }, { f: false }, true],
  ['a number', { n: [5] }, { n: 5 }, true],
  ['a number written with a fraction', { n: [5] }, { n: 5.0 }, true],
  ['a number in exponent form', { n: [300] }, { n: 3e2 }, true],
  ['a number is not its string', { n: [5] }, { n: '5' }, false],
  ['a string is not its number', { n: ['5'] }, { n: 5 }, false],
  ['a different number', { n: [5] }, { n: 5.000001 }, false],
  ['six decimals', { n: [0.000001] }, { n: 0.000001 }, true],
  ['a negative number', { n: [-3.5] }, { n: -3.5 }, true],
  [
    'an account id (beyond numeric range) by value',
    { a: [123456789012] },
    { a: 123456789012 },
    true,
  ],
  ['an account id that differs', { a: [123456789012] }, { a: 123456789013 }, false],
  ['an account id as a string', { account: ['123456789012'] }, { account: '123456789012' }, true],
  ['a nested field', { detail: { state: ['running'] } }, { detail: { state: 'running' } }, true],
  [
    'a nested field with another value',
    { detail: { state: ['running'] } },
    { detail: { state: 'stopped' } },
    false,
  ],
  [
    'a nested field under a missing object',
    { detail: { state: ['running'] } },
    { state: 'running' },
    false,
  ],
  [
    'a nested field that is an object',
    { detail: { state: ['running'] } },
    { detail: { state: { name: 'running' } } },
    false,
  ],
  ['all fields (AND)', { a: ['1'], b: ['2'] }, { a: '1', b: '2' }, true],
  ['one field of two', { a: ['1'], b: ['2'] }, { a: '1', b: '3' }, false],
  ['extra event fields are ignored', { a: ['1'] }, { a: '1', z: { deep: [1, 2] } }, true],
  ['keys are case sensitive', { Source: ['x'] }, { source: 'x' }, false],
  [
    'an event array containing the value',
    { resources: ['arn:2'] },
    { resources: ['arn:1', 'arn:2'] },
    true,
  ],
  [
    'an event array without the value',
    { resources: ['arn:3'] },
    { resources: ['arn:1', 'arn:2'] },
    false,
  ],
  [
    'any of the pattern values in the event array',
    { r: ['x', 'arn:2'] },
    { r: ['arn:1', 'arn:2'] },
    true,
  ],
  ['an empty event array', { resources: ['arn:1'] }, { resources: [] }, false],
  ['an empty event array is not null', { resources: [null] }, { resources: [] }, false],
  ['a nested array of values', { a: ['x'] }, { a: [['y'], ['x']] }, true],
  [
    'objects in an event array',
    { employees: { firstName: ['Anna'] } },
    { employees: [{ firstName: 'John' }, { firstName: 'Anna' }] },
    true,
  ],
  [
    'objects in an event array, none matching',
    { employees: { firstName: ['Bob'] } },
    { employees: [{ firstName: 'John' }, { firstName: 'Anna' }] },
    false,
  ],
  [
    'arrays of arrays of objects',
    { e: { n: ['Peter'] } },
    { e: [[{ n: 'John' }], [{ n: 'Peter' }]] },
    true,
  ],
  [
    'a dotted pattern key reaches nested fields',
    { 'detail.state': ['on'] },
    { detail: { state: 'on' } },
    true,
  ],
  [
    'a nested pattern reaches a dotted event key',
    { detail: { state: ['on'] } },
    { 'detail.state': 'on' },
    true,
  ],
  ['a dotted key reaches a dotted event key', { 'a.b.c': ['v'] }, { a: { 'b.c': 'v' } }, true],
  ['a dotted key that is not there', { 'a.b': ['v'] }, { a: { c: 'v' } }, false],
  ['an empty key joins with a dot', { '': { a: ['v'] } }, { '': { a: 'v' } }, true],
  ['unicode values', { name: ['日本語 ✓'] }, { name: '日本語 ✓' }, true],
  ['an escaped quote in the value', { q: ['say "hi"'] }, { q: 'say "hi"' }, true],
  [
    'an IP address matches the same address written otherwise',
    { ip: ['::1'] },
    { ip: '0:0:0:0:0:0:0:1' },
    true,
  ],
  ['an IPv4 address in IPv4-mapped IPv6 form', { ip: ['10.0.0.1'] }, { ip: '::ffff:a00:1' }, true],
  ['an IP address differs', { ip: ['10.0.0.1'] }, { ip: '10.0.0.2' }, false],
  ['a string that only looks like IPv6', { v: ['ab:cd'] }, { v: 'ab:cd' }, true],
];

describe('exact values', () => {
  it.each(cases)('%s', (_, pattern, event, expected) => {
    expect(matches(pattern, event)).toBe(expected);
  });

  it('an event that is not an object matches nothing', () => {
    for (const event of [null, 'x', 3, ['a'], undefined]) {
      expect(matches({ a: [{ exists: false }] }, event)).toBe(false);
    }
  });

  it('a later duplicate key replaces the earlier one, as Jackson reads it', () => {
    expect(matches('{"a":["1"],"a":["2"]}', { a: '2' })).toBe(true);
    expect(matches('{"a":["1"],"a":["2"]}', { a: '1' })).toBe(false);
  });

  it('a dotted key and a nested one naming the same path: the later wins', () => {
    expect(matches('{"a.b":["1"],"a":{"b":["2"]}}', { a: { b: '2' } })).toBe(true);
    expect(matches('{"a.b":["1"],"a":{"b":["2"]}}', { a: { b: '1' } })).toBe(false);
  });

  it('the pattern may carry trailing text after its object, which ruler never reads', () => {
    expect(matches('{"a":["1"]} trailing', { a: '1' })).toBe(true);
  });
});
