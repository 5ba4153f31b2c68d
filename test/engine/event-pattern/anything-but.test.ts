import { describe, expect, it } from 'vitest';
import { type MatchCase, matches } from './helpers.js';

const values: MatchCase[] = [
  ['another string', { state: [{ 'anything-but': 'initializing' }] }, { state: 'running' }, true],
  [
    'the excluded string',
    { state: [{ 'anything-but': 'initializing' }] },
    { state: 'initializing' },
    false,
  ],
  ['a missing field is not anything', { state: [{ 'anything-but': 'initializing' }] }, {}, false],
  [
    'null is anything but a string',
    { state: [{ 'anything-but': 'initializing' }] },
    { state: null },
    true,
  ],
  ['a number is anything but a string', { state: [{ 'anything-but': '5' }] }, { state: 5 }, true],
  [
    'a list of strings, excluded',
    { s: [{ 'anything-but': ['stopped', 'overloaded'] }] },
    { s: 'stopped' },
    false,
  ],
  [
    'a list of strings, other',
    { s: [{ 'anything-but': ['stopped', 'overloaded'] }] },
    { s: 'running' },
    true,
  ],
  ['a number, excluded', { x: [{ 'anything-but': 123 }] }, { x: 123 }, false],
  ['a number, excluded in another form', { x: [{ 'anything-but': 123 }] }, { x: 1.23e2 }, false],
  ['a number, other', { x: [{ 'anything-but': 123 }] }, { x: 124 }, true],
  ['a number excludes only numbers', { x: [{ 'anything-but': 123 }] }, { x: '123' }, true],
  ['a number, null', { x: [{ 'anything-but': 0 }] }, { x: null }, true],
  ['a number, true', { x: [{ 'anything-but': 0 }] }, { x: true }, true],
  ['a list of numbers, excluded', { x: [{ 'anything-but': [100, 200, 300] }] }, { x: 200 }, false],
  ['a list of numbers, other', { x: [{ 'anything-but': [100, 200, 300] }] }, { x: 250 }, true],
  ['zero and minus zero are one', { x: [{ 'anything-but': [0] }] }, { x: -0 }, false],
  [
    'a number ruler cannot compare is not excluded',
    { x: [{ 'anything-but': [0] }] },
    { x: 1e-7 },
    true,
  ],
  [
    'an event array with an allowed value',
    { s: [{ 'anything-but': 'a' }] },
    { s: ['a', 'b'] },
    true,
  ],
  [
    'an event array of excluded values only',
    { s: [{ 'anything-but': ['a', 'b'] }] },
    { s: ['a', 'b'] },
    false,
  ],
  ['an empty event array', { s: [{ 'anything-but': 'a' }] }, { s: [] }, false],
  ['an object is not a value', { s: [{ 'anything-but': 'a' }] }, { s: { t: 'b' } }, false],
  ['the empty string excluded', { s: [{ 'anything-but': '' }] }, { s: '' }, false],
  ['the empty string, other value', { s: [{ 'anything-but': '' }] }, { s: 'x' }, true],
];

const variants: MatchCase[] = [
  ['prefix, excluded', { r: [{ 'anything-but': { prefix: 'us-' } }] }, { r: 'us-east-1' }, false],
  ['prefix, other', { r: [{ 'anything-but': { prefix: 'us-' } }] }, { r: 'eu-west-1' }, true],
  ['prefix, a number', { r: [{ 'anything-but': { prefix: '1' } }] }, { r: 123 }, true],
  ['prefix, null', { r: [{ 'anything-but': { prefix: 'n' } }] }, { r: null }, true],
  ['prefix, missing', { r: [{ 'anything-but': { prefix: 'us-' } }] }, {}, false],
  [
    'prefix list, excluded',
    { r: [{ 'anything-but': { prefix: ['us-', 'eu-'] } }] },
    { r: 'eu-west-1' },
    false,
  ],
  [
    'prefix list, other',
    { r: [{ 'anything-but': { prefix: ['us-', 'eu-'] } }] },
    { r: 'ap-south-1' },
    true,
  ],
  [
    'prefix, case sensitive',
    { r: [{ 'anything-but': { prefix: 'us-' } }] },
    { r: 'US-east-1' },
    true,
  ],
  ['suffix, excluded', { f: [{ 'anything-but': { suffix: '.png' } }] }, { f: 'a.png' }, false],
  ['suffix, other', { f: [{ 'anything-but': { suffix: '.png' } }] }, { f: 'a.jpg' }, true],
  [
    'suffix list, excluded',
    { f: [{ 'anything-but': { suffix: ['.png', '.txt'] } }] },
    { f: 'a.txt' },
    false,
  ],
  ['suffix, not a string', { f: [{ 'anything-but': { suffix: '1' } }] }, { f: 1 }, true],
  [
    'ignoring case, excluded',
    { s: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] },
    { s: 'INITIALIZING' },
    false,
  ],
  [
    'ignoring case, other',
    { s: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] },
    { s: 'running' },
    true,
  ],
  [
    'ignoring case list',
    { s: [{ 'anything-but': { 'equals-ignore-case': ['a', 'B'] } }] },
    { s: 'b' },
    false,
  ],
  [
    'ignoring case, null',
    { s: [{ 'anything-but': { 'equals-ignore-case': 'null' } }] },
    { s: null },
    true,
  ],
  [
    'wildcard, excluded',
    { p: [{ 'anything-but': { wildcard: '*/lib/*' } }] },
    { p: '/usr/lib/x.so' },
    false,
  ],
  [
    'wildcard, other',
    { p: [{ 'anything-but': { wildcard: '*/lib/*' } }] },
    { p: '/usr/bin/x' },
    true,
  ],
  [
    'wildcard list',
    { p: [{ 'anything-but': { wildcard: ['*.png', '*.jpg'] } }] },
    { p: 'a.jpg' },
    false,
  ],
  ['wildcard, a number', { p: [{ 'anything-but': { wildcard: '*' } }] }, { p: 5 }, true],
  [
    'wildcard star excludes every string',
    { p: [{ 'anything-but': { wildcard: '*' } }] },
    { p: 'x' },
    false,
  ],
  [
    'an empty prefix list excludes nothing',
    { p: [{ 'anything-but': { prefix: [] } }] },
    { p: 'x' },
    true,
  ],
];

describe('anything-but', () => {
  it.each(values)('%s', (_, pattern, event, expected) => {
    expect(matches(pattern, event)).toBe(expected);
  });
  it.each(variants)('%s', (_, pattern, event, expected) => {
    expect(matches(pattern, event)).toBe(expected);
  });

  it('two anything-but entries in one list are an OR: each lets the other value through', () => {
    const pattern = { source: [{ 'anything-but': 'aws.ec2' }, { 'anything-but': 'aws.lambda' }] };
    expect(matches(pattern, { source: 'aws.ec2' })).toBe(true);
    expect(matches(pattern, { source: 'aws.lambda' })).toBe(true);
  });
});
