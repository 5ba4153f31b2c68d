/**
 * The triggers' read model: the invocation history no AWS operation keeps (ids sort newest
 * first), each invocation with what became of its tasks, and the checks an ECS target's
 * role goes through before RunTask.
 */
import type { ListOptions, Scope, Store } from '../store/types.js';
import type { TaskFates } from '../services/ecs/tasks/fate.js';
import {
  checkEcsTarget,
  checkTaskRoleTrust,
  type EcsTargetCheck,
  type EcsTargetPermissions,
} from './targets/authorize-ecs.js';
import {
  INVOCATIONS,
  withTaskFates,
  type InvocationRecord,
  type InvocationWithTasks,
} from './invocations.js';

/** One page of a scope's invocations, newest first, and the id to read the next after. */
export interface InvocationPage {
  records: InvocationRecord[];
  lastId?: string;
}

export class InvocationQueries {
  constructor(private readonly store: Store) {}

  /** Every invocation of the scope, newest first. */
  async all(scope: Scope): Promise<InvocationRecord[]> {
    const entries = await this.store.collection<InvocationRecord>(INVOCATIONS).list(scope);
    return entries.map((e) => e.value);
  }

  /** Up to `limit` invocations of the scope, newest first, after the id `after`. */
  async page(scope: Scope, options: Pick<ListOptions, 'limit' | 'after'>): Promise<InvocationPage> {
    const entries = await this.store.collection<InvocationRecord>(INVOCATIONS).list(scope, options);
    const last = entries[entries.length - 1];
    return { records: entries.map((e) => e.value), ...(last ? { lastId: last.id } : {}) };
  }

  /** The invocations with their tasks' fates, read by `fates` when given (one per request). */
  withTaskFates(
    records: readonly InvocationRecord[],
    fates?: TaskFates,
  ): Promise<InvocationWithTasks[]> {
    return withTaskFates(this.store, records, fates);
  }
}

export class EcsTargetQueries {
  constructor(private readonly store: Store) {}

  /**
   * Every check the role goes through, each answered, then (given the task's role) whether
   * ECS can assume that role, which RunTask asks next; undefined when the role does not exist.
   */
  async check(
    request: EcsTargetPermissions & { taskRoleArn?: string },
  ): Promise<EcsTargetCheck[] | undefined> {
    const checks = await checkEcsTarget(this.store, request);
    if (!checks || request.taskRoleArn === undefined) return checks;
    return [...checks, await checkTaskRoleTrust(this.store, request.taskRoleArn)];
  }
}

/** The triggers' read models, beside the services' (src/services/queries.ts). */
export interface TriggerQueries {
  invocations: InvocationQueries;
  ecsTargets: EcsTargetQueries;
}

export function triggerQueries(store: Store): TriggerQueries {
  return { invocations: new InvocationQueries(store), ecsTargets: new EcsTargetQueries(store) };
}
