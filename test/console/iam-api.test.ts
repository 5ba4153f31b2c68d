/**
 * The IAM page's API over HTTP: roles and policies as IAM holds them (documents decoded),
 * and "can this role run this task?" answered by the checks a rule's ECS target goes
 * through, with the statement that decided each.
 */
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateClusterCommand, ECSClient } from '@aws-sdk/client-ecs';
import {
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  IAMClient,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CanRunResponse,
  PoliciesResponse,
  RolesResponse,
} from '../../src/console/shared/api-types.js';
import { startTestTeiki, type TestTeiki } from '../helpers/teiki.js';
import {
  ACCOUNT,
  api,
  ecsRule,
  fargateTask,
  fireRule,
  passRolePolicy,
  roleArn,
  runTaskPolicy,
  targetRole,
  taskDefinitionArn,
  trustOf,
} from './iam-fixtures.js';

let teiki: TestTeiki;
const FAMILY = 'sample-logger';
const EXECUTION_ROLE = roleArn('ecs-task-execution');
const TASK_ROLE = roleArn('sample-logger-task');
let good: string;
let revisionless: string;
let schedulerOnly: string;
let denyPass: string;

function canRun(body: unknown) {
  return api<CanRunResponse>(teiki, 'iam/can-run', {
    method: 'POST',
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  teiki = await startTestTeiki(['--in-memory']);
  await fargateTask(teiki, FAMILY, { executionRoleArn: EXECUTION_ROLE, taskRoleArn: TASK_ROLE });
  // The task's role, which ECS assumes: RunTask refuses a task whose role it cannot.
  await new IAMClient(teiki.clientConfig()).send(
    new CreateRoleCommand({
      RoleName: 'sample-logger-task',
      AssumeRolePolicyDocument: JSON.stringify(trustOf('ecs-tasks.amazonaws.com')),
    }),
  );
  const passRoles = [EXECUTION_ROLE, TASK_ROLE];
  good = await targetRole(teiki, 'EcsEventsRole', {
    runTaskResource: `${taskDefinitionArn(FAMILY)}:*`,
    passRoles,
  });
  revisionless = await targetRole(teiki, 'EcsEventsRole-article', {
    runTaskResource: taskDefinitionArn(FAMILY),
    passRoles,
  });
  schedulerOnly = await targetRole(teiki, 'SchedulerRole', {
    service: 'scheduler.amazonaws.com',
    runTaskResource: `${taskDefinitionArn(FAMILY)}:*`,
    passRoles,
  });
  denyPass = await targetRole(teiki, 'NoPassRole', {
    runTaskResource: '*',
    passRoles: ['*'],
  });
  await new IAMClient(teiki.clientConfig()).send(
    new PutRolePolicyCommand({
      RoleName: 'NoPassRole',
      PolicyName: 'NeverPass',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'NoPassingTaskRole', Effect: 'Deny', Action: 'iam:PassRole', Resource: TASK_ROLE },
        ],
      }),
    }),
  );
});
afterAll(() => teiki.close());

describe('GET /_teiki/api/iam/roles', () => {
  it('lists each role with its trust policy and policies, decoded from IAM’s URL encoding', async () => {
    const { status, body } = await api<RolesResponse>(teiki, 'iam/roles');
    expect(status).toBe(200);
    expect(body.roles.map((r) => r.name).sort()).toEqual([
      'EcsEventsRole',
      'EcsEventsRole-article',
      'NoPassRole',
      'SchedulerRole',
      'sample-logger-task',
    ]);
    const role = body.roles.find((r) => r.name === 'EcsEventsRole');
    expect(role).toMatchObject({ arn: good, path: '/' });
    expect(role?.trustPolicy).toEqual(trustOf('events.amazonaws.com'));
    expect(role?.inlinePolicies).toEqual([
      { name: 'RunTask', document: runTaskPolicy(`${taskDefinitionArn(FAMILY)}:*`) },
    ]);
    expect(role?.attachedPolicies).toEqual([
      {
        name: 'EcsEventsRole-pass',
        arn: `arn:aws:iam::${ACCOUNT}:policy/EcsEventsRole-pass`,
        versionId: 'v1',
        document: passRolePolicy([EXECUTION_ROLE, TASK_ROLE]),
      },
    ]);
    const twoInline = body.roles.find((r) => r.name === 'NoPassRole');
    expect(twoInline?.inlinePolicies.map((p) => p.name)).toEqual(['NeverPass', 'RunTask']);
  });

  it('shows an attached policy’s default version, and characters IAM encodes come back as written', async () => {
    await targetRole(teiki, 'VersionedRole', { runTaskResource: '*', passRoles: ['*'] });
    const iam = new IAMClient(teiki.clientConfig());
    const v2 = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'PassAll',
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: 'arn:aws:iam::*:role/a+b=c,d@e',
        },
      ],
    };
    await iam.send(
      new CreatePolicyVersionCommand({
        PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/VersionedRole-pass`,
        PolicyDocument: JSON.stringify(v2),
        SetAsDefault: true,
      }),
    );
    const { body } = await api<RolesResponse>(teiki, 'iam/roles');
    const role = body.roles.find((r) => r.name === 'VersionedRole');
    expect(role?.attachedPolicies[0]).toMatchObject({ versionId: 'v2', document: v2 });
  });
});

describe('GET /_teiki/api/iam/policies', () => {
  it('lists customer managed policies only, with their default version and attachments', async () => {
    const { status, body } = await api<PoliciesResponse>(teiki, 'iam/policies');
    expect(status).toBe(200);
    expect(body.policies.map((p) => p.name).sort()).toEqual([
      'EcsEventsRole-article-pass',
      'EcsEventsRole-pass',
      'NoPassRole-pass',
      'SchedulerRole-pass',
      'VersionedRole-pass',
    ]);
    expect(body.policies.find((p) => p.name === 'EcsEventsRole-pass')).toEqual({
      name: 'EcsEventsRole-pass',
      arn: `arn:aws:iam::${ACCOUNT}:policy/EcsEventsRole-pass`,
      versionId: 'v1',
      document: passRolePolicy([EXECUTION_ROLE, TASK_ROLE]),
      attachmentCount: 1,
      description: 'PassRole for EcsEventsRole',
    });
  });
});

describe('POST /_teiki/api/iam/can-run', () => {
  it('allows a correct policy, naming the statement behind every check', async () => {
    const { status, body } = await canRun({ roleArn: good, taskDefinition: FAMILY });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      allowed: true,
      roleArn: good,
      principal: 'events.amazonaws.com',
      taskDefinitionArn: taskDefinitionArn(FAMILY, 1),
      clusterArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/default`,
    });
    expect(body.checks.map((c) => [c.check, c.resource, c.allowed])).toEqual([
      ['sts:AssumeRole', good, true],
      ['ecs:RunTask', taskDefinitionArn(FAMILY, 1), true],
      ['iam:PassRole', EXECUTION_ROLE, true],
      ['iam:PassRole', TASK_ROLE, true],
      ['sts:AssumeRole', TASK_ROLE, true],
    ]);
    const [trust, runTask, pass, , taskRole] = body.checks;
    expect(trust?.principal).toBeUndefined();
    expect(taskRole?.principal).toBe('ecs-tasks.amazonaws.com');
    expect(taskRole?.policy).toBe(`${TASK_ROLE} trust policy`);
    expect(taskRole?.decidingStatement).toEqual({
      sid: 'TrustService',
      index: 0,
      json: trustOf('ecs-tasks.amazonaws.com').Statement[0],
    });
    expect(body.checks.some((c) => c.deniedWith !== undefined)).toBe(false);
    expect(trust?.decidingStatement).toEqual({
      sid: 'TrustService',
      index: 0,
      json: trustOf('events.amazonaws.com').Statement[0],
    });
    expect(runTask?.policy).toBe('role/EcsEventsRole inline RunTask');
    expect(runTask?.decidingStatement).toEqual({
      sid: 'RunTheTask',
      index: 0,
      json: runTaskPolicy(`${taskDefinitionArn(FAMILY)}:*`).Statement[0],
    });
    expect(runTask?.reason).toContain('Sid "RunTheTask"');
    expect(pass?.policy).toBe(`arn:aws:iam::${ACCOUNT}:policy/EcsEventsRole-pass`);
    expect(pass?.decidingStatement?.sid).toBe('PassTaskRoles');
  });

  it('denies the article’s revision-less policy, saying so, and the rule’s target fails for the same reason', async () => {
    const { body } = await canRun({
      roleArn: revisionless,
      taskDefinition: taskDefinitionArn(FAMILY, 1),
      cluster: 'sample-cluster',
    });
    expect(body.allowed).toBe(false);
    expect(body.clusterArn).toBe(`arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/sample-cluster`);
    const runTask = body.checks.find((c) => c.check === 'ecs:RunTask');
    expect(runTask?.allowed).toBe(false);
    expect(runTask?.deniedWith).toBe('AccessDeniedException');
    expect(runTask?.decidingStatement).toBeUndefined();
    expect(runTask?.reason).toBe(
      `role EcsEventsRole-article may not ecs:RunTask on ${taskDefinitionArn(FAMILY, 1)}: its policy allows ${taskDefinitionArn(FAMILY)} (no revision), which ECS has not accepted since March 2024; name the revision or end the ARN with :*`,
    );
    expect(body.checks.filter((c) => c.check !== 'ecs:RunTask').every((c) => c.allowed)).toBe(true);

    const subnets = await new EC2Client(teiki.clientConfig()).send(new DescribeSubnetsCommand({}));
    await ecsRule(teiki, {
      name: 'article-rule',
      role: revisionless,
      family: FAMILY,
      cluster: 'sample-cluster',
      subnetId: subnets.Subnets?.[0]?.SubnetId ?? '',
    });
    const fired = await fireRule(teiki, 'article-rule');
    expect(fired.invocations[0]?.outcome).toBe('failed');
    expect(fired.invocations[0]?.error?.message).toBe(runTask?.reason);
  });

  it('checks trust for the principal asked: events or scheduler', async () => {
    const asEvents = await canRun({ roleArn: schedulerOnly, taskDefinition: FAMILY });
    expect(asEvents.body.allowed).toBe(false);
    const trust = asEvents.body.checks[0];
    expect(trust).toMatchObject({ check: 'sts:AssumeRole', allowed: false });
    expect(trust?.reason).toMatch(/^role SchedulerRole does not trust events\.amazonaws\.com: /);
    expect(trust?.decidingStatement).toBeUndefined();

    const asScheduler = await canRun({
      roleArn: schedulerOnly,
      taskDefinition: FAMILY,
      principal: 'scheduler.amazonaws.com',
    });
    expect(asScheduler.body.allowed).toBe(true);
    expect(asScheduler.body.checks[0]?.decidingStatement?.sid).toBe('TrustService');
  });

  it('names the explicit Deny that refuses a PassRole', async () => {
    const { body } = await canRun({ roleArn: denyPass, taskDefinition: `${FAMILY}:1` });
    expect(body.allowed).toBe(false);
    const [, , execution, task] = body.checks;
    expect(execution).toMatchObject({ resource: EXECUTION_ROLE, allowed: true });
    expect(task).toMatchObject({
      resource: TASK_ROLE,
      allowed: false,
      policy: 'role/NoPassRole inline NeverPass',
      decidingStatement: {
        sid: 'NoPassingTaskRole',
        index: 0,
        json: {
          Sid: 'NoPassingTaskRole',
          Effect: 'Deny',
          Action: 'iam:PassRole',
          Resource: TASK_ROLE,
        },
      },
    });
    expect(task?.reason).toContain('explicitly denies iam:PassRole');
  });

  it('answers bad input with 400 and unknown roles or task definitions with 404, as JSON', async () => {
    const cases: [unknown, number, RegExp][] = [
      [{ taskDefinition: FAMILY }, 400, /"roleArn" is required/],
      [{ roleArn: good }, 400, /"taskDefinition" is required/],
      [{ roleArn: 'EcsEventsRole', taskDefinition: FAMILY }, 400, /must be a role ARN/],
      [
        { roleArn: good, taskDefinition: FAMILY, principal: 'ecs.amazonaws.com' },
        400,
        /"principal"/,
      ],
      [{ roleArn: good, taskDefinition: FAMILY, cluster: 7 }, 400, /"cluster" must be a string/],
      [{ roleArn: roleArn('Nobody'), taskDefinition: FAMILY }, 404, /role .*Nobody does not exist/],
      [
        { roleArn: good, taskDefinition: 'no-such-family' },
        404,
        /No task definition no-such-family/,
      ],
      [{ roleArn: good, taskDefinition: `${FAMILY}:9` }, 404, /No task definition/],
    ];
    for (const [body, status, message] of cases) {
      const res = await canRun(body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect((res.body as unknown as { message: string }).message).toMatch(message);
    }
    const notJson = await api<{ error: string }>(teiki, 'iam/can-run', {
      method: 'POST',
      body: '{roleArn',
    });
    expect(notJson).toEqual({
      status: 400,
      body: { error: 'BadRequest', message: 'The body is not valid JSON.' },
    });
  });

  it('denies a role without policies everything but trust, with the engine’s reason', async () => {
    const iam = new IAMClient(teiki.clientConfig());
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'LateRole',
        AssumeRolePolicyDocument: JSON.stringify(trustOf('events.amazonaws.com')),
      }),
    );
    const { body } = await canRun({ roleArn: roleArn('LateRole'), taskDefinition: FAMILY });
    expect(body.allowed).toBe(false);
    expect(body.checks.map((c) => c.allowed)).toEqual([true, false, false, false, true]);
    expect(body.checks[1]?.reason).toContain('no statement in the role');
  });

  it('asks whether ECS can assume the task role, as RunTask does, and the rule’s target fails the same way', async () => {
    const iam = new IAMClient(teiki.clientConfig());
    const untrusting = roleArn('trusts-events-only');
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'trusts-events-only',
        AssumeRolePolicyDocument: JSON.stringify(trustOf('events.amazonaws.com')),
      }),
    );
    const missing = roleArn('never-created');
    const families = { untrusting: 'untrusting-task', missing: 'missing-task-role' };
    await new ECSClient(teiki.clientConfig()).send(
      new CreateClusterCommand({ clusterName: 'default' }),
    );
    await fargateTask(teiki, families.untrusting, { taskRoleArn: untrusting });
    await fargateTask(teiki, families.missing, { taskRoleArn: missing });
    const runner = await targetRole(teiki, 'TaskRoleRunner', {
      runTaskResource: '*',
      passRoles: [untrusting, missing],
    });

    const sentence = (arn: string) =>
      `ECS was unable to assume the role '${arn}' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.`;
    const subnets = await new EC2Client(teiki.clientConfig()).send(new DescribeSubnetsCommand({}));
    for (const [family, taskRoleArn] of [
      [families.untrusting, untrusting],
      [families.missing, missing],
    ] as const) {
      const { status, body } = await canRun({ roleArn: runner, taskDefinition: family });
      expect(status).toBe(200);
      expect(body.allowed).toBe(false);
      expect(body.checks.map((c) => [c.check, c.resource, c.allowed])).toEqual([
        ['sts:AssumeRole', runner, true],
        ['ecs:RunTask', taskDefinitionArn(family, 1), true],
        ['iam:PassRole', taskRoleArn, true],
        ['sts:AssumeRole', taskRoleArn, false],
      ]);
      const taskRole = body.checks[3];
      expect(taskRole).toMatchObject({
        principal: 'ecs-tasks.amazonaws.com',
        deniedWith: 'ClientException',
        reason: sentence(taskRoleArn),
      });
      expect(taskRole?.decidingStatement).toBeUndefined();

      // The rule's target passes its own checks, then RunTask refuses with the same words.
      await ecsRule(teiki, {
        name: `${family}-rule`,
        role: runner,
        family,
        cluster: 'default',
        subnetId: subnets.Subnets?.[0]?.SubnetId ?? '',
      });
      const fired = await fireRule(teiki, `${family}-rule`);
      expect(fired.invocations[0]?.outcome).toBe('failed');
      expect(fired.invocations[0]?.error).toEqual({
        code: 'ClientException',
        message: taskRole?.reason,
      });
    }
  });
});
