import { describe, expect, it } from 'vitest';
import { matches } from './helpers.js';

/** Ruler refuses a match whose fields come from different elements of the same array. */
describe('array consistency', () => {
  const employees = {
    employees: [
      { firstName: 'John', lastName: 'Doe' },
      { firstName: 'Anna', lastName: 'Smith' },
      { firstName: 'Peter', lastName: 'Jones' },
    ],
  };

  it.each([
    ['Anna', 'Smith', true],
    ['Anna', 'Jones', false],
    ['Peter', 'Jones', true],
    ['John', 'Smith', false],
  ])('%s %s', (firstName, lastName, expected) => {
    const pattern = { employees: { firstName: [firstName], lastName: [lastName] } };
    expect(matches(pattern, employees)).toBe(expected);
  });

  it('holds through arrays of arrays', () => {
    const event = {
      e: [
        [
          { f: 'John', l: 'Doe' },
          { f: 'Anna', l: 'Smith' },
        ],
        [{ f: 'Peter', l: 'Jones' }],
      ],
    };
    expect(matches({ e: { f: ['Anna'], l: ['Smith'] } }, event)).toBe(true);
    expect(matches({ e: { f: ['Anna'], l: ['Jones'] } }, event)).toBe(false);
  });

  it('holds across nesting levels: an inner array belongs to its outer element', () => {
    const event = {
      a: [
        { id: 1, tags: ['x'] },
        { id: 2, tags: ['y', 'z'] },
      ],
    };
    expect(matches({ a: { id: [2], tags: ['z'] } }, event)).toBe(true);
    expect(matches({ a: { id: [1], tags: ['z'] } }, event)).toBe(false);
  });

  it('scalars directly in two arrays never constrain each other', () => {
    expect(matches({ a: ['1'], b: ['4'] }, { a: ['1', '2'], b: ['3', '4'] })).toBe(true);
  });

  it('fields under different arrays are independent', () => {
    const event = { a: [{ v: 1 }, { v: 2 }], b: [{ v: 3 }, { v: 4 }] };
    expect(matches({ a: { v: [2] }, b: { v: [3] } }, event)).toBe(true);
  });

  it('a field outside the array combines with any element', () => {
    const event = { top: 't', a: [{ v: 1 }, { v: 2 }] };
    expect(matches({ top: ['t'], a: { v: [2] } }, event)).toBe(true);
  });

  it('one element may satisfy several operators on different fields', () => {
    const event = {
      c: [
        { exitCode: 0, name: 'sidecar' },
        { exitCode: 2, name: 'app' },
      ],
    };
    const pattern = { c: { exitCode: [{ 'anything-but': 0 }], name: [{ prefix: 'ap' }] } };
    expect(matches(pattern, event)).toBe(true);
    const other = { c: { exitCode: [{ 'anything-but': 0 }], name: [{ prefix: 'side' }] } };
    expect(matches(other, event)).toBe(false);
  });
});
