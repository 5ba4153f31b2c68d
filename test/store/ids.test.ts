import { describe, expect, it } from 'vitest';
import { compareIds, prefixUpperBound } from '../../src/store/ids.js';

/** Reference order: compare arrays of code points. */
function byCodePoint(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]! - y[i]!;
  }
  return x.length - y.length;
}

const samples = [
  '',
  'a',
  'ab',
  'b',
  'é',
  '\ud7ff',
  '\ue000',
  '\uffff',
  '😀',
  '😀a',
  '\u{10FFFF}',
  'a\u{10FFFF}',
];

describe('compareIds', () => {
  it.each(samples.flatMap((a) => samples.map((b) => [a, b] as const)))(
    '%j vs %j agrees with code-point order',
    (a, b) => {
      expect(Math.sign(compareIds(a, b))).toBe(Math.sign(byCodePoint(a, b)));
    },
  );
});

describe('prefixUpperBound', () => {
  it.each([
    { prefix: 'a', bound: 'b' },
    { prefix: 'task/', bound: 'task0' },
    { prefix: '%', bound: '&' },
    { prefix: '\ud7ff', bound: '\ue000' },
    { prefix: '\uffff', bound: '\u{10000}' },
    { prefix: 'a\u{10FFFF}', bound: 'b' },
    { prefix: 'a\u{10FFFF}\u{10FFFF}', bound: 'b' },
    { prefix: '\u{10FFFF}', bound: undefined },
    { prefix: '', bound: undefined },
  ])('$prefix → $bound', ({ prefix, bound }) => {
    expect(prefixUpperBound(prefix)).toBe(bound);
  });

  it.each(samples.filter(Boolean))('bounds exactly the ids starting with %j', (prefix) => {
    const bound = prefixUpperBound(prefix);
    const candidates = samples.flatMap((s) => [s, prefix + s, prefix + '\u{10FFFF}' + s]);
    for (const id of candidates) {
      const inRange =
        compareIds(id, prefix) >= 0 && (bound === undefined || compareIds(id, bound) < 0);
      expect(inRange, id).toBe(id.startsWith(prefix));
    }
  });
});
