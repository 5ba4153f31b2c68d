/** The moves a task run may make between ECS statuses (src/services/ecs/tasks/lifecycle.ts). */
import { describe, expect, it } from 'vitest';
import { TASK_STATUSES, type TaskStatus } from '../../../src/services/ecs/records.js';
import {
  canAdvance,
  hasActivated,
  IllegalTransition,
} from '../../../src/services/ecs/tasks/lifecycle.js';

const LEGAL: Array<[TaskStatus, TaskStatus]> = [
  ['PROVISIONING', 'PENDING'],
  ['PROVISIONING', 'STOPPING'],
  ['PENDING', 'ACTIVATING'],
  ['PENDING', 'STOPPING'],
  ['ACTIVATING', 'RUNNING'],
  ['ACTIVATING', 'DEACTIVATING'],
  ['RUNNING', 'DEACTIVATING'],
  ['DEACTIVATING', 'STOPPING'],
  ['STOPPING', 'DEPROVISIONING'],
  ['DEPROVISIONING', 'STOPPED'],
];

describe('task lifecycle moves', () => {
  it('walks AWS’s whole order, one legal move at a time', () => {
    for (let i = 1; i < TASK_STATUSES.length; i++) {
      expect(canAdvance(TASK_STATUSES[i - 1]!, TASK_STATUSES[i]!)).toBe(true);
    }
  });

  it.each(LEGAL)('allows %s → %s', (from, to) => {
    expect(canAdvance(from, to)).toBe(true);
  });

  const illegal = TASK_STATUSES.flatMap((from) =>
    TASK_STATUSES.filter((to) => !LEGAL.some(([f, t]) => f === from && t === to)).map(
      (to) => [from, to] as [TaskStatus, TaskStatus],
    ),
  );
  it.each(illegal)('refuses %s → %s', (from, to) => {
    expect(canAdvance(from, to)).toBe(false);
  });

  it('counts every move but the legal ones as illegal (none left out)', () => {
    expect(illegal.length + LEGAL.length).toBe(TASK_STATUSES.length ** 2);
  });

  it.each([
    ['PROVISIONING', false],
    ['PENDING', false],
    ['ACTIVATING', true],
    ['RUNNING', true],
    ['DEACTIVATING', false],
    ['STOPPED', false],
  ] as Array<[TaskStatus, boolean]>)('says whether %s has activated: %s', (status, activated) => {
    expect(hasActivated(status)).toBe(activated);
  });

  it('names both ends of an illegal move', () => {
    const error = new IllegalTransition('STOPPED', 'RUNNING');
    expect(error.message).toBe('a task cannot go from STOPPED to RUNNING');
    expect([error.from, error.to]).toEqual(['STOPPED', 'RUNNING']);
  });
});
