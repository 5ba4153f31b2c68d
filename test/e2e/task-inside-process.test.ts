/**
 * Inside the seed's task on the process runtime: the rule fires it on the virtual clock;
 * the task finds Fargate's variables, its parameter and secret as variables, its metadata
 * endpoint naming it, and the task role's credentials, with which the host's AWS CLI gets
 * the assumed-role session of the task back from GetCallerIdentity. With the execution
 * role's permission taken away, the next run stops with ResourceInitializationError.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../helpers/teiki.js';
import {
  ACCOUNT,
  buildInsideStack,
  documentAfter,
  variable,
  type InsideStack,
} from './task-inside-fixtures.js';

/** What the task prints: its environment, its metadata, its identity (one JSON a line). */
export const INSIDE_SCRIPT = [
  'env | sort',
  'echo "--- task"; wget -q -O - "$ECS_CONTAINER_METADATA_URI_V4/task"; echo',
  'echo "--- container"; wget -q -O - "$ECS_CONTAINER_METADATA_URI_V4"; echo',
  'echo "--- stats"; wget -q -O - "$ECS_CONTAINER_METADATA_URI_V4/task/stats"; echo',
  'echo "--- v3"; wget -q -O - "$ECS_CONTAINER_METADATA_URI/task"; echo',
  'echo "--- identity"; aws sts get-caller-identity --output json 2>&1 | tr -d "\\n "; echo',
].join('\n');

let teiki: TestTeiki;
let stack: InsideStack;

beforeAll(async () => {
  teiki = await startTestTeiki([
    '--in-memory',
    '--clock',
    'virtual',
    '--clock-start',
    '2026-11-28T00:00:00Z',
  ]);
  stack = await buildInsideStack(teiki, {
    image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/ecs-scheduler-sample:latest`,
    command: ['sh', '-c', INSIDE_SCRIPT],
  });
}, 60_000);
afterAll(() => teiki?.close());

describe('inside the scheduled task (process runtime)', () => {
  it('finds its environment, secrets, metadata and task role credentials', async () => {
    const { task, taskId, lines } = await stack.fireAndWait('2026-11-28');
    expect(task.stopCode, task.stoppedReason).toBe('EssentialContainerExited');
    expect(task.containers?.[0]?.exitCode, lines.join('\n')).toBe(0);

    expect(variable(lines, 'AWS_REGION')).toBe('us-east-1');
    expect(variable(lines, 'AWS_DEFAULT_REGION')).toBe('us-east-1');
    expect(variable(lines, 'AWS_EXECUTION_ENV')).toBe('AWS_ECS_FARGATE');
    const base = `http://127.0.0.1:${teiki.port}`;
    expect(variable(lines, 'AWS_ENDPOINT_URL')).toBe(base);
    expect(variable(lines, 'ECS_CONTAINER_METADATA_URI_V4')).toMatch(
      new RegExp(`^${base}/_teiki/task-metadata/v4/[0-9a-f]{48}$`),
    );
    expect(variable(lines, 'ECS_CONTAINER_METADATA_URI')).toMatch(/\/_teiki\/task-metadata\/v3\//);
    expect(variable(lines, 'AWS_CONTAINER_CREDENTIALS_FULL_URI')).toBe(
      `${base}/_teiki/task-credentials`,
    );
    expect(variable(lines, 'AWS_CONTAINER_AUTHORIZATION_TOKEN')).toMatch(/^[0-9a-f]{48}$/);
    expect(variable(lines, 'DB_HOST')).toBe('db.internal');
    expect(variable(lines, 'DB_PASSWORD')).toBe('s3cret-value');

    const metadata = documentAfter(lines, '--- task') as Record<string, unknown>;
    expect(metadata).toMatchObject({
      Cluster: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/scheduler-cluster`,
      TaskARN: task.taskArn,
      Family: 'scheduler',
      Revision: '1',
      DesiredStatus: 'RUNNING',
      KnownStatus: 'RUNNING',
      Limits: { CPU: 0.25, Memory: 512 },
      AvailabilityZone: task.availabilityZone,
      LaunchType: 'FARGATE',
    });
    const containers = metadata.Containers as Array<Record<string, unknown>>;
    expect(containers[0]).toMatchObject({
      Name: 'app',
      KnownStatus: 'RUNNING',
      Type: 'NORMAL',
      LogDriver: 'awslogs',
      LogOptions: { 'awslogs-group': '/ecs/inside', 'awslogs-stream-prefix': 'ecs' },
      ContainerARN: task.containers?.[0]?.containerArn,
      Networks: [
        {
          NetworkMode: 'awsvpc',
          IPv4Addresses: [task.containers?.[0]?.networkInterfaces?.[0]?.privateIpv4Address],
        },
      ],
    });
    expect(documentAfter(lines, '--- container')).toMatchObject({ Name: 'app', Type: 'NORMAL' });
    const stats = documentAfter(lines, '--- stats') as Record<
      string,
      { memory_stats: { usage: number } }
    >;
    const sample = stats[String(containers[0]?.DockerId)];
    expect(sample?.memory_stats.usage).toBeGreaterThan(0);
    const v3 = documentAfter(lines, '--- v3') as Record<string, unknown>;
    expect(v3.TaskARN).toBe(task.taskArn);
    expect(v3).not.toHaveProperty('LaunchType');

    expect(documentAfter(lines, '--- identity')).toMatchObject({
      Account: ACCOUNT,
      Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/inside-app/${taskId}`,
    });
  });

  it('stops with ResourceInitializationError when the execution role may not read', async () => {
    await stack.revokeParameterRead();
    const { task, taskId } = await stack.fireAndWait('2026-11-29');
    expect(task.stopCode).toBe('TaskFailedToStart');
    expect(task.stoppedReason).toBe(
      'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: ' +
        'unable to retrieve secrets from ssm: service call has been retried 1 time(s): ' +
        'operation error SSM: GetParameters, https response error StatusCode: 400, api error AccessDeniedException: ' +
        `User: arn:aws:sts::${ACCOUNT}:assumed-role/inside-exec/${taskId} is not authorized to perform: ssm:GetParameters ` +
        `on resource: arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/app/db-host because no identity-based policy allows the ssm:GetParameters action`,
    );
    expect(task.containers?.[0]?.exitCode).toBeUndefined();
  });
});
