/** The API destination rate limit: a one-second token bucket on the teiki clock. */
import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../../src/engine/clock/index.js';
import { RateLimiter } from '../../../src/triggers/rate-limiter.js';

const START = Date.parse('2026-01-01T00:00:00Z');

describe('RateLimiter.reserve', () => {
  const cases: Array<{ name: string; rate: number; at: number[]; opens: number[] }> = [
    { name: 'a burst of rate slots opens at once', rate: 3, at: [0, 0, 0], opens: [0, 0, 0] },
    { name: 'then one slot per 1/rate s', rate: 2, at: [0, 0, 0, 0], opens: [0, 0, 500, 1000] },
    { name: 'a rate of 1 spaces by a second', rate: 1, at: [0, 0, 0], opens: [0, 1000, 2000] },
    {
      name: 'an idle second refills the bucket',
      rate: 2,
      at: [0, 0, 1000, 1000],
      opens: [0, 0, 1000, 1000],
    },
    { name: 'half a second refills half', rate: 2, at: [0, 0, 500, 500], opens: [0, 0, 500, 1000] },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const clock = createVirtualClock(START);
      const limiter = new RateLimiter(clock);
      const opens: number[] = [];
      let now = 0;
      for (const at of c.at) {
        if (at > now) await clock.advance(at - now);
        now = at;
        opens.push(limiter.reserve('dest', c.rate) - START);
      }
      expect(opens).toEqual(c.opens);
    });
  }

  it('keeps a bucket per destination, and starts over when the rate changes', () => {
    const clock = createVirtualClock(START);
    const limiter = new RateLimiter(clock);
    expect(limiter.reserve('a', 1)).toBe(START);
    expect(limiter.reserve('b', 1)).toBe(START);
    expect(limiter.reserve('a', 1)).toBe(START + 1000);
    expect(limiter.reserve('a', 5)).toBe(START);
  });
});
