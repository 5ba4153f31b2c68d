/**
 * IAM and EventBridge set-ups the overview and IAM console tests share: the seed's
 * target role written correctly (RunTask on `FAMILY:*`, PassRole on the task's roles)
 * and as the article wrote it (RunTask on the family ARN without revision), and a rule
 * with an ECS target to fire through `POST /_teiki/fire`.
 */
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  IAMClient,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import type { TestTeiki } from '../helpers/teiki.js';

export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';

export function taskDefinitionArn(family: string, revision?: number): string {
  const base = `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${family}`;
  return revision === undefined ? base : `${base}:${revision}`;
}

export function roleArn(name: string): string {
  return `arn:aws:iam::${ACCOUNT}:role/${name}`;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: Record<string, unknown>[];
}

export function trustOf(service: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'TrustService',
        Effect: 'Allow',
        Principal: { Service: service },
        Action: 'sts:AssumeRole',
      },
    ],
  };
}

/** RunTask on `runTaskResource` (inline policy `RunTask`, Sid `RunTheTask`). */
export function runTaskPolicy(runTaskResource: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'RunTheTask', Effect: 'Allow', Action: 'ecs:RunTask', Resource: runTaskResource },
    ],
  };
}

/** PassRole on `roles` to ECS tasks only (managed policy, Sid `PassTaskRoles`). */
export function passRolePolicy(roles: string[]): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'PassTaskRoles',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: roles,
        Condition: { StringLike: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
      },
    ],
  };
}

/**
 * A role trusted by `service`, with RunTask inline and PassRole in an attached customer
 * managed policy named `NAME-pass`. Answers the role's ARN.
 */
export async function targetRole(
  teiki: TestTeiki,
  name: string,
  options: { service?: string; runTaskResource: string; passRoles: string[] },
): Promise<string> {
  const iam = new IAMClient(teiki.clientConfig());
  const role = await iam.send(
    new CreateRoleCommand({
      RoleName: name,
      AssumeRolePolicyDocument: JSON.stringify(trustOf(options.service ?? 'events.amazonaws.com')),
    }),
  );
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: name,
      PolicyName: 'RunTask',
      PolicyDocument: JSON.stringify(runTaskPolicy(options.runTaskResource)),
    }),
  );
  const policy = await iam.send(
    new CreatePolicyCommand({
      PolicyName: `${name}-pass`,
      Description: `PassRole for ${name}`,
      PolicyDocument: JSON.stringify(passRolePolicy(options.passRoles)),
    }),
  );
  await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: policy.Policy?.Arn }));
  return role.Role?.Arn ?? '';
}

/** A one-container Fargate task definition of `family`, with the roles given. */
export async function fargateTask(
  teiki: TestTeiki,
  family: string,
  roles: { executionRoleArn?: string; taskRoleArn?: string } = {},
): Promise<void> {
  await new ECSClient(teiki.clientConfig()).send(
    new RegisterTaskDefinitionCommand({
      family,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      ...roles,
      containerDefinitions: [{ name: 'app', image: 'app:1', essential: true }],
    }),
  );
}

/** A daily rule on the default bus whose ECS target runs `family` on `cluster` as `role`. */
export async function ecsRule(
  teiki: TestTeiki,
  options: { name: string; role: string; family: string; cluster: string; subnetId: string },
): Promise<void> {
  const events = new EventBridgeClient(teiki.clientConfig());
  await events.send(
    new PutRuleCommand({ Name: options.name, ScheduleExpression: 'cron(20 2 * * ? *)' }),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: options.name,
      Targets: [
        {
          Id: `${options.name}-target`,
          Arn: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/${options.cluster}`,
          RoleArn: options.role,
          EcsParameters: {
            TaskDefinitionArn: taskDefinitionArn(options.family),
            TaskCount: 1,
            LaunchType: 'FARGATE',
            NetworkConfiguration: {
              awsvpcConfiguration: { Subnets: [options.subnetId], AssignPublicIp: 'DISABLED' },
            },
          },
        },
      ],
    }),
  );
}

export interface FireAnswer {
  invocations: {
    outcome: string;
    taskArns: string[];
    error?: { code: string; message: string };
  }[];
}

export async function fireRule(teiki: TestTeiki, rule: string): Promise<FireAnswer> {
  const res = await fetch(`${teiki.url}/_teiki/fire`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rule }),
  });
  if (res.status !== 200) throw new Error(`fire ${rule}: ${res.status} ${await res.text()}`);
  return (await res.json()) as FireAnswer;
}

/** A console API call's status and JSON. */
export async function api<T>(
  teiki: TestTeiki,
  path: string,
  init: { method?: string; body?: string } = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${teiki.url}/_teiki/api/${path}`, {
    method: init.method ?? 'GET',
    ...(init.body !== undefined
      ? { body: init.body, headers: { 'content-type': 'application/json' } }
      : {}),
  });
  return { status: res.status, body: (await res.json()) as T };
}
