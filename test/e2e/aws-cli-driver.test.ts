/**
 * The AWS CLI run by the long-lived driver (test/helpers/aws-cli.ts) answers exactly as the
 * `aws` process does: the same stdout, stderr and exit status, call for call, on successes,
 * AWS errors, the CLI's own argument and parameter errors, --query, the output formats,
 * credentials and region from the environment, relative file:// parameters and waiters.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { howAwsRuns, runAws, runAwsSync, type AwsCall } from '../helpers/aws-cli.js';
import { runChild } from '../helpers/run-child.js';
import { CLI_ENV, spawnTeiki, type TeikiProcess } from '../helpers/process.js';

let teiki: TeikiProcess;
let dir: string;
/** Whether the `aws` on PATH is the AWS CLI v1 (`aws --version`). */
let v1: boolean;
const previousCwd = process.cwd();

beforeAll(async () => {
  teiki = await spawnTeiki(['--in-memory']);
  const version = spawnSync('aws', ['--version'], { encoding: 'utf8' });
  v1 = /^aws-cli\/1\./.test(version.stdout + version.stderr);
  dir = mkdtempSync(join(tmpdir(), 'teiki-aws-cli-'));
  writeFileSync(
    join(dir, 'trust.json'),
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Action: 'sts:AssumeRole',
        },
      ],
    }),
  );
  process.chdir(dir);
  const setup = [
    [
      'iam',
      'create-role',
      '--role-name',
      'driver-a',
      '--assume-role-policy-document',
      'file://trust.json',
    ],
    [
      'iam',
      'create-role',
      '--role-name',
      'driver-b',
      '--assume-role-policy-document',
      'file://trust.json',
    ],
    ['ecs', 'create-cluster', '--cluster-name', 'driver'],
    ['logs', 'create-log-group', '--log-group-name', '/driver/one'],
    [
      'ssm',
      'put-parameter',
      '--name',
      '/driver/db',
      '--value',
      'postgres://db',
      '--type',
      'String',
    ],
  ];
  for (const argv of setup) expect(realAws(call(argv)).status).toBe(0);
});

afterAll(() => {
  process.chdir(previousCwd);
  teiki.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function call(argv: string[], env: Record<string, string | undefined> = {}): AwsCall {
  const merged: NodeJS.ProcessEnv = { ...process.env, ...CLI_ENV, ...env };
  for (const [key, value] of Object.entries(merged)) if (value === undefined) delete merged[key];
  return { argv: ['--endpoint-url', teiki.url, ...argv], env: merged };
}

function realAws({ argv, env }: AwsCall) {
  const result = spawnSync('aws', argv, { encoding: 'utf8', env });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

it('runs the `aws` on PATH in the driver when it is the AWS CLI v1', () => {
  const how = howAwsRuns(call(['sts', 'get-caller-identity']));
  // Elsewhere (Debian's awscli is v2) every call spawns `aws`, and the reason is given.
  if (v1) expect(how).toBe('driver');
  else expect(how).toMatch(/\S/);
});

describe('the driver and the `aws` process answer alike', () => {
  // [what, argv, the status the AWS CLI v1 exits with, environment changes]
  const cases: [string, string[], number, Record<string, string | undefined>?][] = [
    ['a JSON answer', ['sts', 'get-caller-identity'], 0],
    ['a session token', ['sts', 'get-caller-identity'], 0, { AWS_SESSION_TOKEN: 'token' }],
    [
      '--query and --output text',
      ['iam', 'list-roles', '--query', 'Roles[].RoleName', '--output', 'text'],
      0,
    ],
    [
      '--output table',
      ['ecs', 'describe-clusters', '--clusters', 'driver', '--output', 'table'],
      0,
    ],
    [
      '--output text of a structure',
      ['ssm', 'get-parameter', '--name', '/driver/db', '--output', 'text'],
      0,
    ],
    ['pagination with --max-items', ['iam', 'list-roles', '--max-items', '1'], 0],
    ['a list', ['logs', 'describe-log-groups'], 0],
    ['an AWS error of a query protocol', ['iam', 'get-role', '--role-name', 'missing'], 255],
    [
      'an AWS error of a JSON protocol',
      ['ecs', 'describe-services', '--cluster', 'nowhere', '--services', 'x'],
      255,
    ],
    ['a not-found of SSM', ['ssm', 'get-parameter', '--name', '/driver/missing'], 255],
    ['parameter validation', ['iam', 'get-role', '--role-name', ''], 255],
    ['an unknown option', ['ecs', 'list-clusters', '--bogus'], 255],
    ['an unknown operation', ['ecs', 'no-such-operation'], 2],
    ['a missing required argument', ['logs', 'create-log-group'], 2],
    [
      'a missing file:// parameter',
      [
        'iam',
        'create-role',
        '--role-name',
        'x',
        '--assume-role-policy-document',
        'file://absent.json',
      ],
      255,
    ],
    ['no region', ['sts', 'get-caller-identity'], 255, { AWS_DEFAULT_REGION: undefined }],
    [
      'no credentials',
      ['sts', 'get-caller-identity'],
      255,
      {
        AWS_ACCESS_KEY_ID: undefined,
        AWS_SECRET_ACCESS_KEY: undefined,
        AWS_EC2_METADATA_DISABLED: 'true',
      },
    ],
    ['a wrong secret', ['sts', 'get-caller-identity'], 0, { AWS_SECRET_ACCESS_KEY: 'wrong' }],
  ];

  it.each(cases)('%s', (_name, argv, status, env) => {
    const driven = runAwsSync(call(argv, env));
    expect(driven).toEqual(realAws(call(argv, env)));
    // The case is what it says (v2 exits with other statuses: 254, 252).
    if (v1) expect(driven.status).toBe(status);
  });

  it('a relative file:// parameter, read from the working directory', () => {
    const argv = [
      'iam',
      'update-assume-role-policy',
      '--role-name',
      'driver-a',
      '--policy-document',
      'file://trust.json',
    ];
    expect(runAwsSync(call(argv))).toEqual(realAws(call(argv)));
  });

  it('a waiter, asynchronously', async () => {
    const argv = ['iam', 'wait', 'role-exists', '--role-name', 'driver-b'];
    const [driven, spawned] = await Promise.all([
      runAws(call(argv)),
      runChild('aws', call(argv).argv, { env: call(argv).env }),
    ]);
    expect(driven).toEqual(spawned);
    expect(driven.status).toBe(0);
  });
});
