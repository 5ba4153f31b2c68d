import { setMaxListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import {
  AbortError,
  createRealClock,
  createVirtualClock,
  isAbortError,
  type VirtualClock,
} from '../../src/engine/clock/index.js';
import { MAX_INSTANT_MS } from '../../src/engine/clock/limits.js';

const T0 = Date.UTC(2024, 0, 1, 0, 0, 0);
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Records, for every sleeper that wakes, its label and the clock reading it saw. */
function recorder(clock: VirtualClock) {
  const woke: Array<[string, number]> = [];
  const sleep = (label: string, atMs: number, signal?: AbortSignal) =>
    clock.sleepUntil(atMs, signal).then(() => {
      woke.push([label, clock.nowMs()]);
    });
  return { woke, sleep };
}

describe('virtual clock', () => {
  it('reads its start and reports its mode', () => {
    const clock = createVirtualClock(T0);
    expect(clock.mode).toBe('virtual');
    expect(clock.nowMs()).toBe(T0);
    expect(clock.now().toISOString()).toBe('2024-01-01T00:00:00.000Z');
  });

  it('wakes sleepers in time order, each seeing its own instant', async () => {
    const clock = createVirtualClock(T0);
    const { woke, sleep } = recorder(clock);
    void sleep('c', T0 + 300);
    void sleep('a', T0 + 100);
    void sleep('b', T0 + 200);
    await clock.advance(1_000);
    expect(woke).toEqual([
      ['a', T0 + 100],
      ['b', T0 + 200],
      ['c', T0 + 300],
    ]);
    expect(clock.nowMs()).toBe(T0 + 1_000);
  });

  it('wakes ties in registration order', async () => {
    const clock = createVirtualClock(T0);
    const { woke, sleep } = recorder(clock);
    for (const label of ['first', 'second', 'third']) void sleep(label, T0 + 50);
    void sleep('earlier', T0 + 10);
    await clock.advance(50);
    expect(woke.map(([label]) => label)).toEqual(['earlier', 'first', 'second', 'third']);
  });

  it('lets woken work finish, and wakes sleepers it adds inside the window', async () => {
    const clock = createVirtualClock(T0);
    const log: string[] = [];
    const worker = async () => {
      await clock.sleepUntil(T0 + 100);
      log.push(`tick at ${clock.nowMs() - T0}`);
      // Work that spans macrotask turns without touching the clock.
      await Promise.resolve();
      await turn();
      await turn();
      await clock.sleepUntil(T0 + 150);
      log.push(`tock at ${clock.nowMs() - T0}`);
      await clock.sleepUntil(T0 + 5_000);
      log.push('too late');
    };
    void worker();
    await clock.advance(1_000);
    expect(log).toEqual(['tick at 100', 'tock at 150']);
    expect(clock.nowMs()).toBe(T0 + 1_000);
  });

  it('waits for work in flight outside the event loop (a database round trip) before moving on', async () => {
    // Stands for a store whose statements travel to a server: each takes a real-time
    // while, far more than the turns the clock waits for quiet.
    let pending = 0;
    let settled: Array<() => void> = [];
    const roundTrip = () => {
      pending++;
      return new Promise<void>((resolve) =>
        setTimeout(() => {
          pending--;
          for (const wake of settled.splice(0)) wake();
          resolve();
        }, 20),
      );
    };
    const clock = createVirtualClock(T0, {
      inFlight: () =>
        pending === 0 ? undefined : new Promise<void>((resolve) => settled.push(resolve)),
    });
    const seen: number[] = [];
    void (async () => {
      await clock.sleepUntil(T0 + 1_000);
      await roundTrip();
      await roundTrip();
      seen.push(clock.nowMs());
    })();
    await clock.advance(5_000);
    expect(seen).toEqual([T0 + 1_000]);
    settled = [];
  });

  it('runs a periodic loop once per period within the window', async () => {
    const clock = createVirtualClock(T0);
    const fired: number[] = [];
    const stop = new AbortController();
    const loop = async () => {
      let next = T0 + 60_000;
      for (;;) {
        await clock.sleepUntil(next, stop.signal);
        fired.push((clock.nowMs() - T0) / 60_000);
        next += 60_000;
      }
    };
    const running = loop().catch((error: unknown) => error);
    await clock.advance(10 * 60_000);
    expect(fired).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    stop.abort();
    expect(isAbortError(await running)).toBe(true);
  });

  it('leaves sleepers beyond the target pending', async () => {
    const clock = createVirtualClock(T0);
    const { woke, sleep } = recorder(clock);
    void sleep('now', T0 + 100);
    void sleep('later', T0 + 101);
    await clock.advance(100);
    expect(woke).toEqual([['now', T0 + 100]]);
    await clock.advance(1);
    expect(woke).toEqual([
      ['now', T0 + 100],
      ['later', T0 + 101],
    ]);
  });

  it('resolves at once an instant that has come', async () => {
    const clock = createVirtualClock(T0);
    await clock.sleepUntil(T0);
    await clock.sleepUntil(T0 - 1_000);
    expect(clock.nowMs()).toBe(T0);
  });

  it('rejects with an AbortError when aborted, and forgets the sleeper', async () => {
    const clock = createVirtualClock(T0);
    const { woke, sleep } = recorder(clock);
    const controller = new AbortController();
    const aborted = clock.sleepUntil(T0 + 100, controller.signal);
    void sleep('kept', T0 + 100);
    controller.abort();
    await expect(aborted).rejects.toSatisfy(isAbortError);
    await expect(aborted).rejects.toBeInstanceOf(AbortError);
    await clock.advance(200);
    expect(woke).toEqual([['kept', T0 + 100]]);
  });

  it('rejects at once for a signal already aborted', async () => {
    const clock = createVirtualClock(T0);
    const reason = new Error('shutting down');
    const sleeping = clock.sleepUntil(T0 + 1, AbortSignal.abort(reason));
    await expect(sleeping).rejects.toMatchObject({ name: 'AbortError', cause: reason });
    // Even an instant already reached: an aborted wait is never a successful one.
    await expect(clock.sleepUntil(T0, AbortSignal.abort())).rejects.toSatisfy(isAbortError);
  });

  it('aborting after waking changes nothing', async () => {
    const clock = createVirtualClock(T0);
    const controller = new AbortController();
    const sleeping = clock.sleepUntil(T0 + 10, controller.signal);
    await clock.advance(10);
    controller.abort();
    await expect(sleeping).resolves.toBeUndefined();
  });

  it('set backward moves only the reading; sleepers wait for the time to come again', async () => {
    const clock = createVirtualClock(T0);
    const { woke, sleep } = recorder(clock);
    void sleep('s', T0 + 100);
    await clock.set(T0 - 1_000);
    expect(clock.nowMs()).toBe(T0 - 1_000);
    await clock.advance(1_050);
    expect(woke).toEqual([]);
    await clock.advance(50);
    expect(woke).toEqual([['s', T0 + 100]]);
  });

  it('set forward wakes as advance does', async () => {
    const clock = createVirtualClock(T0);
    const { woke, sleep } = recorder(clock);
    void sleep('b', T0 + 2_000);
    void sleep('a', T0 + 1_000);
    await clock.set(T0 + 1_500);
    expect(woke).toEqual([['a', T0 + 1_000]]);
    expect(clock.nowMs()).toBe(T0 + 1_500);
  });

  it('advance(0) keeps the reading and still tells listeners', async () => {
    const clock = createVirtualClock(T0);
    const jumps: number[] = [];
    clock.onJump((now) => jumps.push(now));
    await clock.advance(0);
    expect(clock.nowMs()).toBe(T0);
    expect(jumps).toEqual([T0]);
  });

  it('tells jump listeners the final reading, after the sleepers woke', async () => {
    const clock = createVirtualClock(T0);
    const events: string[] = [];
    void clock.sleepUntil(T0 + 10).then(() => events.push('sleeper'));
    const unsubscribe = clock.onJump((now) => events.push(`jump ${now - T0}`));
    await clock.advance(100);
    await clock.set(T0 + 50);
    unsubscribe();
    await clock.advance(100);
    expect(events).toEqual(['sleeper', 'jump 100', 'jump 50']);
  });

  it('survives a throwing listener and reports it', async () => {
    const onError = vi.fn();
    const clock = createVirtualClock(T0, { onError });
    const failure = new Error('listener broke');
    const seen: number[] = [];
    clock.onJump(() => {
      throw failure;
    });
    clock.onJump((now) => seen.push(now));
    await clock.advance(5);
    expect(onError).toHaveBeenCalledWith(failure);
    expect(seen).toEqual([T0 + 5]);
    await clock.advance(5);
    expect(clock.nowMs()).toBe(T0 + 10);
  });

  it('serializes concurrent advances', async () => {
    const clock = createVirtualClock(T0);
    const { woke, sleep } = recorder(clock);
    void sleep('a', T0 + 150);
    void sleep('b', T0 + 250);
    await Promise.all([clock.advance(100), clock.advance(100), clock.set(T0 + 300)]);
    expect(woke).toEqual([
      ['a', T0 + 150],
      ['b', T0 + 250],
    ]);
    expect(clock.nowMs()).toBe(T0 + 300);
  });

  it.each([
    ['advance(-1)', (c: VirtualClock) => c.advance(-1)],
    ['advance(NaN)', (c: VirtualClock) => c.advance(Number.NaN)],
    ['advance(Infinity)', (c: VirtualClock) => c.advance(Number.POSITIVE_INFINITY)],
    ['set(NaN)', (c: VirtualClock) => c.set(Number.NaN)],
    ['sleepUntil(NaN)', (c: VirtualClock) => c.sleepUntil(Number.NaN)],
    // The clock reads 1970 to the end of 9999: what ISO-8601 and AWS timestamps can write.
    ['advance(1e303)', (c: VirtualClock) => c.advance(1e303)],
    ['advance past 9999', (c: VirtualClock) => c.advance(MAX_INSTANT_MS - T0 + 1)],
    ['set(8.64e15)', (c: VirtualClock) => c.set(8.64e15)],
    ['set(-1)', (c: VirtualClock) => c.set(-1)],
  ])('refuses %s', async (_label, call) => {
    const clock = createVirtualClock(T0);
    await expect(call(clock)).rejects.toBeInstanceOf(RangeError);
    expect(clock.nowMs()).toBe(T0);
  });

  it('reaches the last millisecond of 9999 and reads it', async () => {
    const clock = createVirtualClock(T0);
    await clock.advance(MAX_INSTANT_MS - T0);
    expect(clock.now().toISOString()).toBe('9999-12-31T23:59:59.999Z');
    expect(() => createVirtualClock(MAX_INSTANT_MS + 1)).toThrow(RangeError);
  });

  it('says which move is under way, and tells move listeners before sleepers wake', async () => {
    const clock = createVirtualClock(T0);
    const seen: string[] = [];
    clock.onMove((move) => seen.push(`move ${move.fromMs - T0}→${move.toMs - T0}`));
    void clock.sleepUntil(T0 + 50).then(() => seen.push('sleeper'));
    expect(clock.moving()).toBeUndefined();
    const first = clock.advance(100);
    const second = clock.set(T0 + 300);
    expect(clock.moving()).toEqual({ toMs: T0 + 300 });
    await Promise.all([first, second]);
    expect(clock.moving()).toBeUndefined();
    expect(seen).toEqual(['move 0→100', 'sleeper', 'move 100→300']);
  });

  it('wakes 10,000 sleepers in order', async () => {
    const clock = createVirtualClock(T0);
    const count = 10_000;
    const woke: number[] = [];
    const readings: number[] = [];
    // A scrambled but reproducible order of instants, with ties.
    const instants = Array.from({ length: count }, (_, i) => T0 + 1 + ((i * 7_919) % 5_000));
    const controller = new AbortController();
    // One shutdown signal shared by many sleepers is the expected use.
    setMaxListeners(count, controller.signal);
    instants.forEach((at, i) => {
      const signal = i % 10 === 0 ? controller.signal : undefined;
      clock.sleepUntil(at, signal).then(
        () => {
          woke.push(i);
          readings.push(clock.nowMs());
        },
        () => {},
      );
    });
    controller.abort();
    await clock.advance(5_000);
    const expected = instants
      .map((at, i) => ({ at, i }))
      .filter(({ i }) => i % 10 !== 0)
      .sort((a, b) => a.at - b.at || a.i - b.i);
    expect(woke).toEqual(expected.map(({ i }) => i));
    expect(readings).toEqual(expected.map(({ at }) => at));
  });
});

describe('real clock', () => {
  it('reads the wall clock', () => {
    const clock = createRealClock();
    expect(clock.mode).toBe('real');
    const before = Date.now();
    const reading = clock.nowMs();
    expect(reading).toBeGreaterThanOrEqual(before);
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(reading);
  });

  it('resolves a short sleep once the clock reads at least the target', async () => {
    const clock = createRealClock();
    const target = clock.nowMs() + 20;
    await clock.sleepUntil(target);
    expect(clock.nowMs()).toBeGreaterThanOrEqual(target);
  });

  it('resolves an instant in the past at once', async () => {
    const clock = createRealClock();
    const timers = vi.spyOn(globalThis, 'setTimeout');
    try {
      await clock.sleepUntil(clock.nowMs() - 60_000);
      expect(timers).not.toHaveBeenCalled();
    } finally {
      timers.mockRestore();
    }
  });

  it('rejects with an AbortError when aborted, clearing its timer', async () => {
    const clock = createRealClock();
    const controller = new AbortController();
    const sleeping = clock.sleepUntil(clock.nowMs() + 3_600_000, controller.signal);
    controller.abort();
    await expect(sleeping).rejects.toSatisfy(isAbortError);
    await expect(clock.sleepUntil(0, AbortSignal.abort())).rejects.toSatisfy(isAbortError);
  });

  it('never arms a timer longer than a minute, even for a sleep of years', async () => {
    const clock = createRealClock();
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const controller = new AbortController();
    try {
      const sleeping = clock.sleepUntil(clock.nowMs() + 5 * 365 * 86_400_000, controller.signal);
      expect(timers).toHaveBeenCalledTimes(1);
      expect(timers.mock.calls[0]![1]).toBe(60_000);
      controller.abort();
      await expect(sleeping).rejects.toSatisfy(isAbortError);
    } finally {
      timers.mockRestore();
    }
  });

  it('re-reads the wall clock when a timer fires and sleeps again if the time has not come', async () => {
    vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const clock = createRealClock();
      let done = false;
      const sleeping = clock.sleepUntil(T0 + 150_000).then(() => (done = true));
      // The wall clock jumps back by a minute while the first timer runs.
      await vi.advanceTimersByTimeAsync(60_000);
      vi.setSystemTime(T0);
      await vi.advanceTimersByTimeAsync(120_000);
      expect(done).toBe(false);
      // And jumps forward past the target: the next wake (within a minute) notices.
      vi.setSystemTime(T0 + 200_000);
      await vi.advanceTimersByTimeAsync(60_000);
      await sleeping;
      expect(done).toBe(true);
      expect(clock.nowMs()).toBeGreaterThanOrEqual(T0 + 150_000);
    } finally {
      vi.useRealTimers();
    }
  });
});
