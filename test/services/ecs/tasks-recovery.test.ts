/**
 * A task whose teiki died with it is stopped at the next start as ECS stops the tasks of
 * a Fargate host that went away: every status it could have been left in, with the
 * timestamps it had, ends STOPPED with the same code and reason and times in order.
 */
import { describe, expect, it } from 'vitest';
import { LEFT_BEHIND_REASON, markLeftBehind } from '../../../src/services/ecs/tasks/recovery.js';
import {
  TASK_STATUSES,
  type TaskRecord,
  type TaskStatus,
} from '../../../src/services/ecs/records.js';

const T0 = Date.parse('2026-03-01T02:20:00Z');

function task(lastStatus: TaskStatus, extra: Partial<TaskRecord> = {}): TaskRecord {
  const started = !['PROVISIONING', 'PENDING', 'ACTIVATING'].includes(lastStatus);
  return {
    taskArn: 'arn:aws:ecs:us-east-1:000000000000:task/default/0123456789abcdef0123456789abcdef',
    clusterArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/default',
    taskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/sample:1',
    lastStatus,
    desiredStatus: 'RUNNING',
    launchType: 'FARGATE',
    cpu: '256',
    memory: '512',
    availabilityZone: 'us-east-1a',
    attachments: [{ id: 'a', type: 'ElasticNetworkInterface', status: 'ATTACHED', details: [] }],
    containers: [
      {
        containerArn: 'arn:aws:ecs:us-east-1:000000000000:container/default/x/app',
        taskArn: 'arn',
        name: 'app',
        image: 'busybox',
        lastStatus: started ? 'RUNNING' : 'PENDING',
        networkInterfaces: [],
        cpu: '0',
      },
    ],
    overrides: {},
    tags: [],
    version: 3,
    createdAt: T0,
    ...(lastStatus !== 'PROVISIONING' ? { pullStartedAt: T0 + 1000 } : {}),
    ...(started ? { pullStoppedAt: T0 + 2000, startedAt: T0 + 3000 } : {}),
    ...extra,
  };
}

const ordered = (t: TaskRecord) => {
  const times = [t.createdAt, t.startedAt, t.stoppingAt, t.executionStoppedAt, t.stoppedAt];
  const present = times.filter((x): x is number => x !== undefined);
  return present.every((x, i) => i === 0 || x >= present[i - 1]!);
};

describe('ECS tasks left behind by a killed teiki', () => {
  const statuses = TASK_STATUSES.filter((status) => status !== 'STOPPED');
  for (const status of statuses) {
    it(`ends a ${status} task STOPPED with TerminationNotice and the maintenance reason`, () => {
      const record = task(status);
      const hadStarted = record.startedAt;
      markLeftBehind(record, T0 + 60_000, true);
      expect(record).toMatchObject({
        lastStatus: 'STOPPED',
        desiredStatus: 'STOPPED',
        stopCode: 'TerminationNotice',
        stoppedReason: LEFT_BEHIND_REASON,
        stoppingAt: T0 + 60_000,
        executionStoppedAt: T0 + 60_000,
        stoppedAt: T0 + 60_000,
        version: 4,
      });
      expect(record.startedAt).toBe(hadStarted);
      expect(record.attachments[0]?.status).toBe('DELETED');
      expect(record.containers[0]).toMatchObject({
        lastStatus: 'STOPPED',
        reason: LEFT_BEHIND_REASON,
      });
      expect(record.containers[0]).not.toHaveProperty('exitCode');
      expect(ordered(record)).toBe(true);
    });
  }

  it('never stamps the stop before what the task already recorded', () => {
    // The clock reads earlier than the task's own times (a virtual clock started again).
    const record = task('RUNNING');
    markLeftBehind(record, T0 - 86_400_000, true);
    expect(record.stoppedAt).toBe(T0 + 3000);
    expect(ordered(record)).toBe(true);
  });

  it('keeps the code, reason and time of a stop that was already under way', () => {
    const record = task('STOPPING', {
      desiredStatus: 'STOPPED',
      stopCode: 'UserInitiated',
      stoppedReason: 'Task stopped by user',
      stoppingAt: T0 + 10_000,
    });
    record.containers[0]!.lastStatus = 'STOPPED';
    record.containers[0]!.exitCode = 143;
    markLeftBehind(record, T0 + 60_000, false);
    expect(record).toMatchObject({
      stopCode: 'UserInitiated',
      stoppedReason: 'Task stopped by user',
      stoppingAt: T0 + 10_000,
      executionStoppedAt: T0 + 60_000,
      stoppedAt: T0 + 60_000,
    });
    // A container that had ended keeps its exit code and has no reason invented.
    expect(record.containers[0]).toMatchObject({ exitCode: 143 });
    expect(record.containers[0]).not.toHaveProperty('reason');
    expect(record.attachments[0]?.status).toBe('ATTACHED');
  });

  it('words the reason as ECS does for a task whose host went away', () => {
    expect(LEFT_BEHIND_REASON).toMatch(
      /^ECS is performing maintenance on the underlying infrastructure hosting the task/,
    );
    expect(LEFT_BEHIND_REASON.length).toBeLessThanOrEqual(255);
  });
});
