/** What a task's record says of its containers: each one's entry, and the task's health. */
import type { ContainerRecord, TaskRecord } from '../records.js';
import type { ContainerRun } from './container-run.js';

export function containerRecord(task: TaskRecord, name: string): ContainerRecord {
  const record = task.containers.find((c) => c.name === name);
  if (!record) throw new Error(`task ${task.taskArn} has no container ${name}`);
  return record;
}

/** ECS's task health: UNHEALTHY when an essential container is, HEALTHY when all checked are. */
export function taskHealth(task: TaskRecord, runs: ContainerRun[]): TaskRecord['healthStatus'] {
  const checked = task.containers.filter((c) => c.healthStatus !== undefined);
  const essential = new Set(runs.filter((r) => r.essential).map((r) => r.name));
  if (checked.some((c) => essential.has(c.name) && c.healthStatus === 'UNHEALTHY')) {
    return 'UNHEALTHY';
  }
  if (checked.length > 0 && checked.every((c) => c.healthStatus === 'HEALTHY')) return 'HEALTHY';
  return 'UNKNOWN';
}
