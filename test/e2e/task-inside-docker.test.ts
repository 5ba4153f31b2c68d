/**
 * Inside the seed's task on the docker runtime (Podman in CI): the rule fires it on the
 * virtual clock; inside the busybox container the credentials endpoint answers with the
 * task role's credentials (with which GetCallerIdentity names the task's session), the
 * metadata endpoint names the task, and the parameter and secret arrive as variables.
 * The container reaches teiki at its bridge network's gateway (busybox's wget resolves no
 * names here, so addresses are used as given).
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithEngine, TEST_IMAGE } from '../runtimes/docker/engine-fixtures.js';
import { startTestTeiki, type TestTeiki } from '../helpers/teiki.js';
import {
  ACCOUNT,
  buildInsideStack,
  documentAfter,
  variable,
  type InsideStack,
} from './task-inside-fixtures.js';

const IMAGE = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/ecs-scheduler-sample:latest`;
const SCRIPT = [
  'env | sort',
  'echo "--- task"; wget -q -O - "$ECS_CONTAINER_METADATA_URI_V4/task"; echo',
  'echo "--- credentials"',
  'wget -q -O - --header "Authorization: $AWS_CONTAINER_AUTHORIZATION_TOKEN" "$AWS_CONTAINER_CREDENTIALS_FULL_URI"; echo',
].join('\n');

describeWithEngine('inside the scheduled task (docker runtime)', () => {
  let teiki: TestTeiki;
  let stack: InsideStack;

  beforeAll(async () => {
    teiki = await startTestTeiki([
      '--in-memory',
      '--runtime',
      'docker',
      '--docker-network',
      'bridge',
      '--image-map',
      `${IMAGE}=${TEST_IMAGE}`,
      '--clock',
      'virtual',
      '--clock-start',
      '2026-11-28T00:00:00Z',
    ]);
    stack = await buildInsideStack(teiki, { image: IMAGE, command: ['sh', '-c', SCRIPT] });
  }, 60_000);
  afterAll(() => teiki?.close());

  it('serves the credentials and metadata endpoints and the secrets to the container', async () => {
    const { task, taskId, lines } = await stack.fireAndWait('2026-11-28');
    expect(task.stopCode, task.stoppedReason).toBe('EssentialContainerExited');
    expect(task.containers?.[0]?.exitCode, lines.join('\n')).toBe(0);

    const base = variable(lines, 'AWS_ENDPOINT_URL') ?? '';
    expect(base).toMatch(/^http:\/\/\d+\.\d+\.\d+\.\d+:\d+$/);
    expect(base).not.toContain('127.0.0.1');
    expect(variable(lines, 'AWS_EXECUTION_ENV')).toBe('AWS_ECS_FARGATE');
    expect(variable(lines, 'ECS_CONTAINER_METADATA_URI_V4')).toMatch(
      new RegExp(`^${base}/_teiki/task-metadata/v4/`),
    );
    expect(variable(lines, 'DB_HOST')).toBe('db.internal');
    expect(variable(lines, 'DB_PASSWORD')).toBe('s3cret-value');

    expect(documentAfter(lines, '--- task')).toMatchObject({
      TaskARN: task.taskArn,
      Family: 'scheduler',
      LaunchType: 'FARGATE',
      Containers: [{ Name: 'app', Image: IMAGE, DockerId: task.containers?.[0]?.runtimeId }],
    });

    const credentials = documentAfter(lines, '--- credentials') as Record<string, string>;
    expect(credentials).toMatchObject({ RoleArn: stack.taskRole });
    const sts = new STSClient(
      teiki.clientConfig({
        accessKeyId: credentials.AccessKeyId ?? '',
        secretAccessKey: credentials.SecretAccessKey ?? '',
        sessionToken: credentials.Token ?? '',
      }),
    );
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/inside-app/${taskId}`);
  });
});
