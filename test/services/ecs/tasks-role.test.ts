/**
 * RunTask with a task role ECS cannot assume — one that does not exist, or whose trust
 * policy does not let ecs-tasks.amazonaws.com sts:AssumeRole — is refused at once with
 * ECS's ClientException, and nothing is created; registering such a definition is not
 * checked. A rule's ECS target goes through the same RunTask and records the refusal; a
 * service's scheduler asks the same question and says ECS's sentence in its events.
 */
import { DescribeNetworkInterfacesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ECSServiceException, type RunTaskCommandInput } from '@aws-sdk/client-ecs';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { IAMClient, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunTaskRole, createServiceRole, createTaskRole } from '../../helpers/roles.js';
import { raw } from '../../helpers/teiki.js';
import { startServiceFixture, type ServiceFixture } from './services-fixtures.js';

const ACCOUNT = '000000000000';
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const unableToAssume = (roleArn: string) =>
  `ECS was unable to assume the role '${roleArn}' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.`;

let f: ServiceFixture;
let iam: IAMClient;

/** A definition whose task role is `taskRoleArn`; its container exits at once. */
function registerWithRole(family: string, taskRoleArn: string): Promise<string> {
  return f.register([{ name: 'app', image: 'x', command: ['true'] }], { family, taskRoleArn });
}

/** A role trusted by `service` only (its one policy grants nothing ECS looks at). */
function trustedBy(name: string, service: string): Promise<string> {
  return createServiceRole(
    iam,
    name,
    [service],
    [{ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }],
  );
}

async function interfaceCount(): Promise<number> {
  const ec2 = new EC2Client(f.teiki.clientConfig());
  const out = await ec2.send(new DescribeNetworkInterfacesCommand({}));
  return out.NetworkInterfaces?.length ?? 0;
}

beforeAll(async () => {
  f = await startServiceFixture();
  iam = new IAMClient(f.teiki.clientConfig());
  await createTaskRole(iam, 'app-role');
  await trustedBy('lambda-role', 'lambda.amazonaws.com');
  await registerWithRole('good-role', role('app-role'));
  await registerWithRole('missing-role', role('never-made'));
  await registerWithRole('wrong-trust', role('lambda-role'));
});
afterAll(() => f.close());

describe('RunTask with a task role ECS cannot assume', () => {
  it.each([
    ['a role that does not exist', 'missing-role', {}, role('never-made')],
    ['a role that trusts another service', 'wrong-trust', {}, role('lambda-role')],
    [
      "the override's role, not the definition's",
      'good-role',
      { overrides: { taskRoleArn: role('lambda-role') } },
      role('lambda-role'),
    ],
  ] as Array<[string, string, Partial<RunTaskCommandInput>, string]>)(
    'refuses %s with ClientException and creates nothing',
    async (_, family, extra, roleArn) => {
      const tasksBefore = await f.teiki.store.collection('ecs.tasks').listAllScopes();
      const interfacesBefore = await interfaceCount();
      const error = await f.run(family, extra).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ECSServiceException);
      expect((error as ECSServiceException).name).toBe('ClientException');
      expect((error as ECSServiceException).message).toBe(unableToAssume(roleArn));
      expect((error as ECSServiceException).$metadata.httpStatusCode).toBe(400);
      expect(await f.teiki.store.collection('ecs.tasks').listAllScopes()).toHaveLength(
        tasksBefore.length,
      );
      expect(await interfaceCount()).toBe(interfacesBefore);
    },
  );

  it('runs a task whose role trusts ecs-tasks.amazonaws.com, to STOPPED', async () => {
    const task = await f.run('good-role');
    expect(task.lastStatus).toBe('PROVISIONING');
    const stopped = await f.waitStopped(task.taskArn ?? '');
    expect(stopped.stopCode).toBe('EssentialContainerExited');
    expect(stopped.containers?.[0]?.exitCode).toBe(0);
  });

  it("runs a good override over a definition's unassumable role", async () => {
    const task = await f.run('missing-role', { overrides: { taskRoleArn: role('app-role') } });
    expect(task.overrides?.taskRoleArn).toBe(role('app-role'));
    await f.waitStopped(task.taskArn ?? '');
  });

  it('asks at RunTask, so a trust fixed after registering lets the task run', async () => {
    const name = 'fixed-later';
    await trustedBy(name, 'lambda.amazonaws.com');
    await registerWithRole(name, role(name));
    const refused = await f.run(name).catch((e: unknown) => e);
    expect((refused as Error).name).toBe('ClientException');
    await iam.send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: name,
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: ['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com'] },
              Action: 'sts:AssumeRole',
            },
          ],
        }),
      }),
    );
    const task = await f.run(name);
    await f.waitStopped(task.taskArn ?? '');
  });
});

describe("a rule's ECS target", () => {
  it('records the refusal as a failed invocation with ECS error', async () => {
    const events = new EventBridgeClient(f.teiki.clientConfig());
    const familyArn = `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/wrong-trust`;
    const roleArn = await createRunTaskRole(
      iam,
      'events-runner',
      'events.amazonaws.com',
      `${familyArn}:*`,
    );
    await events.send(
      new PutRuleCommand({ Name: 'unassumable', ScheduleExpression: 'rate(1 day)' }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'unassumable',
        Targets: [
          {
            Id: 'task',
            Arn: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/default`,
            RoleArn: roleArn,
            EcsParameters: {
              TaskDefinitionArn: familyArn,
              LaunchType: 'FARGATE',
              NetworkConfiguration: { awsvpcConfiguration: { Subnets: [f.subnetId] } },
            },
          },
        ],
      }),
    );
    const tasksBefore = await f.teiki.store.collection('ecs.tasks').listAllScopes();
    const res = await raw(f.teiki.url, {
      method: 'POST',
      path: '/_teiki/fire',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rule: 'unassumable' }),
    });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as {
      invocations: Array<{ outcome: string; taskArns: string[]; error?: unknown }>;
    };
    expect(body.invocations).toHaveLength(1);
    expect(body.invocations[0]).toMatchObject({
      outcome: 'failed',
      taskArns: [],
      error: { code: 'ClientException', message: unableToAssume(role('lambda-role')) },
    });
    expect(await f.teiki.store.collection('ecs.tasks').listAllScopes()).toHaveLength(
      tasksBefore.length,
    );
  });
});

describe("a service's launches", () => {
  it('stop at a task role that does not exist, in every auth mode, in ECS words', async () => {
    const expected = `(service no-role) failed to launch a task with (error ${unableToAssume(role('never-made'))}).`;
    await f.create('no-role', 'missing-role');
    const service = await f.until('no-role', (s) =>
      (s.events ?? []).some((e) => e.message === expected),
    );
    expect({ running: service.runningCount, pending: service.pendingCount }).toEqual({
      running: 0,
      pending: 0,
    });
    expect(await f.tasks('no-role')).toEqual([]);
  });
});
