/** The AWS CLI against teiki run as users run it, and the process's own life cycle. */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/teiki.js';
import { awsCli, spawnTeiki, type TeikiProcess } from '../helpers/process.js';

const running: TeikiProcess[] = [];
afterAll(() => {
  for (const p of running) p.child.kill('SIGKILL');
});

async function start(args: string[], options?: Parameters<typeof spawnTeiki>[1]) {
  const p = await spawnTeiki(args, options);
  running.push(p);
  return p;
}

describe('aws sts', () => {
  it('get-caller-identity answers with the default account', async () => {
    const teiki = await start(['--in-memory']);
    const result = awsCli(teiki.url, ['sts', 'get-caller-identity']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      UserId: '000000000000',
      Account: '000000000000',
      Arn: 'arn:aws:iam::000000000000:root',
    });
  });

  it('assume-role credentials identify the role, and survive a kill -9 with the SQLite store', async () => {
    const dataDir = tempDir();
    try {
      const first = await start(['--data-dir', dataDir]);
      const assumed = awsCli(first.url, [
        'sts',
        'assume-role',
        '--role-arn',
        'arn:aws:iam::123456789012:role/scheduled-task',
        '--role-session-name',
        'cron',
      ]);
      expect(assumed.stderr).toBe('');
      const creds = JSON.parse(assumed.stdout).Credentials;
      first.child.kill('SIGKILL');
      expect(await first.exited).toBe('SIGKILL');

      const second = await start(['--data-dir', dataDir]);
      const who = awsCli(second.url, ['sts', 'get-caller-identity'], {
        AWS_ACCESS_KEY_ID: creds.AccessKeyId,
        AWS_SECRET_ACCESS_KEY: creds.SecretAccessKey,
        AWS_SESSION_TOKEN: creds.SessionToken,
      });
      expect(who.stderr).toBe('');
      expect(JSON.parse(who.stdout).Arn).toBe(
        'arn:aws:sts::123456789012:assumed-role/scheduled-task/cron',
      );
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('reports a validation error as the AWS CLI shows it', async () => {
    const teiki = await start(['--in-memory']);
    const result = awsCli(teiki.url, [
      'sts',
      'assume-role',
      '--role-arn',
      'arn:aws:iam::000000000000:role/a',
      '--role-session-name',
      'no spaces',
    ]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(
      'An error occurred (ValidationError) when calling the AssumeRole operation: 1 validation error detected',
    );
  });
});

describe('aws iam', () => {
  it("refuses the article's trust policy used as a managed policy, as AWS does", async () => {
    const teiki = await start(['--in-memory']);
    const dir = tempDir();
    // policies/iam_policy/ecs_task_execution.json from the article: a trust policy.
    const document = JSON.stringify({
      Version: '2008-10-17',
      Statement: [
        {
          Sid: '',
          Effect: 'Allow',
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Action: 'sts:AssumeRole',
        },
      ],
    });
    writeFileSync(join(dir, 'ecs_task_execution.json'), document);
    const refused = awsCli(teiki.url, [
      'iam',
      'create-policy',
      '--policy-name',
      'EcsTaskExecutionPolicy-sample',
      '--policy-document',
      `file://${join(dir, 'ecs_task_execution.json')}`,
    ]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr.trim()).toBe(
      'An error occurred (MalformedPolicyDocument) when calling the CreatePolicy operation: Policy document should not specify a principal.',
    );
    expect(
      JSON.parse(awsCli(teiki.url, ['iam', 'list-policies', '--scope', 'Local']).stdout),
    ).toEqual({ Policies: [] });

    // The same document is a valid trust policy.
    const role = awsCli(teiki.url, [
      'iam',
      'create-role',
      '--role-name',
      'EcsTaskExecutionRole-sample',
      '--assume-role-policy-document',
      `file://${join(dir, 'ecs_task_execution.json')}`,
    ]);
    expect(role.stderr).toBe('');
    expect(JSON.parse(role.stdout).Role.AssumeRolePolicyDocument).toEqual(JSON.parse(document));
  });
});

describe('teiki start', () => {
  it('stops gracefully on SIGTERM and SIGINT', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const teiki = await start(['--in-memory']);
      teiki.child.kill(signal);
      expect(await teiki.exited).toBe(0);
      expect(teiki.output()).toContain('stopped');
    }
  });

  it('says its auth mode, and warns loudly when open mode listens beyond loopback', async () => {
    const local = await start(['--in-memory']);
    expect(local.output()).toContain('auth:    open (');
    expect(local.output()).not.toContain('WARNING');
    const exposed = await start(['--in-memory', '--host', '0.0.0.0']);
    await expect.poll(() => exposed.output()).toContain('WARNING: teiki listens on 0.0.0.0');
    expect(exposed.output()).toContain('--auth enforce');
    const guarded = await start(['--in-memory', '--host', '0.0.0.0', '--auth', 'enforce']);
    expect(guarded.output()).toContain('auth:    enforce (');
    expect(guarded.output()).not.toContain('WARNING');
    for (const p of [local, exposed, guarded]) p.child.kill('SIGTERM');
  });

  it('refuses a bad option with a message naming it', async () => {
    await expect(spawnTeiki(['--runtime', 'kubernetes'])).rejects.toThrow(
      /--runtime must be one of process, docker, not 'kubernetes'/,
    );
  });

  it('takes options from TEIKI_ variables', async () => {
    const teiki = await start([], {
      env: { TEIKI_IN_MEMORY: 'true', TEIKI_ACCOUNT_ID: '210987654321', TEIKI_CLOCK: 'virtual' },
    });
    const health = (await (await fetch(`${teiki.url}/_teiki/health`)).json()) as Record<
      string,
      unknown
    >;
    expect(health).toMatchObject({ status: 'running', store: 'memory', clock: 'virtual' });
    const who = awsCli(teiki.url, ['sts', 'get-caller-identity']);
    expect(JSON.parse(who.stdout).Account).toBe('210987654321');
  });
});
