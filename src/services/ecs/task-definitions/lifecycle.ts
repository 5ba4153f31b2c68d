/**
 * The end of a task definition's life. DeleteTaskDefinitions moves INACTIVE revisions to
 * DELETE_IN_PROGRESS; AWS finishes deleting a revision once no task uses it any more, and
 * then it is gone (DescribeTaskDefinition no longer finds it). teiki finishes the deletion
 * at the first look after the last task using it has stopped.
 */
import type { Entry, Scope, StoreSession } from '../../../store/types.js';
import { TASKS, TASK_DEFINITIONS, type TaskDefinitionRecord, type TaskRecord } from '../records.js';

/** ARNs of the task definitions that tasks not yet STOPPED run. */
export async function taskDefinitionsInUse(
  store: StoreSession,
  scope: Scope,
): Promise<Set<string>> {
  const tasks = await store.collection<TaskRecord>(TASKS).list(scope);
  return new Set(
    tasks.filter((t) => t.value.lastStatus !== 'STOPPED').map((t) => t.value.taskDefinitionArn),
  );
}

function deleting(record: TaskDefinitionRecord): boolean {
  return record.definition.status === 'DELETE_IN_PROGRESS';
}

/**
 * `entries` without the revisions whose deletion is over; those are removed from the
 * store on the way, so a later look does not have to ask again.
 */
export async function withoutFinishedDeletes(
  store: StoreSession,
  scope: Scope,
  entries: Entry<TaskDefinitionRecord>[],
): Promise<Entry<TaskDefinitionRecord>[]> {
  if (!entries.some((e) => deleting(e.value))) return entries;
  const inUse = await taskDefinitionsInUse(store, scope);
  const collection = store.collection<TaskDefinitionRecord>(TASK_DEFINITIONS);
  const kept: Entry<TaskDefinitionRecord>[] = [];
  for (const entry of entries) {
    if (deleting(entry.value) && !inUse.has(entry.value.definition.taskDefinitionArn ?? '')) {
      await collection.delete(scope, entry.id);
    } else {
      kept.push(entry);
    }
  }
  return kept;
}
