/**
 * The tasks' read model: every run teiki keeps, STOPPED ones included long after the ECS
 * API stops showing them (an hour after they stop, as on AWS), and what became of them.
 */
import type { Scope, Store } from '../../../store/types.js';
import { TASKS, type TaskRecord } from '../records.js';
import { TaskFates } from './fate.js';
import { findTask } from './lookup.js';

export class TaskQueries {
  constructor(private readonly store: Store) {}

  /** Every task of the scope, in record-id order (cluster, then task id). */
  async all(scope: Scope): Promise<TaskRecord[]> {
    return (await this.store.collection<TaskRecord>(TASKS).list(scope)).map((e) => e.value);
  }

  /** Every task of one cluster, in task-id order. */
  async inCluster(scope: Scope, clusterName: string): Promise<TaskRecord[]> {
    const entries = await this.store
      .collection<TaskRecord>(TASKS)
      .list(scope, { prefix: `${clusterName}/` });
    return entries.map((e) => e.value);
  }

  /** The task an id or ARN names in a cluster, whatever its age. */
  find(
    scope: Scope,
    clusterName: string,
    reference: string,
  ): Promise<{ taskId: string; task: TaskRecord } | undefined> {
    return findTask(this.store, scope, clusterName, reference);
  }

  /** A reader of tasks' fates: one per request, so each task definition is read once. */
  fates(): TaskFates {
    return new TaskFates(this.store);
  }
}
