/**
 * Retention: a group's events older than its retention period disappear.
 *
 * Enforced lazily rather than by a background sweep: every read of a group's events starts
 * no earlier than the retention cutoff (so expired events are never seen, to the
 * millisecond, however the clock moves), and the events are physically removed on the
 * paths that touch a group (reads, writes, describes), at most once per minute of clock
 * time per group and process. This keeps the service free of timers and lifecycle hooks,
 * works the same with a virtual clock jumping days ahead, and costs one indexed range
 * delete when something actually expired.
 */
import type { Scope } from '../../store/types.js';
import type { LogsDeps } from './deps.js';
import {
  eventBytes,
  STREAMS,
  streamId,
  type LogGroupRecord,
  type LogStreamRecord,
} from './records.js';

export const DAY_MS = 86_400_000;

/** The values PutRetentionPolicy accepts, in AWS's order. */
export const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
] as const;

const SWEEP_EVERY_MS = 60_000;

/** The oldest timestamp still retained, or undefined when events never expire. */
export function retentionCutoff(group: LogGroupRecord, nowMs: number): number | undefined {
  return group.retentionInDays === undefined ? undefined : nowMs - group.retentionInDays * DAY_MS;
}

/** A read's inclusive start time, raised to the retention cutoff. */
export function visibleStart(
  group: LogGroupRecord,
  nowMs: number,
  startTime: number | undefined,
): number | undefined {
  const cutoff = retentionCutoff(group, nowMs);
  if (cutoff === undefined) return startTime;
  return startTime === undefined ? cutoff : Math.max(startTime, cutoff);
}

export class RetentionSweeper {
  /** Last cutoff applied per (account, region, group), in this process. */
  private readonly applied = new Map<string, number>();

  constructor(private readonly deps: LogsDeps) {}

  /** Removes the group's expired events when enough time has passed since the last sweep. */
  async sweep(scope: Scope, group: LogGroupRecord): Promise<void> {
    const cutoff = retentionCutoff(group, this.deps.clock.nowMs());
    if (cutoff === undefined) return;
    const key = `${scope.accountId}\u0000${scope.region}\u0000${group.logGroupName}`;
    const last = this.applied.get(key);
    if (last !== undefined && cutoff - last < SWEEP_EVERY_MS && cutoff >= last) return;
    this.applied.set(key, cutoff);
    await this.expire(scope, group.logGroupName, cutoff);
  }

  /** Forgets a deleted group, so a new group of that name starts afresh. */
  forget(scope: Scope, logGroupName: string): void {
    this.applied.delete(`${scope.accountId}\u0000${scope.region}\u0000${logGroupName}`);
  }

  private async expire(scope: Scope, logGroupName: string, before: number): Promise<void> {
    const events = this.deps.store.logEvents;
    // The bytes leaving each stream, so storedBytes stays the size of what is retained.
    const leaving = new Map<string, number>();
    for await (const batch of events.scanGroup(scope, logGroupName, { endTime: before })) {
      for (const event of batch) {
        leaving.set(
          event.logStreamName,
          (leaving.get(event.logStreamName) ?? 0) + eventBytes(event.message),
        );
      }
    }
    if (leaving.size === 0) return;
    await events.expire(scope, logGroupName, before);
    await this.deps.store.transaction(async (tx) => {
      const streams = tx.collection<LogStreamRecord>(STREAMS);
      for (const [name, bytes] of leaving) {
        const id = streamId(logGroupName, name);
        const stream = await streams.get(scope, id);
        if (stream) {
          await streams.put(scope, id, {
            ...stream,
            storedBytes: Math.max(0, stream.storedBytes - bytes),
          });
        }
      }
    });
  }
}
