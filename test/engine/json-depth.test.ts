import { describe, expect, it } from 'vitest';
import { jsonNestsDeeperThan } from '../../src/engine/json-depth.js';

describe('jsonNestsDeeperThan', () => {
  it.each([
    ['{}', 1, false],
    ['{}', 0, true],
    ['[[[]]]', 3, false],
    ['[[[]]]', 2, true],
    ['[{"a":[1]}]', 3, false],
    ['[{"a":[1]}]', 2, true],
    ['["[[[[[[", "{{{{"]', 1, false],
    ['["\\"[[[["]', 1, false],
    ['["\\\\", [[]]]', 2, true],
    ['[] [] [] []', 1, false],
    ['not json at all', 0, false],
  ])('%s with at most %i levels → %s', (text, max, expected) => {
    expect(jsonNestsDeeperThan(text, max)).toBe(expected);
  });

  it('counts a million levels without recursion', () => {
    const deep = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;
    expect(jsonNestsDeeperThan(deep)).toBe(true);
    expect(jsonNestsDeeperThan(deep, 1_000_000)).toBe(false);
  });
});
