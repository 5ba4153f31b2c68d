/**
 * Tasks an earlier teiki process left behind (it was killed, or the machine stopped):
 * nothing runs them any more, so they are marked STOPPED with a reason that says so and
 * their network interfaces are released. Nothing dangles after a restart.
 */
import type { Store } from '../../../store/types.js';
import type { NetworkFacade } from '../../ec2/network.js';
import { TASKS, type TaskRecord } from '../records.js';
import type { Clock } from '../../../engine/clock/types.js';

export const LEFT_BEHIND_REASON =
  'Task stopped because the teiki process that ran it ended (teiki was stopped, killed or restarted)';

export async function stopLeftBehindTasks(deps: {
  store: Store;
  clock: Clock;
  network: NetworkFacade;
  runnerId: string;
}): Promise<number> {
  const tasks = deps.store.collection<TaskRecord>(TASKS);
  let stopped = 0;
  for (const entry of await tasks.listAllScopes()) {
    const task = entry.value;
    if (task.lastStatus === 'STOPPED' || task.runnerId === deps.runnerId) continue;
    const eniId = task.attachments[0]?.details?.find((d) => d.name === 'networkInterfaceId')?.value;
    if (eniId !== undefined) await deps.network.deleteNetworkInterface(entry.scope, eniId);
    const now = deps.clock.nowMs();
    await deps.store.transaction(async (tx) => {
      const current = await tx.collection<TaskRecord>(TASKS).get(entry.scope, entry.id);
      if (!current || current.lastStatus === 'STOPPED') return;
      current.desiredStatus = 'STOPPED';
      current.lastStatus = 'STOPPED';
      current.stopCode ??= 'TerminationNotice';
      current.stoppedReason ??= LEFT_BEHIND_REASON;
      current.stoppingAt ??= now;
      current.executionStoppedAt ??= now;
      current.stoppedAt = now;
      for (const container of current.containers) {
        if (container.lastStatus !== 'STOPPED') {
          container.lastStatus = 'STOPPED';
          container.reason ??= LEFT_BEHIND_REASON;
        }
      }
      const attachment = current.attachments[0];
      if (attachment && eniId !== undefined) attachment.status = 'DELETED';
      current.version += 1;
      await tx.collection<TaskRecord>(TASKS).put(entry.scope, entry.id, current);
    });
    stopped += 1;
  }
  return stopped;
}
