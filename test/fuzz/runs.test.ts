import { describe, expect, it } from 'vitest';
import { numberedRun } from './runs.js';

describe('numberedRun', () => {
  const part = (i: number) => `k${i}=${'v'.repeat(i % 3)}`;
  const run = numberedRun(part, '&', 50);
  const joined = (n: number) => Array.from({ length: n }, (_, i) => part(i)).join('&');

  it.each([0, 1, 2, 9, 10, 11, 49, 50])('gives the first %i parts as joining them would', (n) => {
    expect(run(n)).toBe(joined(n));
  });

  it('refuses counts it was not built for', () => {
    expect(() => run(51)).toThrow(RangeError);
    expect(() => run(-1)).toThrow(RangeError);
    expect(() => run(1.5)).toThrow(RangeError);
  });
});
