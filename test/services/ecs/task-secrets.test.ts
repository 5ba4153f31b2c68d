/**
 * A container definition's `secrets` and `environmentFiles` at task start, case by case:
 * what arrives in the environment, and the ResourceInitializationError a task stops with
 * when a value is missing. The execution role here may read everything; the denied case
 * is the proof suite's (test/e2e/task-inside-process.test.ts).
 */
import { IAMClient } from '@aws-sdk/client-iam';
import { createTaskRole } from '../../helpers/roles.js';
import {
  CreateSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { ContainerDefinition } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskDetail } from '../../../src/console/shared/api-types.js';
import { startTaskFixture, type TaskFixture } from './tasks-fixtures.js';

const ACCOUNT = '000000000000';
const PREFIX =
  'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: ';
let f: TaskFixture;
let secretArn: string;

beforeAll(async () => {
  f = await startTaskFixture();
  const config = f.teiki.clientConfig();
  await createTaskRole(new IAMClient(config), 'ecsTaskExecutionRole', {
    'read-all': [
      {
        Effect: 'Allow',
        Action: ['ssm:GetParameters', 'secretsmanager:GetSecretValue'],
        Resource: '*',
      },
    ],
  });
  const ssm = new SSMClient(config);
  await ssm.send(new PutParameterCommand({ Name: '/cfg/plain', Value: 'one', Type: 'String' }));
  await ssm.send(
    new PutParameterCommand({ Name: 'cfg-secure', Value: 'hidden', Type: 'SecureString' }),
  );
  const sm = new SecretsManagerClient(config);
  const created = await sm.send(
    new CreateSecretCommand({
      Name: 'db',
      SecretString: JSON.stringify({ user: 'u1', port: 5432 }),
    }),
  );
  secretArn = created.ARN ?? '';
  await sm.send(
    new PutSecretValueCommand({ SecretId: 'db', SecretString: JSON.stringify({ user: 'u2' }) }),
  );
}, 60_000);
afterAll(() => f.close());

async function runWith(container: Partial<ContainerDefinition>) {
  const family = await f.register([
    { name: 'app', image: 'local', command: ['sh', '-c', 'env'], ...container },
  ]);
  const task = await f.run(family);
  return f.waitStopped(task.taskArn ?? '');
}

describe('secrets arriving as variables', () => {
  it.each([
    ['a parameter by name', '/cfg/plain', 'one'],
    ['a parameter by ARN', `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/cfg/plain`, 'one'],
    ['a SecureString, decrypted', 'cfg-secure', 'hidden'],
    ['a whole secret', () => secretArn, '{"user":"u2"}'],
    ['a JSON key of the current version', () => `${secretArn}:user::`, 'u2'],
    ['a JSON key of AWSPREVIOUS', () => `${secretArn}:user:AWSPREVIOUS:`, 'u1'],
    ['a number under a JSON key', () => `${secretArn}:port:AWSPREVIOUS:`, '5432'],
  ])('%s', async (_case, valueFrom, expected) => {
    const from = typeof valueFrom === 'function' ? valueFrom() : valueFrom;
    const stopped = await runWith({
      secrets: [{ name: 'VALUE', valueFrom: from }],
      logConfiguration: {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': '/teiki-tests',
          'awslogs-region': 'us-east-1',
          'awslogs-stream-prefix': 'test',
          'awslogs-create-group': 'true',
        },
      },
    });
    expect(stopped.stopCode, stopped.stoppedReason).toBe('EssentialContainerExited');
    const lines = await f.logLines('app', stopped.taskArn ?? '');
    expect(lines).toContain(`VALUE=${expected}`);
  });
});

describe("the console's task page", () => {
  it('shows the roles and the secret names, never their values, and the metadata', async () => {
    const stopped = await runWith({ secrets: [{ name: 'DB_HOST', valueFrom: '/cfg/plain' }] });
    const res = await fetch(
      `${f.teiki.url}/_teiki/api/task?id=${encodeURIComponent(stopped.taskArn ?? '')}`,
    );
    const text = await res.text();
    expect(res.status).toBe(200);
    const detail = JSON.parse(text) as TaskDetail;
    expect(detail.inside).toMatchObject({
      executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`,
      secrets: [{ containerName: 'app', name: 'DB_HOST', valueFrom: '/cfg/plain' }],
      metadata: { TaskARN: stopped.taskArn, KnownStatus: 'STOPPED', LaunchType: 'FARGATE' },
    });
    expect(detail.inside.taskRoleArn).toBeUndefined();
    expect(text).not.toContain('DB_HOST=one');
    expect(text).not.toMatch(/"one"/);
  });
});

describe('what stops a task before it runs', () => {
  it.each([
    [
      'a missing parameter',
      { secrets: [{ name: 'V', valueFrom: '/cfg/none' }] },
      `${PREFIX}unable to retrieve secrets from ssm: service call has been retried 1 time(s): invalid ssm parameters: /cfg/none`,
    ],
    [
      'a missing JSON key',
      () => ({ secrets: [{ name: 'V', valueFrom: `${secretArn}:password::` }] }),
      `${PREFIX}unable to retrieve secret from asm: service call has been retried 1 time(s): retrieved secret from Secrets Manager did not contain json key password`,
    ],
    [
      'a missing secret',
      {
        secrets: [
          {
            name: 'V',
            valueFrom: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:gone-AbCdEf`,
          },
        ],
      },
      `${PREFIX}unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:gone-AbCdEf from secrets manager: operation error Secrets Manager: GetSecretValue, https response error StatusCode: 400, api error ResourceNotFoundException: Secrets Manager can't find the specified secret.`,
    ],
    [
      'a malformed secret ARN',
      {
        secrets: [{ name: 'V', valueFrom: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:db` }],
      },
      `${PREFIX}unable to retrieve secret from asm: trying to retrieve secret with value arn:aws:secretsmanager:us-east-1:${ACCOUNT}:db resulted in error: an invalid ARN format for the AWS Secrets Manager secret was specified. Specify a valid ARN and try again.`,
    ],
    [
      'registry credentials without a user name',
      () => ({ repositoryCredentials: { credentialsParameter: secretArn } }),
      `${PREFIX}unable to retrieve secret from asm: service call has been retried 1 time(s): retrieved secret from Secrets Manager did not contain json key username`,
    ],
    [
      'an environment file (teiki has no S3)',
      { environmentFiles: [{ type: 's3' as const, value: 'arn:aws:s3:::bucket/app.env' }] },
      'ResourceInitializationError: failed to download env files: teiki has no S3 to read arn:aws:s3:::bucket/app.env from; give the variables in environment or secrets instead',
    ],
  ])('%s', async (_case, container, reason) => {
    const given = typeof container === 'function' ? container() : container;
    const stopped = await runWith(given);
    expect(stopped.stopCode).toBe('TaskFailedToStart');
    expect(stopped.stoppedReason).toBe(reason);
    expect(stopped.containers?.[0]?.exitCode).toBeUndefined();
  });
});
