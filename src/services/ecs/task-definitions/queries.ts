/**
 * The task definitions' read model: every revision still describable, with the dates
 * ListTaskDefinitions does not give, and a reference resolved as RunTask resolves it.
 */
import type { Scope, StoreSession } from '../../../store/types.js';
import type { TaskDefinitionRecord } from '../records.js';
import { withoutFinishedDeletes } from './lifecycle.js';
import {
  resolveTaskDefinition,
  taskDefinitionCollection,
  type ResolvedTaskDefinition,
} from './resolve.js';

export class TaskDefinitionQueries {
  constructor(private readonly store: StoreSession) {}

  /**
   * Every revision of the scope still describable (ACTIVE, INACTIVE, deletions in
   * progress), family by family, each family's oldest first: one read, finished deletions
   * dropped by the lifecycle rule ListTaskDefinitions applies.
   */
  async describable(scope: Scope): Promise<TaskDefinitionRecord[]> {
    const entries = await taskDefinitionCollection(this.store).list(scope);
    return (await withoutFinishedDeletes(this.store, scope, entries)).map((e) => e.value);
  }

  /** The revision a reference names (a family alone: its latest ACTIVE one), as RunTask finds it. */
  resolve(scope: Scope, reference: string): Promise<ResolvedTaskDefinition | undefined> {
    return resolveTaskDefinition(this.store, scope, reference);
  }
}
