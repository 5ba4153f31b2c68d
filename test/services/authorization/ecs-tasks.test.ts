/**
 * ECS task definitions and tasks under `--auth enforce`: iam:PassRole on the task and
 * execution roles where AWS checks it (RegisterTaskDefinition, RunTask with the
 * definition's roles or the overrides'), with iam:PassedToService; ecs:RunTask on the
 * revision's ARN with ecs:cluster; ecs:TagResource with ecs:CreateAction for tags; task
 * ARNs for DescribeTasks and StopTask.
 */
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  DescribeTasksCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  type RunTaskCommandInput,
} from '@aws-sdk/client-ecs';
import { IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTaskRole } from '../../helpers/roles.js';
import type { TestTeiki } from '../../helpers/teiki.js';
import {
  ACCOUNT,
  ROOT,
  expectDenied,
  makeUser,
  notAllowed,
  startEnforcingTeiki,
  type Keys,
  type Statement,
} from './helpers.js';

let teiki: TestTeiki;
let subnetId: string;
const EXEC_ROLE = `arn:aws:iam::${ACCOUNT}:role/exec-role`;
const TASK_ROLE = `arn:aws:iam::${ACCOUNT}:role/app-role`;
const ecsArn = (resource: string) => `arn:aws:ecs:us-east-1:${ACCOUNT}:${resource}`;

beforeAll(async () => {
  teiki = await startEnforcingTeiki();
  const subnets = await new EC2Client(teiki.clientConfig(ROOT)).send(
    new DescribeSubnetsCommand({}),
  );
  subnetId = subnets.Subnets?.[0]?.SubnetId ?? '';
  // RunTask refuses a task role ECS cannot assume: the definition's task role exists.
  await createTaskRole(new IAMClient(teiki.clientConfig(ROOT)), 'app-role');
  await ecs(ROOT).send(new CreateClusterCommand({ clusterName: 'work' }));
  await ecs(ROOT).send(new CreateClusterCommand({ clusterName: 'prod' }));
  await ecs(ROOT).send(
    new RegisterTaskDefinitionCommand({
      family: 'job',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      executionRoleArn: EXEC_ROLE,
      taskRoleArn: TASK_ROLE,
      containerDefinitions: [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'sleep 30'] }],
    }),
  );
});
afterAll(() => teiki.close());

function ecs(keys: Keys) {
  return new ECSClient(teiki.clientConfig(keys));
}

const run = (keys: Keys, extra: Partial<RunTaskCommandInput> = {}) =>
  ecs(keys).send(
    new RunTaskCommand({
      cluster: 'work',
      taskDefinition: 'job',
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: [subnetId] } },
      ...extra,
    }),
  );

const runTask: Statement = {
  Effect: 'Allow',
  Action: 'ecs:RunTask',
  Resource: ecsArn('task-definition/job:*'),
  Condition: { ArnEquals: { 'ecs:cluster': ecsArn('cluster/work') } },
};
const passToEcs: Statement = {
  Effect: 'Allow',
  Action: 'iam:PassRole',
  Resource: [EXEC_ROLE, TASK_ROLE],
  Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
};

describe('RunTask', () => {
  it('needs iam:PassRole on the roles of the task definition', async () => {
    const user = await makeUser(teiki, { statements: [runTask] });
    await expectDenied(
      run(user),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'iam:PassRole', TASK_ROLE),
    );
  });

  it('checks iam:PassedToService', async () => {
    const user = await makeUser(teiki, {
      statements: [
        runTask,
        {
          ...passToEcs,
          Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
        },
      ],
    });
    await expectDenied(
      run(user),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'iam:PassRole', TASK_ROLE),
    );
  });

  it('runs with ecs:RunTask on the revision in the allowed cluster and PassRole', async () => {
    const user = await makeUser(teiki, { statements: [runTask, passToEcs] });
    const out = await run(user);
    expect(out.tasks?.[0]?.taskDefinitionArn).toBe(ecsArn('task-definition/job:1'));
    await expectDenied(
      run(user, { cluster: 'prod' }),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'ecs:RunTask', ecsArn('task-definition/job:1')),
    );
  });

  it("checks the overrides' roles instead of the definition's", async () => {
    const other = `arn:aws:iam::${ACCOUNT}:role/other-role`;
    const user = await makeUser(teiki, { statements: [runTask, passToEcs] });
    await expectDenied(
      run(user, { overrides: { taskRoleArn: other } }),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'iam:PassRole', other),
    );
  });

  it('needs ecs:TagResource with ecs:CreateAction RunTask to run with tags', async () => {
    const user = await makeUser(teiki, { statements: [runTask, passToEcs] });
    const tags = [{ key: 'team', value: 'blue' }];
    await expectDenied(
      run(user, { tags }),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'ecs:TagResource', ecsArn('task/work/*')),
    );
    const tagger = await makeUser(teiki, {
      statements: [
        runTask,
        passToEcs,
        {
          Effect: 'Allow',
          Action: 'ecs:TagResource',
          Resource: '*',
          Condition: { StringEquals: { 'ecs:CreateAction': 'RunTask' } },
        },
      ],
    });
    const out = await run(tagger, { tags });
    expect(out.tasks?.[0]?.tags).toEqual(tags);
  });

  it('authorizes DescribeTasks and StopTask on the task ARN with ecs:cluster', async () => {
    const out = await run(ROOT);
    const taskArn = out.tasks?.[0]?.taskArn ?? '';
    const user = await makeUser(teiki, {
      statements: [
        {
          Effect: 'Allow',
          Action: 'ecs:DescribeTasks',
          Resource: '*',
          Condition: { ArnEquals: { 'ecs:cluster': ecsArn('cluster/work') } },
        },
      ],
    });
    const described = await ecs(user).send(
      new DescribeTasksCommand({ cluster: 'work', tasks: [taskArn] }),
    );
    expect(described.tasks?.[0]?.taskArn).toBe(taskArn);
    await expectDenied(
      ecs(user).send(new StopTaskCommand({ cluster: 'work', task: taskArn })),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'ecs:StopTask', taskArn),
    );
    await ecs(ROOT).send(new StopTaskCommand({ cluster: 'work', task: taskArn }));
  });
});

describe('RegisterTaskDefinition', () => {
  const definition = {
    family: 'registered',
    requiresCompatibilities: ['FARGATE' as const],
    networkMode: 'awsvpc' as const,
    cpu: '256',
    memory: '512',
    executionRoleArn: EXEC_ROLE,
    containerDefinitions: [{ name: 'main', image: 'busybox' }],
  };

  it('needs iam:PassRole on the execution role, and names the revision it will take', async () => {
    const user = await makeUser(teiki, {
      statements: [
        {
          Effect: 'Allow',
          Action: 'ecs:RegisterTaskDefinition',
          Resource: ecsArn('task-definition/registered:*'),
        },
      ],
    });
    await expectDenied(
      ecs(user).send(new RegisterTaskDefinitionCommand(definition)),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'iam:PassRole', EXEC_ROLE),
    );
    const other = await makeUser(teiki);
    await expectDenied(
      ecs(other).send(new RegisterTaskDefinitionCommand(definition)),
      'AccessDeniedException',
      400,
      notAllowed(other.arn, 'ecs:RegisterTaskDefinition', ecsArn('task-definition/registered:1')),
    );
    const allowed = await makeUser(teiki, {
      statements: [
        { Effect: 'Allow', Action: 'ecs:RegisterTaskDefinition', Resource: '*' },
        passToEcs,
      ],
    });
    const out = await ecs(allowed).send(new RegisterTaskDefinitionCommand(definition));
    expect(out.taskDefinition?.revision).toBe(1);
  });
});
