/** RegisterTaskDefinition refusals: ECS's codes and messages, and nothing stored or counted. */
import {
  ECSClient,
  ListTaskDefinitionFamiliesCommand,
  RegisterTaskDefinitionCommand,
  type ContainerDefinition,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { SEED_IMAGE, ecsError, seedTaskDefinition } from './task-definitions-helpers.js';

let teiki: TestTeiki;
let ecs: ECSClient;
beforeAll(async () => {
  teiki = await startTestTeiki();
  ecs = new ECSClient(teiki.clientConfig());
});
afterAll(() => teiki.close());

const FAMILY = 'refused';

/** The seed's Fargate definition with its one container changed. */
function seedWith(
  container: Partial<ContainerDefinition>,
  task: Partial<RegisterTaskDefinitionCommandInput> = {},
): RegisterTaskDefinitionCommandInput {
  const seed = seedTaskDefinition(FAMILY);
  const [first] = seed.containerDefinitions!;
  return { ...seed, ...task, containerDefinitions: [{ ...first, ...container }] };
}

function ec2(
  containers: ContainerDefinition[],
  task: Partial<RegisterTaskDefinitionCommandInput> = {},
) {
  return { family: FAMILY, containerDefinitions: containers, ...task };
}

const awslogs = (options: Record<string, string>) => ({
  logConfiguration: { logDriver: 'awslogs' as const, options },
});

const CASES: Array<[string, RegisterTaskDefinitionCommandInput, string]> = [
  ['an empty family', { ...seedWith({}), family: '' }, 'Family can not be blank.'],
  [
    'a family with a colon',
    { ...seedWith({}), family: 'a:b' },
    'Family contains invalid characters.',
  ],
  [
    'a family with a space',
    { ...seedWith({}), family: 'my app' },
    'Family contains invalid characters.',
  ],
  [
    'a 256-character family',
    { ...seedWith({}), family: 'f'.repeat(256) },
    'Family contains invalid characters.',
  ],
  [
    'no containers',
    { ...seedWith({}), containerDefinitions: [] },
    'Container list cannot be empty.',
  ],
  [
    'eleven containers',
    ec2(Array.from({ length: 11 }, (_, i) => ({ name: `c${i}`, image: 'busybox', memory: 8 }))),
    'Too many containers.',
  ],
  [
    'a container without a name',
    seedWith({ name: undefined }),
    'Container.name should not be null or empty.',
  ],
  [
    'a container name with a dot',
    seedWith({ name: 'app.v1' }),
    'Container.name contains invalid characters.',
  ],
  [
    'a container without an image',
    seedWith({ image: '' }),
    'Container.image should not be null or empty.',
  ],
  [
    'an image with a space',
    seedWith({ image: 'my image' }),
    'Container.image contains invalid characters.',
  ],
  [
    'two containers of one name',
    ec2([
      { name: 'app', image: 'busybox', memory: 8 },
      { name: 'app', image: 'nginx', memory: 8 },
    ]),
    'Container names must be unique within a Task Definition.',
  ],
  ['task cpu "fast"', seedWith({}, { cpu: 'fast' }), "Invalid 'cpu' setting for task."],
  ['task cpu "0.1 vCPU"', seedWith({}, { cpu: '0.1 vCPU' }), "Invalid 'cpu' setting for task."],
  [
    'task memory "512 TB"',
    seedWith({}, { memory: '512 TB' }),
    "Invalid 'memory' setting for task.",
  ],
  [
    'EC2 task cpu 64',
    ec2([{ name: 'a', image: 'busybox', memory: 8 }], { cpu: '64' }),
    "Invalid 'cpu' setting for task.",
  ],
  [
    'Fargate without a network mode',
    seedWith({}, { networkMode: undefined }),
    'Fargate only supports network mode ‘awsvpc’.',
  ],
  [
    'Fargate with bridge',
    seedWith({}, { networkMode: 'bridge' }),
    'Fargate only supports network mode ‘awsvpc’.',
  ],
  [
    'Fargate without task cpu',
    seedWith({}, { cpu: undefined }),
    "Fargate requires that 'cpu' be defined at the task level.",
  ],
  [
    'Fargate without task memory',
    seedWith({}, { memory: undefined }),
    "Fargate requires that 'memory' be defined at the task level.",
  ],
  [
    'Fargate 256 CPU with 4 GB',
    seedWith({}, { memory: '4 GB' }),
    'No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values.',
  ],
  [
    'Fargate 1024 CPU with 1024 memory',
    seedWith({}, { cpu: '1024', memory: '1024' }),
    'No Fargate configuration exists for given values: 1024 CPU, 1024 memory. See the Amazon ECS documentation for the valid values.',
  ],
  [
    'Fargate 8 vCPU with 18 GB (4 GB steps)',
    seedWith({}, { cpu: '8 vCPU', memory: '18 GB' }),
    'No Fargate configuration exists for given values: 8192 CPU, 18432 memory. See the Amazon ECS documentation for the valid values.',
  ],
  [
    'Fargate 300 CPU',
    seedWith({}, { cpu: '300' }),
    'No Fargate configuration exists for given values: 300 CPU, 512 memory. See the Amazon ECS documentation for the valid values.',
  ],
  [
    'Fargate with pidMode host',
    seedWith({}, { pidMode: 'host' }),
    "Tasks using the Fargate launch type do not support pidMode 'host'. The supported value for pidMode is 'task'.",
  ],
  [
    'Fargate with 20 GiB of storage',
    seedWith({}, { ephemeralStorage: { sizeInGiB: 20 } }),
    'EphemeralStorage size should be at least 21',
  ],
  [
    'Fargate with 201 GiB of storage',
    seedWith({}, { ephemeralStorage: { sizeInGiB: 201 } }),
    'EphemeralStorage size should be at most 200',
  ],
  [
    'no memory anywhere',
    ec2([{ name: 'lean', image: 'busybox' }]),
    "Invalid setting for container 'lean'. At least one of 'memory' or 'memoryReservation' must be specified.",
  ],
  [
    'memoryReservation above memory',
    seedWith({ memory: 100, memoryReservation: 128 }),
    "Invalid setting for container 'scheduler'. 'memory' must be greater than or equal to 'memoryReservation'.",
  ],
  [
    'container memory above the task memory',
    seedWith({ memory: 1024, memoryReservation: undefined }),
    "The 'memory' setting for container 'scheduler' is greater than for the task.",
  ],
  [
    'container cpu above the task cpu',
    seedWith({ cpu: 512 }),
    "The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'.",
  ],
  [
    'reservations above the task memory',
    {
      ...seedWith({}),
      containerDefinitions: [
        { ...seedWith({}).containerDefinitions![0], memoryReservation: 300 },
        { ...seedWith({}).containerDefinitions![0], name: 'sidecar', memoryReservation: 300 },
      ],
    },
    "The sum of all container 'memoryReservation' values cannot be greater than the value of the task 'memory'.",
  ],
  [
    'awsvpc host port not the container port',
    seedWith({ portMappings: [{ containerPort: 80, hostPort: 8080 }] }),
    'When networkMode=awsvpc, the host ports and container ports in port mappings must match.',
  ],
  [
    'host networking with another host port',
    ec2(
      [
        {
          name: 'a',
          image: 'busybox',
          memory: 8,
          portMappings: [{ containerPort: 80, hostPort: 81 }],
        },
      ],
      {
        networkMode: 'host',
      },
    ),
    'When networkMode=host, the host ports and container ports in port mappings must match.',
  ],
  [
    'awslogs without options',
    seedWith({ logConfiguration: { logDriver: 'awslogs' } }),
    'Log driver awslogs requires options: awslogs-region, awslogs-group',
  ],
  [
    'awslogs without a group',
    seedWith(awslogs({ 'awslogs-region': 'ap-northeast-1' })),
    'Log driver awslogs requires options: awslogs-group',
  ],
  [
    'awslogs without a region',
    seedWith(awslogs({ 'awslogs-group': '/ecs-scheduler' })),
    'Log driver awslogs requires options: awslogs-region',
  ],
  [
    'awslogs with an empty group',
    seedWith(awslogs({ 'awslogs-group': ' ', 'awslogs-region': 'ap-northeast-1' })),
    "Log driver awslogs option 'awslogs-group' should not be null or empty.",
  ],
  [
    'awslogs-create-group false',
    seedWith(
      awslogs({
        'awslogs-group': 'g',
        'awslogs-region': 'ap-northeast-1',
        'awslogs-create-group': 'false',
      }),
    ),
    "Log driver awslogs option 'awslogs-create-group' should only be set to 'true', else omit option.",
  ],
  [
    'Fargate awslogs without an execution role',
    seedWith({}, { executionRoleArn: undefined }),
    'Fargate requires task definition to have execution role ARN to support log driver awslogs.',
  ],
  [
    'Fargate ECR image without an execution role',
    seedWith({ logConfiguration: undefined }, { executionRoleArn: undefined }),
    'Fargate requires task definition to have execution role ARN to support ECR images.',
  ],
  [
    'no essential container',
    seedWith({ essential: false }),
    "Task definition doesn't have any essential container.",
  ],
  [
    'an essential container others wait to complete',
    ec2([
      { name: 'migrate', image: 'busybox', memory: 8 },
      {
        name: 'app',
        image: 'busybox',
        memory: 8,
        dependsOn: [{ containerName: 'migrate', condition: 'SUCCESS' }],
      },
    ]),
    'A dependency container with SUCCESS or COMPLETE condition cannot be an essential container',
  ],
];

describe('RegisterTaskDefinition refuses', () => {
  it.each(CASES)('%s', async (_, input, message) => {
    const error = await ecsError(ecs.send(new RegisterTaskDefinitionCommand(input)));
    expect(error.name).toBe('ClientException');
    expect(error.message).toBe(message);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.$fault).toBe('client');
  });

  it('bad input uses no revision: the next good registration is revision 1', async () => {
    const families = await ecs.send(new ListTaskDefinitionFamiliesCommand({}));
    expect(families.families).toEqual([]);
    const out = await ecs.send(new RegisterTaskDefinitionCommand(seedWith({})));
    expect(out.taskDefinition?.revision).toBe(1);
    await ecsError(ecs.send(new RegisterTaskDefinitionCommand(seedWith({ essential: false }))));
    const next = await ecs.send(new RegisterTaskDefinitionCommand(seedWith({})));
    expect(next.taskDefinition?.revision).toBe(2);
  });

  it('still takes what sits right on a limit', async () => {
    const edge = await ecs.send(
      new RegisterTaskDefinitionCommand({
        ...seedWith({ cpu: 256, memory: 512, memoryReservation: 512 }),
        family: 'edge',
        ephemeralStorage: { sizeInGiB: 200 },
        containerDefinitions: [
          {
            ...seedWith({ cpu: 256, memory: 512, memoryReservation: 512 }).containerDefinitions![0],
          },
          ...Array.from({ length: 9 }, (_, i) => ({
            name: `side${i}`,
            image: SEED_IMAGE,
            essential: false,
          })),
        ],
      }),
    );
    expect(edge.taskDefinition?.containerDefinitions).toHaveLength(10);
    expect(edge.taskDefinition?.ephemeralStorage).toEqual({ sizeInGiB: 200 });
  });
});
