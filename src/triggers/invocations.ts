/**
 * Every target invocation teiki makes for a rule or a schedule, kept so a user can see
 * what ran and why something did not (`GET /_teiki/invocations`, the console). Ids sort
 * newest first within an account and region.
 */
import { randomFillSync } from 'node:crypto';
import { parseTimeMemo } from '../engine/clock/iso-time.js';
import { groupCommit, manyElseEach } from '../engine/group-commit.js';
import type { StagedWrites } from '../engine/scheduler/index.js';
import { scopeKey } from '../store/codec.js';
import type { Scope, Store, StoreSession } from '../store/types.js';
import { TaskFates, type TaskFate } from '../services/ecs/tasks/fate.js';

export const INVOCATIONS = 'teiki.invocations';

export type InvocationOutcome =
  /** Claimed and being invoked now. */
  | 'pending'
  /** ECS tasks were started. */
  | 'started'
  /** Delivered to a target that starts nothing (a log group). */
  | 'delivered'
  | 'failed'
  | 'retrying'
  | 'dead-lettered'
  /** The instant fell while teiki was not running; nothing was invoked. */
  | 'missed';

export interface InvocationRecord {
  source: 'rule' | 'schedule';
  /** The rule's or the schedule's name. */
  name: string;
  /** The rule's event bus, or the schedule's group. */
  container: string;
  accountId: string;
  region: string;
  /** ISO-8601: the instant it was scheduled for (or the event's time). */
  scheduledTime: string;
  invokedTime: string;
  target: { id: string; arn: string };
  outcome: InvocationOutcome;
  taskArns: string[];
  attempts: number;
  /** An API destination's endpoint: the HTTP status of the last attempt's answer. */
  httpStatus?: number;
  error?: { code: string; message: string };
  /** The node incarnation (`NODE_ID#EPOCH`) that claimed the instant and invoked the target. */
  runnerId?: string;
}

/** An invocation as users read it: with what became of each task it started. */
export interface InvocationWithTasks extends InvocationRecord {
  /** One per `taskArns` entry, in its order, read from the task records now. */
  tasks: TaskFate[];
}

/**
 * The invocations with their tasks' fates: "started" says only that RunTask accepted the
 * task; whether it ran, failed to start or exited non-zero is in its record.
 */
export async function withTaskFates(
  store: StoreSession,
  records: readonly InvocationRecord[],
  fates: TaskFates = new TaskFates(store),
): Promise<InvocationWithTasks[]> {
  return Promise.all(
    records.map(async (record) => ({
      ...record,
      tasks: await Promise.all(record.taskArns.map((arn) => fates.ofArn(arn))),
    })),
  );
}

const MAX_MS = 9_999_999_999_999;

/**
 * Random bytes for the ids, drawn from a pool filled a kilobyte at a time (as uuid and
 * randomUUID do): every firing makes an id, and a randomBytes call for 4 bytes costs
 * about 8 µs, several times what drawing them from the pool does.
 */
const randomPool = Buffer.alloc(1024);
let randomOffset = randomPool.length;

function randomHex(bytes: number): string {
  if (randomOffset + bytes > randomPool.length) {
    randomFillSync(randomPool);
    randomOffset = 0;
  }
  const hex = randomPool.toString('hex', randomOffset, randomOffset + bytes);
  randomOffset += bytes;
  return hex;
}

const parseInvokedTime = parseTimeMemo();

/** Newest first within a scope, then random: ids never collide across nodes. */
function invocationId(record: InvocationRecord): string {
  const invoked = parseInvokedTime(record.invokedTime);
  return `${String(MAX_MS - invoked).padStart(13, '0')}-${randomHex(4)}`;
}

function scopeOf(record: InvocationRecord): Scope {
  return { accountId: record.accountId, region: record.region };
}

/** A final record to write over the pending one. */
interface Replacement {
  id: string;
  record: InvocationRecord;
}

export class InvocationLog {
  /** Final records of the firings of one instant, written together (see `replace`). */
  readonly #replaceInGroups: (replacement: Replacement) => Promise<boolean>;

  constructor(private readonly store: Store) {
    this.#replaceInGroups = groupCommit(
      async (group: readonly Replacement[]) => {
        const invocations = store.collection<InvocationRecord>(INVOCATIONS);
        const writes = group.map(({ id, record }) => ({
          scope: scopeOf(record),
          id,
          value: record,
        }));
        // One record the batch could not write must not fail the others' records.
        return manyElseEach(
          writes,
          (all) => invocations.replaceMany(all),
          (w) => invocations.replace(w.scope, w.id, w.value),
        );
      },
      { keyOf: ({ id, record }) => `${scopeKey(scopeOf(record))}\u0000${id}` },
    );
  }

  async record(record: InvocationRecord): Promise<string> {
    const id = invocationId(record);
    await this.store.collection<InvocationRecord>(INVOCATIONS).put(scopeOf(record), id, record);
    return id;
  }

  /** Stages the record with an instant's claim (they commit together); returns its id. */
  stage(writes: StagedWrites, record: InvocationRecord): string {
    const id = invocationId(record);
    writes.put(INVOCATIONS, scopeOf(record), id, record);
    return id;
  }

  /**
   * Invocations a stopped or killed teiki left pending: whether their target ran is
   * unknown, so they are marked failed with a reason that says so. Returns how many.
   */
  async interrupted(gone: (runnerIds: readonly string[]) => Promise<Set<string>>): Promise<number> {
    const all = await this.store.collection<InvocationRecord>(INVOCATIONS).listAllScopes();
    const unfinished = all.filter((entry) => entry.value.outcome === 'pending');
    // Those of a node still alive are in progress there, not interrupted.
    const ended = await gone([...new Set(unfinished.map((e) => e.value.runnerId ?? ''))]);
    const pending = unfinished.filter((entry) => ended.has(entry.value.runnerId ?? ''));
    for (const entry of pending) {
      await this.update(entry.scope, entry.id, (record) => {
        if (record.outcome !== 'pending') return;
        record.outcome = 'failed';
        record.error = {
          code: 'Interrupted',
          message:
            'teiki stopped while this invocation was in progress; its target may or may not have run.',
        };
      });
    }
    return pending.length;
  }

  /**
   * Replaces a record as a whole, when it still exists (a reset may have emptied the store
   * meanwhile). Nothing is read first, and the records replaced in one turn of the event
   * loop (the firings of one instant finishing together) are written as one statement;
   * should that fail, each is written on its own, so each record's fate is its own.
   */
  async replace(id: string, record: InvocationRecord): Promise<void> {
    await this.#replaceInGroups({ id, record });
  }

  async update(
    scope: Scope,
    id: string,
    change: (record: InvocationRecord) => void,
  ): Promise<void> {
    await this.store.transaction(async (tx) => {
      const invocations = tx.collection<InvocationRecord>(INVOCATIONS);
      const record = await invocations.get(scope, id);
      if (!record) return;
      change(record);
      await invocations.put(scope, id, record);
    });
  }

  /** The latest invocations of every account and region, newest first. */
  async latest(limit: number): Promise<InvocationRecord[]> {
    const all = await this.store.collection<InvocationRecord>(INVOCATIONS).listAllScopes();
    return all
      .map((entry) => entry.value)
      .sort((a, b) => b.invokedTime.localeCompare(a.invokedTime))
      .slice(0, limit);
  }
}
