/**
 * The AWS CLI against teiki's SSM Parameter Store and Secrets Manager, as a user runs it,
 * and both surviving a restart on the SQLite store.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { awsCli, spawnTeiki, type TeikiProcess } from '../helpers/process.js';
import { tempDir } from '../helpers/teiki.js';

const running: TeikiProcess[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const p of running) p.child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function ok(endpoint: string, args: string[]): unknown {
  const result = awsCli(endpoint, args);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout.trim() === '' ? undefined : JSON.parse(result.stdout);
}

async function start(args: string[]): Promise<TeikiProcess> {
  const teiki = await spawnTeiki(args);
  running.push(teiki);
  return teiki;
}

describe('aws ssm', () => {
  it('puts, reads, lists by path, labels and deletes parameters', async () => {
    const { url } = await start(['--in-memory']);
    expect(
      ok(url, [
        'ssm',
        'put-parameter',
        '--name',
        '/app/db/url',
        '--type',
        'String',
        '--value',
        'postgres://db',
      ]),
    ).toEqual({ Version: 1, Tier: 'Standard' });
    ok(url, [
      'ssm',
      'put-parameter',
      '--name',
      '/app/db/password',
      '--type',
      'SecureString',
      '--value',
      'pw',
    ]);
    const got = ok(url, [
      'ssm',
      'get-parameter',
      '--name',
      '/app/db/password',
      '--with-decryption',
    ]) as {
      Parameter: Record<string, unknown>;
    };
    expect(got.Parameter).toMatchObject({
      Name: '/app/db/password',
      Type: 'SecureString',
      Value: 'pw',
      Version: 1,
      ARN: 'arn:aws:ssm:us-east-1:000000000000:parameter/app/db/password',
    });
    const byPath = ok(url, ['ssm', 'get-parameters-by-path', '--path', '/app', '--recursive']) as {
      Parameters: Array<{ Name: string }>;
    };
    expect(byPath.Parameters.map((p) => p.Name)).toEqual(['/app/db/password', '/app/db/url']);
    ok(url, [
      'ssm',
      'put-parameter',
      '--name',
      '/app/db/url',
      '--value',
      'postgres://db2',
      '--overwrite',
    ]);
    expect(
      ok(url, [
        'ssm',
        'label-parameter-version',
        '--name',
        '/app/db/url',
        '--parameter-version',
        '1',
        '--labels',
        'first',
      ]),
    ).toEqual({ InvalidLabels: [], ParameterVersion: 1 });
    const labelled = ok(url, ['ssm', 'get-parameter', '--name', '/app/db/url:first']) as {
      Parameter: { Value: string };
    };
    expect(labelled.Parameter.Value).toBe('postgres://db');
    ok(url, ['ssm', 'delete-parameter', '--name', '/app/db/url']);
    const missing = awsCli(url, ['ssm', 'get-parameter', '--name', '/app/db/url']);
    expect(missing.status).toBe(255);
    expect(missing.stderr).toContain(
      'An error occurred (ParameterNotFound) when calling the GetParameter operation',
    );
  });
});

describe('aws secretsmanager', () => {
  it('creates, reads, rotates a value, lists versions and deletes secrets', async () => {
    const { url } = await start(['--in-memory']);
    const created = ok(url, [
      'secretsmanager',
      'create-secret',
      '--name',
      'prod/app/db',
      '--secret-string',
      '{"password":"one"}',
    ]) as { ARN: string; Name: string; VersionId: string };
    expect(created.ARN).toMatch(
      /^arn:aws:secretsmanager:us-east-1:000000000000:secret:prod\/app\/db-[A-Za-z0-9]{6}$/,
    );
    ok(url, [
      'secretsmanager',
      'put-secret-value',
      '--secret-id',
      created.ARN,
      '--secret-string',
      '{"password":"two"}',
    ]);
    const value = ok(url, ['secretsmanager', 'get-secret-value', '--secret-id', 'prod/app/db']) as {
      SecretString: string;
      VersionStages: string[];
    };
    expect(value).toMatchObject({
      SecretString: '{"password":"two"}',
      VersionStages: ['AWSCURRENT'],
    });
    const previous = ok(url, [
      'secretsmanager',
      'get-secret-value',
      '--secret-id',
      'prod/app/db',
      '--version-stage',
      'AWSPREVIOUS',
    ]) as { VersionId: string };
    expect(previous.VersionId).toBe(created.VersionId);
    const versions = ok(url, [
      'secretsmanager',
      'list-secret-version-ids',
      '--secret-id',
      'prod/app/db',
    ]) as {
      Versions: unknown[];
    };
    expect(versions.Versions).toHaveLength(2);
    const password = ok(url, [
      'secretsmanager',
      'get-random-password',
      '--password-length',
      '20',
    ]) as {
      RandomPassword: string;
    };
    expect(password.RandomPassword).toHaveLength(20);
    const deleted = ok(url, ['secretsmanager', 'delete-secret', '--secret-id', 'prod/app/db']) as {
      DeletionDate: number;
    };
    expect(typeof deleted.DeletionDate).toBe('number');
    const gone = awsCli(url, ['secretsmanager', 'get-secret-value', '--secret-id', 'prod/app/db']);
    expect(gone.status).toBe(255);
    expect(gone.stderr).toContain(
      "An error occurred (InvalidRequestException) when calling the GetSecretValue operation: You can't perform this operation on the secret because it was marked for deletion.",
    );
    ok(url, ['secretsmanager', 'restore-secret', '--secret-id', 'prod/app/db']);
    const listed = ok(url, ['secretsmanager', 'list-secrets']) as {
      SecretList: Array<{ Name: string }>;
    };
    expect(listed.SecretList.map((s) => s.Name)).toEqual(['prod/app/db']);
  });
});

describe('on the SQLite store', () => {
  it('keeps parameters and secrets across a restart', async () => {
    const dataDir = tempDir('teiki-secrets-data-');
    dirs.push(dataDir);
    const first = await start(['--data-dir', dataDir]);
    ok(first.url, [
      'ssm',
      'put-parameter',
      '--name',
      'kept',
      '--type',
      'SecureString',
      '--value',
      'v1',
    ]);
    const created = ok(first.url, [
      'secretsmanager',
      'create-secret',
      '--name',
      'kept',
      '--secret-string',
      's1',
    ]) as {
      ARN: string;
    };
    first.child.kill('SIGTERM');
    await first.exited;
    const second = await start(['--data-dir', dataDir]);
    const param = ok(second.url, [
      'ssm',
      'get-parameter',
      '--name',
      'kept',
      '--with-decryption',
    ]) as {
      Parameter: { Value: string };
    };
    expect(param.Parameter.Value).toBe('v1');
    const secret = ok(second.url, [
      'secretsmanager',
      'get-secret-value',
      '--secret-id',
      created.ARN,
    ]) as {
      SecretString: string;
    };
    expect(secret.SecretString).toBe('s1');
  });
});
