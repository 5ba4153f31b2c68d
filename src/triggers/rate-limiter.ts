/**
 * API destinations' InvocationRateLimitPerSecond: a token bucket per destination on the
 * teiki clock, holding one second's worth of invocations. It is kept as a "theoretical
 * arrival time" (GCRA): each invocation takes the next slot 1/rate seconds after the
 * previous one, and may go early by up to the bucket's size. Waiters are served in the
 * order they asked, and a wait is a sleep on the teiki clock, so on a virtual clock
 * invocations beyond the burst go out as the clock moves, as queued events do on AWS.
 */
import type { Clock } from '../engine/clock/types.js';

interface Bucket {
  rate: number;
  /** When the bucket would next be empty, in ms on the teiki clock. */
  theoreticalMs: number;
}

export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();

  constructor(private readonly clock: Clock) {}

  /** Waits until `key` may make one more invocation at `ratePerSecond`. */
  async acquire(key: string, ratePerSecond: number): Promise<void> {
    const at = this.reserve(key, ratePerSecond);
    if (at > this.clock.nowMs()) await this.clock.sleepUntil(at);
  }

  /** Takes the next slot and answers when it opens. */
  reserve(key: string, ratePerSecond: number): number {
    const now = this.clock.nowMs();
    const interval = 1000 / ratePerSecond;
    let bucket = this.#buckets.get(key);
    if (!bucket || bucket.rate !== ratePerSecond) {
      bucket = { rate: ratePerSecond, theoreticalMs: now };
      this.#buckets.set(key, bucket);
    }
    const burstMs = 1000 - interval;
    const start = Math.max(bucket.theoreticalMs, now);
    const opensAt = Math.max(now, start - burstMs);
    bucket.theoreticalMs = start + interval;
    return opensAt;
  }

  clear(): void {
    this.#buckets.clear();
  }
}
