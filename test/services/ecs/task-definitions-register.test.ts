/** RegisterTaskDefinition through the SDK: what ECS stores and returns for a registration. */
import {
  DescribeTaskDefinitionCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, startTestTeiki, type TestTeiki, virtualClockArgs } from '../../helpers/teiki.js';
import {
  EXECUTION_ROLE,
  SEED_CONTAINER_DEFINITIONS_JSON,
  SEED_IMAGE,
  minimalTaskDefinition,
  seedTaskDefinition,
} from './task-definitions-helpers.js';

const START = '2024-03-01T02:20:00.000Z';

let teiki: TestTeiki;
let ecs: ECSClient;
beforeAll(async () => {
  teiki = await startTestTeiki(virtualClockArgs(START));
  ecs = new ECSClient(teiki.clientConfig());
});
afterAll(() => teiki.close());

const register = (input: RegisterTaskDefinitionCommandInput) =>
  ecs.send(new RegisterTaskDefinitionCommand(input));

describe("the article's scheduler task definition", () => {
  it('registers as revision 1 with the defaults, attributes and compatibilities ECS adds', async () => {
    const out = await register(seedTaskDefinition());
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.tags).toBeUndefined();
    expect(out.taskDefinition).toEqual({
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/scheduler:1',
      containerDefinitions: [
        {
          name: 'scheduler',
          image: SEED_IMAGE,
          cpu: 128,
          memoryReservation: 128,
          portMappings: [],
          essential: true,
          environment: [],
          mountPoints: [],
          volumesFrom: [],
          systemControls: [],
          logConfiguration: {
            logDriver: 'awslogs',
            options: {
              'awslogs-group': '/ecs-scheduler',
              'awslogs-region': 'ap-northeast-1',
              'awslogs-stream-prefix': 'scheduler',
              'awslogs-datetime-format': '%Y-%m-%d %H:%M:%S',
            },
          },
        },
      ],
      family: 'scheduler',
      executionRoleArn: EXECUTION_ROLE,
      networkMode: 'awsvpc',
      revision: 1,
      volumes: [],
      status: 'ACTIVE',
      requiresAttributes: [
        { name: 'com.amazonaws.ecs.capability.logging-driver.awslogs' },
        { name: 'ecs.capability.execution-role-awslogs' },
        { name: 'com.amazonaws.ecs.capability.ecr-auth' },
        { name: 'com.amazonaws.ecs.capability.docker-remote-api.1.19' },
        { name: 'com.amazonaws.ecs.capability.docker-remote-api.1.21' },
        { name: 'ecs.capability.execution-role-ecr-pull' },
        { name: 'com.amazonaws.ecs.capability.docker-remote-api.1.18' },
        { name: 'ecs.capability.task-eni' },
      ],
      placementConstraints: [],
      compatibilities: ['EC2', 'FARGATE'],
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      registeredAt: new Date(START),
      registeredBy: 'arn:aws:iam::000000000000:root',
    });
  });

  it('describes exactly as it registered, by family, family:revision and ARN', async () => {
    const registered = await register(seedTaskDefinition('scheduler-described'));
    for (const reference of [
      'scheduler-described',
      'scheduler-described:1',
      'arn:aws:ecs:us-east-1:000000000000:task-definition/scheduler-described:1',
      'arn:aws:ecs:us-east-1:000000000000:task-definition/scheduler-described',
    ]) {
      const out = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: reference }));
      expect(out.taskDefinition).toEqual(registered.taskDefinition);
      expect(out.tags).toBeUndefined();
    }
  });

  it('drops the JSON nulls Terraform sends (memory: null) on the wire', async () => {
    const body = JSON.stringify({
      ...seedTaskDefinition('scheduler-raw'),
      containerDefinitions: JSON.parse(SEED_CONTAINER_DEFINITIONS_JSON) as unknown,
      taskRoleArn: null,
    });
    const response = await raw(teiki.url, {
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AmazonEC2ContainerServiceV20141113.RegisterTaskDefinition',
      },
      body,
    });
    expect(response.status).toBe(200);
    const definition = (JSON.parse(response.text) as { taskDefinition: Record<string, unknown> })
      .taskDefinition;
    const [container] = definition.containerDefinitions as Array<Record<string, unknown>>;
    expect(container).not.toHaveProperty('memory');
    expect(container?.memoryReservation).toBe(128);
    expect(definition).not.toHaveProperty('taskRoleArn');
    expect(definition.registeredAt).toBe(Date.parse(START) / 1000);
  });
});

describe('registration', () => {
  it('counts revisions per family from 1', async () => {
    const revisions = [];
    for (let i = 0; i < 3; i++)
      revisions.push((await register(minimalTaskDefinition('counted'))).taskDefinition?.revision);
    revisions.push(
      (await register(minimalTaskDefinition('counted-other'))).taskDefinition?.revision,
    );
    expect(revisions).toEqual([1, 2, 3, 1]);
  });

  it.each([
    ['256', '512', '256', '512'],
    ['1 vCPU', '2 GB', '1024', '2048'],
    ['0.25 vcpu', '0.5GB', '256', '512'],
    [' 2 vCPU ', '4gb', '2048', '4096'],
    ['16 vCPU', '120 GB', '16384', '122880'],
  ])('stores task cpu %j and memory %j as %j and %j', async (cpu, memory, wantCpu, wantMemory) => {
    const out = await register({ ...seedTaskDefinition('units'), cpu, memory });
    expect(out.taskDefinition).toMatchObject({ cpu: wantCpu, memory: wantMemory });
  });

  it('returns the tags it was given, and DescribeTaskDefinition shows them with include TAGS', async () => {
    const tags = [
      { key: 'team', value: 'batch' },
      { key: 'env', value: 'dev' },
    ];
    const out = await register({ ...minimalTaskDefinition('tagged'), tags });
    expect(out.tags).toEqual(tags);
    const plain = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'tagged' }));
    expect(plain.tags).toBeUndefined();
    const withTags = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: 'tagged', include: ['TAGS'] }),
    );
    expect(withTags.tags).toEqual(tags);
    const untagged = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: 'units', include: ['TAGS'] }),
    );
    expect(untagged.tags).toEqual([]);
  });

  it('records who registered it and in which account and region', async () => {
    const other = new ECSClient(
      teiki.clientConfig({ accessKeyId: '123456789012', region: 'eu-west-1' }),
    );
    const out = await other.send(new RegisterTaskDefinitionCommand(minimalTaskDefinition('away')));
    expect(out.taskDefinition).toMatchObject({
      taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/away:1',
      registeredBy: 'arn:aws:iam::123456789012:root',
    });
  });

  it('fills bridge defaults: no networkMode, EXTERNAL and EC2, no attributes', async () => {
    const out = await register({
      family: 'bridge',
      containerDefinitions: [
        {
          name: 'web',
          image: 'nginx:1.25',
          memory: 128,
          essential: false,
          portMappings: [{ containerPort: 80 }],
        },
        { name: 'main', image: 'busybox', memoryReservation: 32, command: ['sleep', '1'] },
      ],
    });
    const definition = out.taskDefinition!;
    expect(definition.networkMode).toBeUndefined();
    expect(definition.compatibilities).toEqual(['EXTERNAL', 'EC2']);
    expect(definition.requiresAttributes).toEqual([
      { name: 'com.amazonaws.ecs.capability.docker-remote-api.1.21' },
    ]);
    expect(definition.cpu).toBeUndefined();
    expect(definition.memory).toBeUndefined();
    expect(definition.containerDefinitions?.[0]).toMatchObject({
      essential: false,
      cpu: 0,
      portMappings: [{ containerPort: 80, protocol: 'tcp' }],
    });
    expect(definition.containerDefinitions?.[0]?.portMappings?.[0]?.hostPort).toBeUndefined();
    expect(definition.containerDefinitions?.[1]).toMatchObject({
      essential: true,
      command: ['sleep', '1'],
    });
  });

  it('fills awsvpc port mappings, health check defaults and the attributes they need', async () => {
    const out = await register({
      family: 'awsvpc-ec2',
      networkMode: 'awsvpc',
      taskRoleArn: 'arn:aws:iam::000000000000:role/app',
      containerDefinitions: [
        {
          name: 'api',
          image: 'public.ecr.aws/nginx/nginx:latest',
          memory: 256,
          portMappings: [{ containerPort: 8080, protocol: 'udp' }],
          healthCheck: { command: ['CMD-SHELL', 'true'], startPeriod: 10 },
          secrets: [
            { name: 'DB', valueFrom: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:db' },
          ],
        },
      ],
    });
    const definition = out.taskDefinition!;
    // No task size, so Fargate cannot take it.
    expect(definition.compatibilities).toEqual(['EC2']);
    expect(definition.containerDefinitions?.[0]?.portMappings).toEqual([
      { containerPort: 8080, hostPort: 8080, protocol: 'udp' },
    ]);
    expect(definition.containerDefinitions?.[0]?.healthCheck).toEqual({
      command: ['CMD-SHELL', 'true'],
      interval: 30,
      timeout: 5,
      retries: 3,
      startPeriod: 10,
    });
    expect(definition.requiresAttributes?.map((a) => a.name)).toEqual([
      'com.amazonaws.ecs.capability.task-iam-role',
      'ecs.capability.container-health-check',
      'ecs.capability.secrets.asm.environment-variables',
      'com.amazonaws.ecs.capability.docker-remote-api.1.18',
      'ecs.capability.task-eni',
      'com.amazonaws.ecs.capability.docker-remote-api.1.29',
    ]);
  });

  it('marks an awsvpc definition with a Fargate size as Fargate-compatible without asking', async () => {
    const out = await register({
      family: 'fits-fargate',
      networkMode: 'awsvpc',
      cpu: '512',
      memory: '1024',
      containerDefinitions: [{ name: 'app', image: 'busybox' }],
    });
    expect(out.taskDefinition?.compatibilities).toEqual(['EC2', 'FARGATE']);
    expect(out.taskDefinition?.requiresCompatibilities).toBeUndefined();
  });
});
