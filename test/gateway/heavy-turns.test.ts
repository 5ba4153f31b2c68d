import { describe, expect, it } from 'vitest';
import { heavyTurn } from '../../src/gateway/heavy-turns.js';

describe('heavyTurn', () => {
  it('lets one waiting step run per turn of the event loop', async () => {
    // Counts turns: one increment per check phase, for as long as the steps wait.
    let iteration = 0;
    let ticking = true;
    const tick = () => {
      iteration++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const seen: number[] = [];
    const step = () => heavyTurn().then(() => void seen.push(iteration));
    await Promise.all([step(), step(), step(), step()]);
    ticking = false;
    expect(new Set(seen).size).toBe(4);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });
});
