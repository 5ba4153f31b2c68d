/**
 * "ECS Task State Change" events: every change of a task is published inside the process
 * with AWS's event envelope and detail shape, for EventBridge to put on the default bus
 * and for the console to follow runs live. Nothing here goes through HTTP.
 */
import { randomUUID } from 'node:crypto';
import { Listeners } from '../../../engine/listeners.js';
import type { TaskRecord } from '../records.js';
import type { EcsEvent } from '../state-change-event.js';
import { toTask } from './output.js';

/** The task as DescribeTasks shows it (dates as ISO strings) plus `updatedAt`, in `detail`. */
export type TaskStateChangeEvent = EcsEvent<'ECS Task State Change'>;

export type TaskStateChangeListener = (event: TaskStateChangeEvent) => void;

export class TaskStateChanges {
  readonly #listeners = new Listeners<TaskStateChangeEvent>();

  subscribe(listener: TaskStateChangeListener): () => void {
    return this.#listeners.subscribe(listener);
  }

  publish(record: TaskRecord, scope: { accountId: string; region: string }, atMs: number): void {
    this.#listeners.emit(() => taskStateChangeEvent(record, scope, atMs));
  }
}

export function taskStateChangeEvent(
  record: TaskRecord,
  scope: { accountId: string; region: string },
  atMs: number,
): TaskStateChangeEvent {
  const detail = JSON.parse(JSON.stringify(toTask(record, { includeTags: false }))) as Record<
    string,
    unknown
  >;
  detail.updatedAt = new Date(atMs).toISOString();
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'ECS Task State Change',
    source: 'aws.ecs',
    account: scope.accountId,
    time: new Date(atMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: scope.region,
    resources: [record.taskArn],
    detail,
  };
}
