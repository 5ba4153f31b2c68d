/**
 * The tasks this teiki process runs. RunTask hands each new task here; StopTask, reset
 * and shutdown ask them to stop. A task run by another process (or left by an earlier
 * one) is not here: see recovery.ts.
 */
import type { TaskDefinitionRecord, TaskRecord } from '../records.js';
import type { TaskDeps } from './deps.js';
import type { TaskKey, TaskRecords } from './task-records.js';
import { TaskRun, type StopRequest } from './task-run.js';

export class TaskSupervisor {
  readonly #runs = new Map<string, { run: TaskRun; done: Promise<void> }>();

  constructor(
    private readonly deps: TaskDeps,
    readonly records: TaskRecords,
  ) {}

  /** Starts the task's lifecycle in the background; the record exists already. */
  launch(
    key: TaskKey,
    task: TaskRecord,
    definition: TaskDefinitionRecord['definition'],
    securityGroupIds: string[],
  ): void {
    const run = new TaskRun(this.deps, this.records, key, task, definition, securityGroupIds);
    const done = run.execute().finally(() => this.#runs.delete(task.taskArn));
    this.#runs.set(task.taskArn, { run, done });
  }

  /** `false` when this process does not run the task (it has stopped already). */
  requestStop(taskArn: string, request: StopRequest): boolean {
    const entry = this.#runs.get(taskArn);
    entry?.run.requestStop(request);
    return entry !== undefined;
  }

  /** Resolves once the task has reached STOPPED (at once when it is not running here). */
  async stopped(taskArn: string): Promise<void> {
    await this.#runs.get(taskArn)?.done;
  }

  get runningCount(): number {
    return this.#runs.size;
  }

  /** Stops every task this process runs and waits until each one is STOPPED. */
  async stopAll(request: StopRequest): Promise<void> {
    const entries = [...this.#runs.values()];
    for (const entry of entries) entry.run.requestStop(request);
    await Promise.all(entries.map((entry) => entry.done));
  }
}
