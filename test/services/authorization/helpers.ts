/**
 * An `--auth enforce` teiki for the authorization suites, and principals made through the
 * IAM API as a user would make them: an IAM user with inline policies and an access key,
 * or an assumed role's session (with session policies).
 */
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { expect } from 'vitest';
import { uniqueName } from '../../helpers/errors.js';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';

export const ACCOUNT = '000000000000';
export const ROOT = { accessKeyId: 'AKIAROOTROOTROOTROOT', secretAccessKey: 'root-secret' };

export interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export async function startEnforcingTeiki(extra: string[] = []): Promise<TestTeiki> {
  return startTestTeiki([
    '--in-memory',
    '--auth',
    'enforce',
    '--root-access-key-id',
    ROOT.accessKeyId,
    '--root-secret-access-key',
    ROOT.secretAccessKey,
    ...extra,
  ]);
}

export type Statement = Record<string, unknown>;

export function document(statements: Statement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

export interface MadeUser extends Keys {
  userName: string;
  arn: string;
}

/**
 * A user with an access key and, when given, one inline policy and attached managed
 * policies (made as customer managed policies), created by the root key.
 */
export async function makeUser(
  teiki: TestTeiki,
  options: {
    statements?: Statement[];
    managed?: Statement[][];
    boundary?: Statement[];
    prefix?: string;
    path?: string;
  } = {},
): Promise<MadeUser> {
  const iam = new IAMClient(teiki.clientConfig(ROOT));
  const userName = uniqueName(options.prefix ?? 'dev');
  const boundaryArn = options.boundary
    ? (
        await iam.send(
          new CreatePolicyCommand({
            PolicyName: `${userName}-boundary`,
            PolicyDocument: document(options.boundary),
          }),
        )
      ).Policy?.Arn
    : undefined;
  const user = await iam.send(
    new CreateUserCommand({
      UserName: userName,
      ...(options.path ? { Path: options.path } : {}),
      ...(boundaryArn ? { PermissionsBoundary: boundaryArn } : {}),
    }),
  );
  if (options.statements) {
    await iam.send(
      new PutUserPolicyCommand({
        UserName: userName,
        PolicyName: 'inline',
        PolicyDocument: document(options.statements),
      }),
    );
  }
  for (const [index, statements] of (options.managed ?? []).entries()) {
    const policy = await iam.send(
      new CreatePolicyCommand({
        PolicyName: `${userName}-managed-${index}`,
        PolicyDocument: document(statements),
      }),
    );
    await iam.send(
      new AttachUserPolicyCommand({ UserName: userName, PolicyArn: policy.Policy?.Arn }),
    );
  }
  const key = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
  return {
    userName,
    arn: user.User?.Arn ?? '',
    accessKeyId: key.AccessKey?.AccessKeyId ?? '',
    secretAccessKey: key.AccessKey?.SecretAccessKey ?? '',
  };
}

export interface MadeSession extends Keys {
  roleName: string;
  roleArn: string;
  sessionArn: string;
}

/**
 * A role trusting `assumer` (an ARN) with one inline policy, and a session of it assumed
 * by `assumerKeys`, with session policies when given.
 */
export async function makeSession(
  teiki: TestTeiki,
  assumer: MadeUser,
  options: {
    statements: Statement[];
    sessionPolicy?: Statement[];
    sessionPolicyArns?: string[];
    sessionName?: string;
  },
): Promise<MadeSession> {
  const iam = new IAMClient(teiki.clientConfig(ROOT));
  const roleName = uniqueName('role');
  const role = await iam.send(
    new CreateRoleCommand({
      RoleName: roleName,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: assumer.arn }, Action: 'sts:AssumeRole' }],
      }),
    }),
  );
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: roleName,
      PolicyName: 'inline',
      PolicyDocument: document(options.statements),
    }),
  );
  const sessionName = options.sessionName ?? 'session';
  const assumed = await new STSClient(teiki.clientConfig(assumer)).send(
    new AssumeRoleCommand({
      RoleArn: role.Role?.Arn,
      RoleSessionName: sessionName,
      ...(options.sessionPolicy ? { Policy: document(options.sessionPolicy) } : {}),
      ...(options.sessionPolicyArns
        ? { PolicyArns: options.sessionPolicyArns.map((arn) => ({ arn })) }
        : {}),
    }),
  );
  return {
    roleName,
    roleArn: role.Role?.Arn ?? '',
    sessionArn: assumed.AssumedRoleUser?.Arn ?? '',
    accessKeyId: assumed.Credentials?.AccessKeyId ?? '',
    secretAccessKey: assumed.Credentials?.SecretAccessKey ?? '',
    sessionToken: assumed.Credentials?.SessionToken ?? '',
  };
}

interface AwsError {
  name: string;
  message: string;
  $metadata: { httpStatusCode?: number };
}

/** The call's failure; fails the test when it succeeds. */
export async function denial(promise: Promise<unknown>): Promise<AwsError> {
  try {
    await promise;
  } catch (error) {
    return error as AwsError;
  }
  throw new Error('expected the call to be denied');
}

/** AWS's implicit-deny sentence. */
export function notAllowed(
  principal: string,
  action: string,
  resource: string,
  layer = 'identity-based policy',
): string {
  return `User: ${principal} is not authorized to perform: ${action} on resource: ${resource} because no ${layer} allows the ${action} action`;
}

/** AWS's explicit-deny sentence. */
export function explicitlyDenied(
  principal: string,
  action: string,
  resource: string,
  layer = 'an identity-based policy',
): string {
  return `User: ${principal} is not authorized to perform: ${action} on resource: ${resource} with an explicit deny in ${layer}`;
}

export async function expectDenied(
  promise: Promise<unknown>,
  code: string,
  status: number,
  message: string,
): Promise<void> {
  const error = await denial(promise);
  expect({
    name: error.name,
    message: error.message,
    status: error.$metadata.httpStatusCode,
  }).toEqual({ name: code, message, status });
}

export const allowAll: Statement = { Effect: 'Allow', Action: '*', Resource: '*' };
export const denyAll: Statement = { Effect: 'Deny', Action: '*', Resource: '*' };
