/** Shared pieces of the cluster and tagging suites: error capture and seeded task records. */
import { ECSServiceException } from '@aws-sdk/client-ecs';
import { expectRejection } from '../../helpers/errors.js';
import {
  TASKS,
  taskRecordId,
  type TaskRecord,
  type TaskStatus,
} from '../../../src/services/ecs/records.js';
import type { Store } from '../../../src/store/types.js';

export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';
export const SCOPE = { accountId: ACCOUNT, region: REGION };

export const clusterArn = (name: string, region = REGION) =>
  `arn:aws:ecs:${region}:${ACCOUNT}:cluster/${name}`;

/** Asserts AWS's error name, message and HTTP status. */
export function expectEcsError(
  promise: Promise<unknown>,
  name: string,
  message: string,
  status = 400,
): Promise<void> {
  return expectRejection(promise, ECSServiceException, name, message, status);
}

export { uniqueName } from '../../helpers/errors.js';

let seededTasks = 0;

/**
 * A task record as RunTask stores it, written straight to the store so a suite controls
 * its status without running anything.
 */
export async function seedTask(
  store: Store,
  clusterName: string,
  lastStatus: TaskStatus,
  extra: Partial<TaskRecord> = {},
): Promise<TaskRecord> {
  seededTasks += 1;
  const taskId = `${seededTasks.toString(16).padStart(8, '0')}${'0'.repeat(24)}`;
  const record: TaskRecord = {
    taskArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task/${clusterName}/${taskId}`,
    clusterArn: clusterArn(clusterName),
    taskDefinitionArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/seeded:1`,
    lastStatus,
    desiredStatus: lastStatus === 'STOPPED' ? 'STOPPED' : 'RUNNING',
    launchType: 'FARGATE',
    cpu: '256',
    memory: '512',
    availabilityZone: `${REGION}a`,
    attachments: [],
    containers: [],
    overrides: {},
    tags: [],
    version: 1,
    createdAt: 0,
    ...extra,
  };
  await store.collection<TaskRecord>(TASKS).put(SCOPE, taskRecordId(clusterName, taskId), record);
  return record;
}

/** Moves a seeded task to another status, in place. */
export async function setTaskStatus(
  store: Store,
  task: TaskRecord,
  lastStatus: TaskStatus,
): Promise<void> {
  const [clusterName = '', taskId = ''] = task.taskArn.split('/').slice(-2);
  await store
    .collection<TaskRecord>(TASKS)
    .put(SCOPE, taskRecordId(clusterName, taskId), { ...task, lastStatus });
}
