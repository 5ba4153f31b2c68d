/**
 * Tasks an earlier teiki process left behind (it was killed, or the machine stopped):
 * nothing runs them any more, so they are marked STOPPED as ECS marks the tasks of a
 * Fargate host that went away, and their network interfaces are released. Nothing
 * dangles after a restart.
 *
 * ECS's wording for a task stopped because its host had an issue is the task-maintenance
 * one: "a stoppedReason containing a `ECS is performing maintenance on the underlying
 * infrastructure hosting the task` message" (AWS Fargate task maintenance FAQs), with
 * stop code `TerminationNotice`, the code of tasks ended by the infrastructure rather
 * than by their containers or a user. teiki adds why the host went away.
 *
 * Timestamps stay in order even when the clock now reads earlier than the task's own
 * times (a virtual clock restarts wherever `--clock-start` puts it): the stop is stamped
 * at the later of the clock and the task's latest timestamp. `startedAt` is never
 * invented for a task that had not started; exit codes of containers that were running
 * are unknown, so they stay absent, and each such container says why it stopped.
 */
import type { Clock } from '../../../engine/clock/types.js';
import type { Scope, Store } from '../../../store/types.js';
import type { NetworkFacade } from '../../ec2/network.js';
import { TASKS, type TaskRecord } from '../records.js';

export const LEFT_BEHIND_STOP_CODE = 'TerminationNotice';
export const LEFT_BEHIND_REASON =
  'ECS is performing maintenance on the underlying infrastructure hosting the task ' +
  '(the teiki process that ran it ended: it was killed or its machine stopped)';

export interface StoppedTask {
  scope: Scope;
  record: TaskRecord;
}

/**
 * Marks STOPPED every unfinished task whose runner is gone: an earlier process on this
 * store, or a node of the cluster whose lease ended (`gone` asks the node registry; a
 * runner of a live node, even one this node has not seen yet, is never gone). Safe to run
 * on several nodes at once: each task is stopped by one transaction only.
 */
export async function stopLeftBehindTasks(deps: {
  store: Store;
  clock: Clock;
  network: NetworkFacade;
  gone(runnerIds: readonly string[]): Promise<Set<string>>;
}): Promise<StoppedTask[]> {
  const tasks = deps.store.collection<TaskRecord>(TASKS);
  const stopped: StoppedTask[] = [];
  const unfinished = (await tasks.listAllScopes()).filter((e) => e.value.lastStatus !== 'STOPPED');
  const runners = [...new Set(unfinished.map((e) => e.value.runnerId ?? ''))];
  const gone = await deps.gone(runners);
  for (const entry of unfinished) {
    const task = entry.value;
    if (!gone.has(task.runnerId ?? '')) continue;
    const eniId = task.attachments[0]?.details?.find((d) => d.name === 'networkInterfaceId')?.value;
    if (eniId !== undefined) await deps.network.deleteNetworkInterface(entry.scope, eniId);
    const record = await deps.store.transaction(async (tx) => {
      const current = await tx.collection<TaskRecord>(TASKS).get(entry.scope, entry.id);
      if (!current || current.lastStatus === 'STOPPED' || current.runnerId !== task.runnerId) {
        return undefined;
      }
      markLeftBehind(current, deps.clock.nowMs(), eniId !== undefined);
      await tx.collection<TaskRecord>(TASKS).put(entry.scope, entry.id, current);
      return current;
    });
    if (record) stopped.push({ scope: entry.scope, record });
  }
  return stopped;
}

/** The record of a task whose host went away, as ECS leaves it. Exported for tests. */
export function markLeftBehind(task: TaskRecord, nowMs: number, eniReleased: boolean): void {
  const at = Math.max(nowMs, latestTimestamp(task));
  task.desiredStatus = 'STOPPED';
  task.lastStatus = 'STOPPED';
  // A stop already under way keeps the code and reason it was asked with.
  if (task.stopCode === undefined) {
    task.stopCode = LEFT_BEHIND_STOP_CODE;
    task.stoppedReason = LEFT_BEHIND_REASON;
  }
  task.stoppedReason ??= LEFT_BEHIND_REASON;
  task.stoppingAt ??= at;
  task.executionStoppedAt ??= at;
  task.stoppedAt = at;
  for (const container of task.containers) {
    if (container.lastStatus === 'STOPPED') continue;
    container.lastStatus = 'STOPPED';
    container.reason ??= LEFT_BEHIND_REASON;
  }
  const attachment = task.attachments[0];
  if (attachment && eniReleased) attachment.status = 'DELETED';
  task.version += 1;
}

function latestTimestamp(task: TaskRecord): number {
  return Math.max(
    task.createdAt,
    task.connectivityAt ?? 0,
    task.pullStartedAt ?? 0,
    task.pullStoppedAt ?? 0,
    task.startedAt ?? 0,
    task.stoppingAt ?? 0,
    task.executionStoppedAt ?? 0,
  );
}
