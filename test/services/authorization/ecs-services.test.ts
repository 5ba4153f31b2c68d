/**
 * ECS services under `--auth enforce`: each operation on the service's ARN (or its
 * deployment's) with ecs:cluster and the request's keys, iam:PassRole on the task
 * definition's roles at CreateService and on a new one at UpdateService, ecs:TagResource
 * with ecs:CreateAction CreateService for tags; and the scheduler's launches, which need
 * ECS to be able to assume the task's roles (a role that does not trust
 * ecs-tasks.amazonaws.com, or does not exist, stops them with ECS's event).
 */
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeleteServiceCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  ListServicesCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type CreateServiceCommandInput,
  type Service,
} from '@aws-sdk/client-ecs';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const EXEC_ROLE = role('svc-exec');
const TASK_ROLE = role('svc-app');
const ecsArn = (resource: string) => `arn:aws:ecs:us-east-1:${ACCOUNT}:${resource}`;

async function createRole(name: string, service: string) {
  await new IAMClient(teiki.clientConfig(ROOT)).send(
    new CreateRoleCommand({
      RoleName: name,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
      }),
    }),
  );
}

async function register(
  family: string,
  roles: { taskRoleArn?: string; executionRoleArn?: string },
) {
  await ecs(ROOT).send(
    new RegisterTaskDefinitionCommand({
      family,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      ...roles,
      containerDefinitions: [
        {
          name: 'main',
          image: 'busybox',
          command: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'],
        },
      ],
    }),
  );
}

beforeAll(async () => {
  teiki = await startEnforcingTeiki();
  const subnets = await new EC2Client(teiki.clientConfig(ROOT)).send(
    new DescribeSubnetsCommand({}),
  );
  subnetId = subnets.Subnets?.[0]?.SubnetId ?? '';
  await ecs(ROOT).send(new CreateClusterCommand({ clusterName: 'work' }));
  await ecs(ROOT).send(new CreateClusterCommand({ clusterName: 'prod' }));
  await createRole('svc-exec', 'ecs-tasks.amazonaws.com');
  await createRole('svc-app', 'ecs-tasks.amazonaws.com');
  await createRole('svc-lambda', 'lambda.amazonaws.com');
  await register('web', { taskRoleArn: TASK_ROLE, executionRoleArn: EXEC_ROLE });
  await register('web', { executionRoleArn: EXEC_ROLE });
});
afterAll(() => teiki.close());

function ecs(keys: Keys) {
  return new ECSClient(teiki.clientConfig(keys));
}

const create = (keys: Keys, name: string, extra: Partial<CreateServiceCommandInput> = {}) =>
  ecs(keys).send(
    new CreateServiceCommand({
      cluster: 'work',
      serviceName: name,
      taskDefinition: 'web:1',
      desiredCount: 0,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: [subnetId] } },
      ...extra,
    }),
  );

const describeService = async (name: string): Promise<Service> => {
  const out = await ecs(ROOT).send(
    new DescribeServicesCommand({ cluster: 'work', services: [name] }),
  );
  const service = out.services?.[0];
  if (!service) throw new Error(`service ${name} is not described`);
  return service;
};

async function until(name: string, done: (service: Service) => boolean): Promise<Service> {
  const deadline = performance.now() + 60_000;
  for (;;) {
    const service = await describeService(name);
    if (done(service)) return service;
    if (performance.now() > deadline) throw new Error(`service ${name} never got there`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const createInWork: Statement = {
  Effect: 'Allow',
  Action: 'ecs:CreateService',
  Resource: ecsArn('service/work/*'),
  Condition: { ArnEquals: { 'ecs:cluster': ecsArn('cluster/work') } },
};
const passToEcs: Statement = {
  Effect: 'Allow',
  Action: 'iam:PassRole',
  Resource: [EXEC_ROLE, TASK_ROLE],
  Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
};

describe('CreateService', () => {
  it('is denied on the service ARN without ecs:CreateService', async () => {
    const user = await makeUser(teiki);
    await expectDenied(
      create(user, 'nobody'),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'ecs:CreateService', ecsArn('service/work/nobody')),
    );
  });

  it("needs iam:PassRole on the task definition's roles", async () => {
    const user = await makeUser(teiki, { statements: [createInWork] });
    await expectDenied(
      create(user, 'no-pass'),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'iam:PassRole', TASK_ROLE),
    );
  });

  it('creates with both, in the cluster its policy names only', async () => {
    const user = await makeUser(teiki, { statements: [createInWork, passToEcs] });
    const out = await create(user, 'allowed');
    expect(out.service?.serviceArn).toBe(ecsArn('service/work/allowed'));
    await expectDenied(
      create(user, 'allowed', { cluster: 'prod' }),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'ecs:CreateService', ecsArn('service/prod/allowed')),
    );
  });

  it('tests the request keys: ecs:task-definition and ecs:subnet', async () => {
    const user = await makeUser(teiki, {
      statements: [
        {
          ...createInWork,
          Condition: {
            ArnEquals: { 'ecs:task-definition': ecsArn('task-definition/web:2') },
            StringEquals: { 'ecs:subnet': subnetId },
          },
        },
        passToEcs,
      ],
    });
    await expectDenied(
      create(user, 'revision-one'),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'ecs:CreateService', ecsArn('service/work/revision-one')),
    );
    const out = await create(user, 'revision-two', { taskDefinition: 'web:2' });
    expect(out.service?.taskDefinition).toBe(ecsArn('task-definition/web:2'));
  });

  it('needs ecs:TagResource with ecs:CreateAction CreateService to create with tags', async () => {
    const tags = [{ key: 'team', value: 'blue' }];
    const user = await makeUser(teiki, { statements: [createInWork, passToEcs] });
    await expectDenied(
      create(user, 'tagged', { tags }),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'ecs:TagResource', ecsArn('service/work/tagged')),
    );
    const tagger = await makeUser(teiki, {
      statements: [
        createInWork,
        passToEcs,
        {
          Effect: 'Allow',
          Action: 'ecs:TagResource',
          Resource: '*',
          Condition: { StringEquals: { 'ecs:CreateAction': 'CreateService' } },
        },
      ],
    });
    const out = await create(tagger, 'tagged', { tags });
    expect(out.service?.serviceName).toBe('tagged');
  });
});

describe('the other operations', () => {
  it('authorize on the service ARN, its tags and its deployments', async () => {
    await create(ROOT, 'owned', { tags: [{ key: 'team', value: 'blue' }] });
    await create(ROOT, 'foreign', { tags: [{ key: 'team', value: 'red' }] });
    const user = await makeUser(teiki, {
      statements: [
        {
          Effect: 'Allow',
          Action: [
            'ecs:DescribeServices',
            'ecs:UpdateService',
            'ecs:ListServiceDeployments',
            'ecs:DescribeServiceDeployments',
          ],
          Resource: '*',
          Condition: { StringEquals: { 'aws:ResourceTag/team': 'blue' } },
        },
        {
          Effect: 'Allow',
          Action: 'ecs:ListServices',
          Resource: '*',
          Condition: { ArnEquals: { 'ecs:cluster': ecsArn('cluster/work') } },
        },
      ],
    });
    const described = await ecs(user).send(
      new DescribeServicesCommand({ cluster: 'work', services: ['owned'] }),
    );
    expect(described.services?.[0]?.serviceName).toBe('owned');
    await expectDenied(
      ecs(user).send(new DescribeServicesCommand({ cluster: 'work', services: ['foreign'] })),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'ecs:DescribeServices', ecsArn('service/work/foreign')),
    );
    const listed = await ecs(user).send(new ListServicesCommand({ cluster: 'work' }));
    expect(listed.serviceArns).toContain(ecsArn('service/work/owned'));
    await expectDenied(
      ecs(user).send(new ListServicesCommand({ cluster: 'prod' })),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'ecs:ListServices', '*'),
    );

    const deployments = await ecs(user).send(
      new ListServiceDeploymentsCommand({ cluster: 'work', service: 'owned' }),
    );
    const deploymentArn = deployments.serviceDeployments?.[0]?.serviceDeploymentArn ?? '';
    expect(deploymentArn).toMatch(/:service-deployment\/work\/owned\//);
    const deployment = await ecs(user).send(
      new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [deploymentArn] }),
    );
    expect(deployment.serviceDeployments?.[0]?.serviceDeploymentArn).toBe(deploymentArn);

    // A new task definition is passed again: its roles need iam:PassRole.
    await expectDenied(
      ecs(user).send(
        new UpdateServiceCommand({ cluster: 'work', service: 'owned', taskDefinition: 'web:2' }),
      ),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'iam:PassRole', EXEC_ROLE),
    );
    const updated = await ecs(user).send(
      new UpdateServiceCommand({ cluster: 'work', service: 'owned', desiredCount: 0 }),
    );
    expect(updated.service?.serviceName).toBe('owned');
    await expectDenied(
      ecs(user).send(new DeleteServiceCommand({ cluster: 'work', service: 'owned' })),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'ecs:DeleteService', ecsArn('service/work/owned')),
    );
  });
});

describe("the scheduler's launches", () => {
  const unableToAssume = (service: string, roleArn: string) =>
    `(service ${service}) failed to launch a task with (error ECS was unable to assume the role '${roleArn}' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.).`;

  it('start tasks whose roles trust ecs-tasks.amazonaws.com', async () => {
    await create(ROOT, 'runs', { desiredCount: 1 });
    const service = await until('runs', (s) => s.runningCount === 1);
    expect(service.events?.some((e) => e.message?.includes('has started 1 tasks'))).toBe(true);
  });

  it('stop at a role that trusts another service, in ECS words', async () => {
    const family = 'lambda-role';
    await register(family, { taskRoleArn: role('svc-lambda'), executionRoleArn: EXEC_ROLE });
    await create(ROOT, 'wrong-trust', { taskDefinition: family, desiredCount: 1 });
    const expected = unableToAssume('wrong-trust', role('svc-lambda'));
    const service = await until('wrong-trust', (s) =>
      (s.events ?? []).some((e) => e.message === expected),
    );
    expect({ running: service.runningCount, pending: service.pendingCount }).toEqual({
      running: 0,
      pending: 0,
    });
  });

  it('stop at a role that does not exist', async () => {
    const family = 'missing-role';
    await register(family, { executionRoleArn: role('never-made') });
    await create(ROOT, 'missing', { taskDefinition: family, desiredCount: 1 });
    const expected = unableToAssume('missing', role('never-made'));
    const service = await until('missing', (s) =>
      (s.events ?? []).some((e) => e.message === expected),
    );
    expect(service.runningCount).toBe(0);
  });
});
