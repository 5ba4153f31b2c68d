/**
 * The services' operations through the SDK: ECS's validation and errors, idempotent
 * creation, listing and paging, tags (on the service and propagated to its tasks),
 * capacity provider strategies, and what a service with no place to run says.
 */
import {
  CreateServiceCommand,
  DeleteClusterCommand,
  DescribeServicesCommand,
  ECSServiceException,
  ListServicesByNamespaceCommand,
  ListServicesCommand,
  ListTagsForResourceCommand,
  PutClusterCapacityProvidersCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRejection } from '../../helpers/errors.js';
import {
  longRunning,
  startServiceFixture,
  steady,
  type ServiceFixture,
} from './services-fixtures.js';

let f: ServiceFixture;
let family: string;
beforeAll(async () => {
  f = await startServiceFixture();
  family = await f.register([longRunning()]);
});
afterAll(() => f.close());

const fails = (promise: Promise<unknown>, code: string, message: string | RegExp) =>
  expectRejection(promise, ECSServiceException, code, message);

describe('CreateService refuses', () => {
  const create = (input: Partial<ConstructorParameters<typeof CreateServiceCommand>[0]>) =>
    f.ecs.send(
      new CreateServiceCommand({
        cluster: f.cluster,
        serviceName: 'refused',
        taskDefinition: family,
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets: [f.subnetId] } },
        ...input,
      }),
    );

  it.each([
    [
      'a cluster that does not exist',
      { cluster: 'nowhere' },
      'ClusterNotFoundException',
      'Cluster not found.',
    ],
    [
      'a task definition that does not exist',
      { taskDefinition: 'nope:3' },
      'InvalidParameterException',
      'TaskDefinition not found.',
    ],
    [
      'a launch type and a capacity provider strategy',
      { capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }] },
      'InvalidParameterException',
      'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.',
    ],
    [
      'awsvpc without a network configuration',
      { networkConfiguration: undefined },
      'InvalidParameterException',
      "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
    ],
    [
      'a subnet that does not exist',
      { networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0000dead'] } } },
      'InvalidParameterException',
      /^Error retrieving subnet information for \[subnet-0000dead\]/,
    ],
    [
      'a platform version that does not exist',
      { platformVersion: '9.9.9' },
      'PlatformUnknownException',
      'The specified platform version does not exist.',
    ],
    [
      'a reserved tag',
      { tags: [{ key: 'aws:x', value: 'y' }] },
      'InvalidParameterException',
      "Tag keys cannot begin with the reserved prefix 'aws:'.",
    ],
  ])('%s', async (_, input, code, message) => {
    await fails(create(input), code, message);
    const out = await f.ecs.send(
      new DescribeServicesCommand({ cluster: f.cluster, services: ['refused'] }),
    );
    expect(out.failures).toEqual([
      { arn: `arn:aws:ecs:us-east-1:000000000000:service/${f.cluster}/refused`, reason: 'MISSING' },
    ]);
  });
});

describe('creation is idempotent', () => {
  it('returns the same service for the same request, refuses a different one', async () => {
    const first = await f.create('twice', family, { desiredCount: 0 });
    const again = await f.create('twice', family, { desiredCount: 0 });
    expect(again.deployments?.[0]?.id).toBe(first.deployments?.[0]?.id);
    await fails(
      f.create('twice', family, { desiredCount: 2 }),
      'InvalidParameterException',
      'Creation of service was not idempotent.',
    );
  });
});

describe('UpdateService and the service not found', () => {
  it('answers ServiceNotFoundException for a service that does not exist', async () => {
    await fails(
      f.ecs.send(
        new UpdateServiceCommand({ cluster: f.cluster, service: 'ghost', desiredCount: 1 }),
      ),
      'ServiceNotFoundException',
      'Service not found.',
    );
  });

  it('asks for a new deployment when a launch type service moves to a strategy', async () => {
    await f.create('switch', family, { desiredCount: 0 });
    await fails(
      f.ecs.send(
        new UpdateServiceCommand({
          cluster: f.cluster,
          service: 'switch',
          capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
        }),
      ),
      'InvalidParameterException',
      'When switching from launch type to capacity provider strategy on an existing service, or making a change to a capacity provider strategy on a service that is already using one, you must force a new deployment.',
    );
  });

  it('changes the desired count without a new deployment', async () => {
    const before = await f.create('scaled', family, { desiredCount: 0 });
    const out = await f.ecs.send(
      new UpdateServiceCommand({ cluster: f.cluster, service: 'scaled', desiredCount: 1 }),
    );
    expect(out.service?.desiredCount).toBe(1);
    expect(out.service?.deployments?.map((d) => d.id)).toEqual([before.deployments?.[0]?.id]);
    await f.until('scaled', (s) => steady(s) && s.runningCount === 1);
  });
});

describe('listing', () => {
  it('lists ACTIVE services a page at a time', async () => {
    const names = ['list-a', 'list-b', 'list-c'];
    for (const name of names) await f.create(name, family, { desiredCount: 0 });
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await f.ecs.send(
        new ListServicesCommand({ cluster: f.cluster, maxResults: 2, nextToken }),
      );
      expect(page.serviceArns?.length).toBeLessThanOrEqual(2);
      seen.push(...(page.serviceArns ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    for (const name of names) {
      expect(seen).toContain(`arn:aws:ecs:us-east-1:000000000000:service/${f.cluster}/${name}`);
    }
    await fails(
      f.ecs.send(new ListServicesCommand({ cluster: f.cluster, maxResults: 101 })),
      'InvalidParameterException',
      'maxResults must be between 1 and 100.',
    );
  });

  it('lists services of a Service Connect namespace', async () => {
    await f.create('connected', family, {
      desiredCount: 0,
      serviceConnectConfiguration: { enabled: true, namespace: 'shop.local' },
    });
    const out = await f.ecs.send(new ListServicesByNamespaceCommand({ namespace: 'shop.local' }));
    expect(out.serviceArns).toEqual([
      `arn:aws:ecs:us-east-1:000000000000:service/${f.cluster}/connected`,
    ]);
    const described = await f.describe('connected');
    expect(described.deployments?.[0]?.serviceConnectConfiguration).toEqual({
      enabled: true,
      namespace: 'shop.local',
    });
  });
});

describe('tags', () => {
  it('are set, listed and removed on a service, and propagate to its tasks with ECS managed tags', async () => {
    const created = await f.create('tagged', family, {
      desiredCount: 1,
      tags: [{ key: 'team', value: 'web' }],
      propagateTags: 'SERVICE',
      enableECSManagedTags: true,
    });
    const arn = created.serviceArn ?? '';
    expect(created.tags).toEqual([{ key: 'team', value: 'web' }]);
    await f.ecs.send(
      new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'tier', value: '1' }] }),
    );
    const listed = await f.ecs.send(new ListTagsForResourceCommand({ resourceArn: arn }));
    expect(listed.tags).toEqual([
      { key: 'team', value: 'web' },
      { key: 'tier', value: '1' },
    ]);
    await f.ecs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['tier'] }));
    const described = await f.ecs.send(
      new DescribeServicesCommand({ cluster: f.cluster, services: ['tagged'], include: ['TAGS'] }),
    );
    expect(described.services?.[0]?.tags).toEqual([{ key: 'team', value: 'web' }]);
    await f.until('tagged', steady);
    const [task] = await f.tasks('tagged');
    const taskTags = await f.ecs.send(
      new ListTagsForResourceCommand({ resourceArn: task?.taskArn ?? '' }),
    );
    expect(taskTags.tags).toEqual(
      expect.arrayContaining([
        { key: 'team', value: 'web' },
        { key: 'aws:ecs:serviceName', value: 'tagged' },
        { key: 'aws:ecs:clusterName', value: f.cluster },
      ]),
    );
  });

  it('refuses the short service ARN and a service that does not exist', async () => {
    await fails(
      f.ecs.send(
        new ListTagsForResourceCommand({
          resourceArn: 'arn:aws:ecs:us-east-1:000000000000:service/tagged',
        }),
      ),
      'InvalidParameterException',
      'Long arn format must be used for tagging operations',
    );
    await fails(
      f.ecs.send(
        new ListTagsForResourceCommand({
          resourceArn: `arn:aws:ecs:us-east-1:000000000000:service/${f.cluster}/ghost`,
        }),
      ),
      'ServiceNotFoundException',
      'Service not found.',
    );
  });
});

describe('capacity provider strategies and launch types', () => {
  it('spreads tasks over FARGATE and FARGATE_SPOT by base and weight', async () => {
    await f.ecs.send(
      new PutClusterCapacityProvidersCommand({
        cluster: f.cluster,
        capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
        defaultCapacityProviderStrategy: [],
      }),
    );
    await f.create('spread', family, {
      desiredCount: 4,
      launchType: undefined,
      capacityProviderStrategy: [
        { capacityProvider: 'FARGATE', base: 1, weight: 1 },
        { capacityProvider: 'FARGATE_SPOT', weight: 2 },
      ],
    });
    const service = await f.until('spread', steady);
    expect(service.launchType).toBeUndefined();
    expect(service.capacityProviderStrategy).toEqual([
      { capacityProvider: 'FARGATE', base: 1, weight: 1 },
      { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 2 },
    ]);
    const providers = (await f.tasks('spread')).map((t) => t.capacityProviderName).sort();
    expect(providers).toEqual(['FARGATE', 'FARGATE', 'FARGATE_SPOT', 'FARGATE_SPOT']);
  });

  it('accepts an EC2 service and reports every task it cannot place', async () => {
    const created = await f.create('on-ec2', family, { desiredCount: 1, launchType: 'EC2' });
    expect(created.launchType).toBe('EC2');
    const service = await f.until('on-ec2', (s) =>
      (s.events ?? []).some((e) => e.message?.includes('was unable to place a task')),
    );
    expect(service.events?.[0]?.message).toBe(
      '(service on-ec2) was unable to place a task. Reason: No Container Instances were found in your cluster.',
    );
    const placement = await f.serviceEvent(
      (e) => e.detail.eventName === 'SERVICE_TASK_PLACEMENT_FAILURE',
    );
    expect(placement.detail).toMatchObject({ eventType: 'ERROR' });
  });
});

describe('DeleteCluster with services', () => {
  it('is refused while a service is ACTIVE', async () => {
    await fails(
      f.ecs.send(new DeleteClusterCommand({ cluster: f.cluster })),
      'ClusterContainsServicesException',
      'The Cluster cannot be deleted while Services are active.',
    );
  });
});
