/**
 * Finding a task definition by reference, for every operation that takes one (Describe,
 * Deregister, RunTask, TagResource…). `store` may be a transaction session.
 */
import type { Entry, Scope, StoreSession } from '../../../store/types.js';
import { TASK_DEFINITIONS, taskDefinitionId, type TaskDefinitionRecord } from '../records.js';
import { withoutFinishedDeletes } from './lifecycle.js';
import { parseTaskDefinitionReference, type TaskDefinitionReference } from './reference.js';

export interface ResolvedTaskDefinition {
  /** The record's id in `ecs.task-definitions` (`FAMILY:0000000N`). */
  id: string;
  record: TaskDefinitionRecord;
}

export function taskDefinitionCollection(store: StoreSession) {
  return store.collection<TaskDefinitionRecord>(TASK_DEFINITIONS);
}

/** Every revision of a family that still exists, oldest first. */
export async function familyRevisions(
  store: StoreSession,
  scope: Scope,
  family: string,
): Promise<Entry<TaskDefinitionRecord>[]> {
  const entries = await taskDefinitionCollection(store).list(scope, { prefix: `${family}:` });
  return withoutFinishedDeletes(store, scope, entries);
}

/**
 * The task definition a reference names: `FAMILY` is its latest ACTIVE revision,
 * `FAMILY:REV` and ARNs name one revision whatever its status (INACTIVE ones included).
 * An ARN must belong to `scope`'s account and region. Undefined when nothing matches.
 */
export async function resolveTaskDefinition(
  store: StoreSession,
  scope: Scope,
  reference: string,
): Promise<ResolvedTaskDefinition | undefined> {
  return resolveParsedReference(store, scope, parseTaskDefinitionReference(reference, scope));
}

export async function resolveParsedReference(
  store: StoreSession,
  scope: Scope,
  reference: TaskDefinitionReference,
): Promise<ResolvedTaskDefinition | undefined> {
  if (reference.kind === 'family') {
    const revisions = await familyRevisions(store, scope, reference.family);
    const latest = revisions.findLast((e) => e.value.definition.status === 'ACTIVE');
    return latest ? { id: latest.id, record: latest.value } : undefined;
  }
  if (reference.kind !== 'revision') return undefined;
  const id = taskDefinitionId(reference.family, reference.revision);
  const record = await taskDefinitionCollection(store).get(scope, id);
  if (!record) return undefined;
  const [kept] = await withoutFinishedDeletes(store, scope, [{ id, value: record }]);
  return kept ? { id, record: kept.value } : undefined;
}

/** Writes a task definition record back (its tags, say) under the id `resolveTaskDefinition` gave. */
export async function putTaskDefinitionRecord(
  store: StoreSession,
  scope: Scope,
  id: string,
  record: TaskDefinitionRecord,
): Promise<void> {
  await taskDefinitionCollection(store).put(scope, id, record);
}
