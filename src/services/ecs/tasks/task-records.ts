/**
 * Reads and writes of task records. Every change goes through `update`: a read-modify-write
 * inside a store transaction (so a concurrent tag change is never lost), `version` bumped,
 * and the new state published as an "ECS Task State Change".
 */
import type { Clock } from '../../../engine/clock/types.js';
import type { Scope, Store } from '../../../store/types.js';
import { TASKS, taskRecordId, type TaskRecord } from '../records.js';
import type { TaskStateChanges } from './state-change.js';

export interface TaskKey {
  scope: Scope;
  clusterName: string;
  taskId: string;
}

export class TaskRecords {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly changes: TaskStateChanges,
  ) {}

  async create(key: TaskKey, record: TaskRecord): Promise<void> {
    await this.store
      .collection<TaskRecord>(TASKS)
      .put(key.scope, taskRecordId(key.clusterName, key.taskId), record);
    this.changes.publish(record, key.scope, this.clock.nowMs());
  }

  get(key: TaskKey): Promise<TaskRecord | undefined> {
    return this.store
      .collection<TaskRecord>(TASKS)
      .get(key.scope, taskRecordId(key.clusterName, key.taskId));
  }

  /** Applies `change` to the stored task; undefined when it no longer exists (reset). */
  async update(key: TaskKey, change: (task: TaskRecord) => void): Promise<TaskRecord | undefined> {
    const id = taskRecordId(key.clusterName, key.taskId);
    const updated = await this.store.transaction(async (tx) => {
      const tasks = tx.collection<TaskRecord>(TASKS);
      const task = await tasks.get(key.scope, id);
      if (!task) return undefined;
      change(task);
      task.version += 1;
      await tasks.put(key.scope, id, task);
      return task;
    });
    if (updated) this.changes.publish(updated, key.scope, this.clock.nowMs());
    return updated;
  }
}
