import { describe, expect, it } from 'vitest';
import { GlobTokens, globMatcher } from '../../../src/engine/glob/index.js';
import { Rng } from '../../helpers/rng.js';

/** `*` and `?` wild, everything else literal (the spelling IAM and EC2 share). */
function glob(pattern: string, caseInsensitive = false) {
  const tokens = new GlobTokens();
  for (const ch of pattern) {
    if (ch === '*') tokens.star();
    else if (ch === '?') tokens.any();
    else tokens.literal(ch);
  }
  return globMatcher(tokens.tokens, { caseInsensitive });
}

/** The backtracking spelling the matcher replaced: the reference on short texts. */
function reference(pattern: string, text: string, caseInsensitive = false): boolean {
  const source = [...pattern]
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's').test(text);
}

describe('glob matching', () => {
  const cases: Array<[string, string, boolean]> = [
    ['', '', true],
    ['', 'a', false],
    ['*', '', true],
    ['*', 'anything:at/all', true],
    ['?', '', false],
    ['?', 'x', true],
    ['?', 'xy', false],
    ['a*', 'a', true],
    ['a*', 'ba', false],
    ['*a', 'ba', true],
    ['*a', 'ab', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'acb', false],
    ['a*b*c', 'abcbc', true],
    ['a*b?c', 'abbbxc', true],
    ['a*b?c', 'abc', false],
    ['*ab*ab*', 'abab', true],
    ['*ab*ab*', 'aba', false],
    ['**a**', 'xax', true],
    ['a.b', 'aXb', false],
    ['(x)+[y]', '(x)+[y]', true],
    // A long ARN against the nested-star pattern that froze a backtracking engine.
    [`${'*a'.repeat(40)}*b`, `arn:aws:s3:::${'a'.repeat(5000)}`, false],
    [`${'*a'.repeat(40)}*b`, `arn:aws:s3:::${'a'.repeat(5000)}b`, true],
    [`${'?'.repeat(30)}*${'?'.repeat(30)}!`, 'x'.repeat(20000), false],
  ];

  it.each(cases)('%s against %s → %s', (pattern, text, expected) => {
    expect(glob(pattern).test(text)).toBe(expected);
  });

  it('compares units as the case-insensitive RegExp did', () => {
    for (const [pattern, text, expected] of [
      ['ecs:run*', 'ECS:RunTask', true],
      ['ÉCS', 'écs', true],
      ['straße', 'STRASSE', false],
      ['K', '\u212a', false], // Kelvin sign: non-ASCII never folds onto ASCII without `u`.
      ['ǆ', 'Ǆ', true],
    ] as const) {
      expect(glob(pattern, true).test(text), `${pattern} ~ ${text}`).toBe(expected);
      expect(reference(pattern, text, true)).toBe(expected);
    }
  });

  it('agrees with the regular-expression reference on random short patterns', () => {
    // Seeded: the same 20,000 pairs every run.
    const rng = new Rng(0x5eed);
    const alphabet = ['a', 'b', 'A', ':', '*', '?'];
    const pick = (n: number, letters: string[]) =>
      Array.from({ length: rng.int(0, n - 1) }, () => rng.pick(letters)).join('');
    for (let k = 0; k < 20_000; k++) {
      const pattern = pick(8, alphabet);
      const text = pick(10, ['a', 'b', 'A', ':']);
      const fold = k % 2 === 0;
      expect(glob(pattern, fold).test(text), `${pattern} ~ ${text} (fold ${fold})`).toBe(
        reference(pattern, text, fold),
      );
    }
  });
});
