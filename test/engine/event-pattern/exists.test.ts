import { describe, expect, it } from 'vitest';
import { type MatchCase, matches } from './helpers.js';

const cases: MatchCase[] = [
  ['exists: a string', { p: [{ exists: true }] }, { p: 'x' }, true],
  ['exists: the empty string', { p: [{ exists: true }] }, { p: '' }, true],
  ['exists: a number', { p: [{ exists: true }] }, { p: 0 }, true],
  ['exists: false', { p: [{ exists: true }] }, { p: false }, true],
  ['exists: null is a value', { p: [{ exists: true }] }, { p: null }, true],
  ['exists: missing', { p: [{ exists: true }] }, { q: 1 }, false],
  ['exists: an object is not a leaf', { p: [{ exists: true }] }, { p: { c: 1 } }, false],
  ['exists: an empty array has no value', { p: [{ exists: true }] }, { p: [] }, false],
  ['exists: an array with values', { p: [{ exists: true }] }, { p: [1] }, true],
  ['exists: an array of objects only', { p: [{ exists: true }] }, { p: [{ c: 1 }] }, false],
  ['absent: missing', { p: [{ exists: false }] }, { q: 1 }, true],
  ['absent: present', { p: [{ exists: false }] }, { p: 'x' }, false],
  ['absent: null is present', { p: [{ exists: false }] }, { p: null }, false],
  ['absent: an object is not a leaf', { p: [{ exists: false }] }, { p: { c: 1 } }, true],
  ['absent: an empty array', { p: [{ exists: false }] }, { p: [] }, true],
  ['absent: the parent is missing', { d: { p: [{ exists: false }] } }, {}, true],
  [
    'absent: an unknown top-level name matches everything',
    { nonesuch: [{ exists: false }] },
    { source: 'x' },
    true,
  ],
  ['absent or a value: absent', { p: [{ exists: false }, 'x'] }, {}, true],
  ['absent or a value: the value', { p: [{ exists: false }, 'x'] }, { p: 'x' }, true],
  ['absent or a value: another value', { p: [{ exists: false }, 'x'] }, { p: 'y' }, false],
  [
    'absent or anything-but, neither',
    { h: { S: [{ 'anything-but': ['roses'] }, { exists: false }] } },
    { h: { S: 'roses' } },
    false,
  ],
  [
    'absent or anything-but, absent',
    { h: { S: [{ 'anything-but': ['roses'] }, { exists: false }] } },
    { g: 1 },
    true,
  ],
  ['absent with another field', { a: ['1'], b: [{ exists: false }] }, { a: '1' }, true],
  ['absent with another field that fails', { a: ['1'], b: [{ exists: false }] }, { a: '2' }, false],
  [
    'exists inside an array of objects',
    { c: { e: [{ exists: true }] } },
    { c: [{ n: 1 }, { e: 0 }] },
    true,
  ],
];

describe('exists', () => {
  it.each(cases)('%s', (_, pattern, event, expected) => {
    expect(matches(pattern, event)).toBe(expected);
  });

  /*
   * Ruler decides absence against the array element the fields sorted before it picked:
   * "containers.exitCode" sorts before "containers.name", so it is judged before any
   * element is chosen (present somewhere: not absent), while "containers.reason" sorts
   * after "containers.name" and is judged within the element named "b".
   */
  it('absence inside an array depends on which fields sort before it', () => {
    const event = { containers: [{ name: 'a', exitCode: 1, reason: 'r' }, { name: 'b' }] };
    expect(matches({ containers: { name: ['b'], exitCode: [{ exists: false }] } }, event)).toBe(
      false,
    );
    expect(matches({ containers: { name: ['b'], reason: [{ exists: false }] } }, event)).toBe(true);
    expect(matches({ containers: { name: ['a'], reason: [{ exists: false }] } }, event)).toBe(
      false,
    );
  });
});
