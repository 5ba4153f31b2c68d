/** POST /_teiki/clock against the admin handler itself: moves one at a time. */
import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../src/engine/clock/index.js';
import { coreAdminRoutes, createAdminHandler } from '../../src/gateway/admin/routes.js';

const T0 = Date.parse('2026-11-28T00:00:00Z');

function handler() {
  const clock = createVirtualClock(T0);
  const handle = createAdminHandler(
    coreAdminRoutes({
      clock,
      metrics: { render: () => '' },
      describe: () => ({}),
      reset: () => Promise.resolve(),
      shutdown: () => {},
    }),
  );
  const post = (body: unknown) =>
    handle({
      method: 'POST',
      path: '/_teiki/clock',
      query: new URLSearchParams(),
      body: Buffer.from(JSON.stringify(body)),
    });
  return { clock, post };
}

describe('POST /_teiki/clock while the clock is moving', () => {
  it('answers 409 naming the move under way, and the first move completes', async () => {
    const { clock, post } = handler();
    // Work woken on the way keeps the first move busy for a few turns.
    void clock.sleepUntil(T0 + 1_000).then(async () => {
      for (let i = 0; i < 20; i++) {
        clock.nowMs();
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    const first = post({ advanceSeconds: 3600 });
    const second = await post({ set: '2027-01-01T00:00:00Z' });
    expect(second.status).toBe(409);
    expect(JSON.parse(second.body as string)).toEqual({
      error: 'Conflict',
      message:
        'The clock is already moving (to 2026-11-28T01:00:00.000Z); try again once that move has answered.',
    });
    expect((await first).status).toBe(200);
    expect(clock.now().toISOString()).toBe('2026-11-28T01:00:00.000Z');
    expect((await post({ advanceSeconds: 60 })).status).toBe(200);
  });
});
