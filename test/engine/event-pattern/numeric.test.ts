import { describe, expect, it } from 'vitest';
import { matches } from './helpers.js';

type RangeCase = readonly [expression: unknown[], matching: unknown[], notMatching: unknown[]];

const ranges: RangeCase[] = [
  [
    ['>', 0],
    [0.000001, 1, 5e9],
    [0, -1, '1', null],
  ],
  [
    ['>=', 0],
    [0, 1],
    [-0.000001, '0'],
  ],
  [
    ['<', 10],
    [9.999999, -5e9, 0],
    [10, 11, '5'],
  ],
  [
    ['<=', 10],
    [10, -3],
    [10.000001, 11],
  ],
  [
    ['=', 3.018e2],
    [301.8, 301.8],
    [301.81, '301.8'],
  ],
  [['=', 0], [0, -0, 0.0], [0.000001]],
  [
    ['>', 0, '<=', 5],
    [0.5, 5, 3],
    [0, 5.000001, 6],
  ],
  [
    ['>=', 0, '<', 5],
    [0, 4.999999],
    [5, -0.000001],
  ],
  [
    ['>', -10, '<', -5],
    [-9, -5.5],
    [-10, -5, 0],
  ],
  [['>=', -5e9, '<=', 5e9], [-5e9, 0, 5e9], []],
  [
    ['>', 1.5],
    [1.500001, 2],
    [1.5, 1.4999999],
  ],
];

describe('numeric', () => {
  it.each(ranges)('%j', (expression, yes, no) => {
    const pattern = { n: [{ numeric: expression }] };
    for (const n of yes) expect(matches(pattern, { n }), `${String(n)} matches`).toBe(true);
    for (const n of no) expect(matches(pattern, { n }), `${String(n)} does not match`).toBe(false);
  });

  it('numbers beyond ±5e9 or with more than six decimals are never numeric-matched', () => {
    expect(matches({ n: [{ numeric: ['>', 0] }] }, { n: 5000000001 })).toBe(false);
    expect(matches({ n: [{ numeric: ['<', 0] }] }, { n: -5000000001 })).toBe(false);
    expect(matches({ n: [{ numeric: ['>', 0] }] }, { n: 1.0000001 })).toBe(false);
    expect(matches({ n: [{ numeric: ['>', 0] }] }, { n: 1.000001 })).toBe(true);
  });

  it('an event array matches when one element is in range', () => {
    expect(matches({ n: [{ numeric: ['>', 10] }] }, { n: [1, 2, 30] })).toBe(true);
    expect(matches({ n: [{ numeric: ['>', 10] }] }, { n: [1, 2, 3] })).toBe(false);
  });

  it('a missing field is not in any range', () => {
    expect(matches({ n: [{ numeric: ['>=', -5e9] }] }, {})).toBe(false);
  });

  it('several ranges in one list are an OR', () => {
    const pattern = { n: [{ numeric: ['<', 0] }, { numeric: ['>', 100] }] };
    expect([-1, 50, 101].map((n) => matches(pattern, { n }))).toEqual([true, false, true]);
  });

  it('a one-sided range at the limit is accepted and empty', () => {
    expect(matches({ n: [{ numeric: ['>', 5e9] }] }, { n: 5e9 })).toBe(false);
    expect(matches({ n: [{ numeric: ['>=', 5e9] }] }, { n: 5e9 })).toBe(true);
  });
});
