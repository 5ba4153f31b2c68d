/**
 * What became of a task: its last status, its stop code and the exit code of the essential
 * container that decided its end, read from the task record when asked (so an invocation
 * that "started" a task shows whether that task ran, failed to start, exited non-zero or
 * was stopped by a restart of teiki). Records are kept for every run, so a fate is
 * available long after DescribeTasks has forgotten the task.
 */
import type { Scope, StoreSession } from '../../../store/types.js';
import type { TaskStopCode } from '../generated/types.js';
import { TASKS, taskRecordId, type TaskRecord, type TaskStatus } from '../records.js';
import { resolveTaskDefinition } from '../task-definitions/resolve.js';

export interface TaskFate {
  taskArn: string;
  /** Absent when the task's record is gone (`/_teiki/reset`). */
  lastStatus?: TaskStatus;
  stopCode?: TaskStopCode;
  /**
   * The first essential container whose exit code is not 0, else (all exited 0) 0; absent
   * while it runs and when that container never ran (a task that failed to start).
   */
  exitCode?: number;
  stoppedReason?: string;
}

/** Stopped with every essential container exited 0: the run did its job. */
export function succeeded(fate: TaskFate): boolean {
  return fate.lastStatus === 'STOPPED' && fate.exitCode === 0;
}

/** Stopped any other way: failed to start, exited non-zero, stopped by a user or a restart. */
export function failed(fate: TaskFate): boolean {
  return fate.lastStatus === 'STOPPED' && fate.exitCode !== 0;
}

const TASK_ARN = /^arn:aws[a-z-]*:ecs:([^:]+):(\d{12}):task\/([^/]+)\/([^/]+)$/;

/**
 * Reads fates, remembering which containers each task definition marks essential. Make
 * one per request: task definitions change, and a request should read them once.
 */
export class TaskFates {
  private readonly essentials = new Map<string, Promise<Set<string> | undefined>>();

  constructor(private readonly store: StoreSession) {}

  /** The fate of the task an ARN names (only `lastStatus`-less when its record is gone). */
  async ofArn(taskArn: string): Promise<TaskFate> {
    const match = TASK_ARN.exec(taskArn);
    if (!match) return { taskArn };
    const [, region = '', accountId = '', cluster = '', id = ''] = match;
    const scope = { accountId, region };
    const record = await this.store
      .collection<TaskRecord>(TASKS)
      .get(scope, taskRecordId(cluster, id));
    return record ? this.of(scope, record) : { taskArn };
  }

  async of(scope: Scope, task: TaskRecord): Promise<TaskFate> {
    const fate: TaskFate = { taskArn: task.taskArn, lastStatus: task.lastStatus };
    if (task.stopCode !== undefined) fate.stopCode = task.stopCode;
    if (task.stoppedReason !== undefined) fate.stoppedReason = task.stoppedReason;
    if (task.lastStatus !== 'STOPPED') return fate;
    const essential = await this.essentialNames(scope, task.taskDefinitionArn);
    // A definition since deleted no longer says which were essential: then all are.
    const counted = task.containers.filter((c) => !essential || essential.has(c.name));
    const deciding = counted.find((c) => c.exitCode !== 0);
    const exitCode = deciding ? deciding.exitCode : counted.length > 0 ? 0 : undefined;
    if (exitCode !== undefined) fate.exitCode = exitCode;
    return fate;
  }

  private essentialNames(scope: Scope, arn: string): Promise<Set<string> | undefined> {
    const key = `${scope.accountId}|${scope.region}|${arn}`;
    let found = this.essentials.get(key);
    if (!found) {
      found = resolveTaskDefinition(this.store, scope, arn).then((resolved) => {
        const containers = resolved?.record.definition.containerDefinitions;
        if (!containers) return undefined;
        return new Set(containers.filter((c) => c.essential !== false).map((c) => c.name ?? ''));
      });
      this.essentials.set(key, found);
    }
    return found;
  }
}
