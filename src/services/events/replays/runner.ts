/**
 * Runs replays: a replay STARTING is RUNNING one second later on the teiki clock (AWS
 * takes a while to start one; on a virtual clock the replay waits for the clock to
 * move), then its archived window goes back onto the bus in arrival order, a batch at a
 * time, each event with `replay-name` added and a new id (as the events AWS replays
 * carry new ids), to every rule of the bus or only to its FilterArns (the archive's own
 * rule never matches a replayed event). EventLastReplayedTime follows the batches; the
 * end is COMPLETED, CANCELLED (after CancelReplay) or FAILED (the archive is gone). The
 * cursor is stored with each batch, so a replay interrupted by a restart resumes. A replay
 * names the process running it: another (a restart, or another node once this one is gone)
 * takes it over only when that runner is gone, so two nodes never deliver it twice.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../engine/clock/types.js';
import type { Logger } from '../../../engine/log.js';
import type { Scope, Store } from '../../../store/types.js';
import { archivedBetween, archives } from '../archives/events-store.js';
import type { BusEvent, DeliveryOptions } from '../records.js';
import { ARCHIVE_GONE_REASON } from './errors.js';
import { FINAL_STATES, replays, type ReplayRecord } from './records.js';

const START_DELAY_MS = 1000;
const BATCH = 100;
const DAY_MS = 86_400_000;

type Deliver = (
  scope: Scope,
  busName: string,
  events: BusEvent[],
  options: DeliveryOptions,
) => Promise<void>;

function keyOf(scope: Scope, name: string): string {
  return `${scope.accountId}|${scope.region}|${name}`;
}

/** The event as replayed: a new id and `replay-name` after `region`, as AWS shows it. */
function replayed(event: BusEvent, replayName: string): BusEvent {
  const {
    version,
    'detail-type': detailType,
    source,
    account,
    time,
    region,
    resources,
    detail,
  } = event;
  return {
    version,
    id: randomUUID(),
    'detail-type': detailType,
    source,
    account,
    time,
    region,
    'replay-name': replayName,
    resources,
    detail,
  };
}

export class ReplayRunner {
  readonly #running = new Map<string, { poke: () => void; done: Promise<void> }>();
  #stopped = false;

  constructor(
    private readonly deps: {
      store: Store;
      clock: Clock;
      deliver: Deliver;
      logger: Logger;
      /** This process, as replays name their runner. */
      runnerId: string;
      /** Whether a replay's runner is gone, so its replay may be taken over. */
      isGone: (runnerId: string) => boolean;
    },
  ) {}

  /** Starts running a replay just recorded; the caller does not wait. */
  begin(scope: Scope, name: string): void {
    if (this.#stopped) return;
    const key = keyOf(scope, name);
    if (this.#running.has(key)) return;
    let wake: () => void = () => undefined;
    const woken = () =>
      new Promise<void>((resolve) => {
        wake = resolve;
      });
    const entry = {
      poke: () => wake(),
      done: Promise.resolve(),
    };
    entry.done = this.#run(scope, name, woken)
      .catch((error: unknown) => this.deps.logger.error('a replay failed unexpectedly', { error }))
      .finally(() => this.#running.delete(key));
    this.#running.set(key, entry);
  }

  /** A replay's record changed (CancelReplay): it looks again now. */
  poke(scope: Scope, name: string): void {
    this.#running.get(keyOf(scope, name))?.poke();
  }

  /** At start: replays an earlier process left unfinished carry on. */
  async resume(): Promise<void> {
    this.#stopped = false;
    await this.lookAgain();
  }

  /** Takes up the unfinished replays whose runner is gone (after nodes died). */
  async lookAgain(): Promise<void> {
    const all = await replays(this.deps.store).listAllScopes();
    for (const entry of all) {
      if (!FINAL_STATES.includes(entry.value.state)) this.begin(entry.scope, entry.id);
    }
  }

  /** Stops every run where it is (the record keeps its cursor for the next start). */
  async stop(): Promise<void> {
    this.#stopped = true;
    const runs = [...this.#running.values()];
    for (const run of runs) run.poke();
    await Promise.all(runs.map((run) => run.done));
  }

  async settled(): Promise<void> {
    while (this.#running.size > 0)
      await Promise.all([...this.#running.values()].map((r) => r.done));
  }

  async #run(scope: Scope, name: string, woken: () => Promise<void>): Promise<void> {
    let record = await this.#claim(scope, name);
    if (!record) return;
    if (record.state === 'STARTING') {
      const at = record.replayStartTime + START_DELAY_MS;
      if (this.deps.clock.nowMs() < at)
        await Promise.race([this.deps.clock.sleepUntil(at), woken()]);
      while (!this.#stopped && this.deps.clock.nowMs() < at) {
        record = await replays(this.deps.store).get(scope, name);
        if (record?.state !== 'STARTING') break;
        await Promise.race([this.deps.clock.sleepUntil(at), woken()]);
      }
    }
    for (;;) {
      if (this.#stopped) return;
      record = await replays(this.deps.store).get(scope, name);
      if (!record || FINAL_STATES.includes(record.state)) return;
      // Another node took it over (this one was gone for the others): it carries on there.
      if (record.runnerId !== this.deps.runnerId) return;
      if (record.state === 'CANCELLING') {
        await this.#finish(scope, record, 'CANCELLED');
        return;
      }
      if (record.state === 'STARTING') {
        record = await this.#save(scope, { ...record, state: 'RUNNING' });
      }
      const more = await this.#batch(scope, record);
      if (!more) return;
      // Let other work (and a CancelReplay) in between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** The replay, now run by this process; undefined when another live one runs it. */
  async #claim(scope: Scope, name: string): Promise<ReplayRecord | undefined> {
    return this.deps.store.transaction(async (tx) => {
      const record = await replays(tx).get(scope, name);
      if (!record || FINAL_STATES.includes(record.state)) return record;
      const runner = record.runnerId;
      if (runner !== undefined && runner !== this.deps.runnerId && !this.deps.isGone(runner)) {
        return undefined;
      }
      const claimed = { ...record, runnerId: this.deps.runnerId };
      await replays(tx).put(scope, name, claimed);
      return claimed;
    });
  }

  /** Replays one batch; false once the replay has ended. */
  async #batch(scope: Scope, record: ReplayRecord): Promise<boolean> {
    const archive = await archives(this.deps.store).get(scope, record.archiveName);
    if (!archive || archive.id !== record.archiveId) {
      await this.#finish(scope, record, 'FAILED', ARCHIVE_GONE_REASON);
      return false;
    }
    const now = this.deps.clock.nowMs();
    const cutoff = archive.retentionDays === 0 ? 0 : now - archive.retentionDays * DAY_MS;
    const rows = await archivedBetween(this.deps.store, scope, archive.id, {
      fromMs: Math.max(record.eventStartTime, cutoff),
      toMs: record.eventEndTime,
      ...(record.cursor !== undefined ? { afterId: record.cursor } : {}),
      limit: BATCH,
    });
    const last = rows[rows.length - 1];
    if (!last) {
      await this.#finish(scope, record, 'COMPLETED');
      return false;
    }
    const options: DeliveryOptions = record.destination.FilterArns?.length
      ? { filterArns: record.destination.FilterArns }
      : {};
    await this.deps.deliver(
      scope,
      record.busName,
      rows.map((row) => replayed(row.value.event, record.name)),
      options,
    );
    await this.#save(scope, {
      ...record,
      cursor: last.id,
      eventLastReplayedTime: last.value.archivedAt,
    });
    return true;
  }

  /** Stores progress unless the replay was cancelled meanwhile (the cancel wins). */
  async #save(scope: Scope, next: ReplayRecord): Promise<ReplayRecord> {
    return this.deps.store.transaction(async (tx) => {
      const current = await replays(tx).get(scope, next.name);
      if (!current) return next;
      const merged = current.state === 'CANCELLING' ? { ...next, state: current.state } : next;
      await replays(tx).put(scope, next.name, merged);
      return merged;
    });
  }

  async #finish(
    scope: Scope,
    record: ReplayRecord,
    state: ReplayRecord['state'],
    reason?: string,
  ): Promise<void> {
    await this.deps.store.transaction(async (tx) => {
      const current = (await replays(tx).get(scope, record.name)) ?? record;
      const { stateReason: _none, ...rest } = current;
      const finalState =
        current.state === 'CANCELLING' && state === 'COMPLETED' ? 'CANCELLED' : state;
      await replays(tx).put(scope, record.name, {
        ...rest,
        state: finalState,
        ...(reason !== undefined ? { stateReason: reason } : {}),
        replayEndTime: this.deps.clock.nowMs(),
      });
    });
  }
}
