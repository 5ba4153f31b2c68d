/** ECS CreateCluster and DescribeClusters through the SDK. */
import {
  CreateClusterCommand,
  DeleteClusterCommand,
  DescribeClustersCommand,
  ECSClient,
  type Cluster,
  type CreateClusterCommandInput,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { clusterArn, expectEcsError, uniqueName } from './clusters-helpers.js';

let teiki: TestTeiki;
let ecs: ECSClient;
beforeAll(async () => {
  teiki = await startTestTeiki();
  ecs = new ECSClient(teiki.clientConfig());
});
afterAll(() => teiki.close());

async function create(input: CreateClusterCommandInput): Promise<Cluster> {
  const out = await ecs.send(new CreateClusterCommand(input));
  if (!out.cluster) throw new Error('CreateCluster returned no cluster');
  return out.cluster;
}

/** What AWS returns for a new cluster that sets nothing. */
function bare(name: string): Cluster {
  return {
    clusterArn: clusterArn(name),
    clusterName: name,
    status: 'ACTIVE',
    registeredContainerInstancesCount: 0,
    runningTasksCount: 0,
    pendingTasksCount: 0,
    activeServicesCount: 0,
    statistics: [],
    tags: [],
    settings: [{ name: 'containerInsights', value: 'disabled' }],
    capacityProviders: [],
    defaultCapacityProviderStrategy: [],
  };
}

describe('CreateCluster', () => {
  it('creates an ACTIVE cluster with Container Insights disabled by default', async () => {
    const name = uniqueName('plain');
    expect(await create({ clusterName: name })).toEqual(bare(name));
  });

  it('names the cluster `default` when no name is given', async () => {
    const other = new ECSClient(teiki.clientConfig({ region: 'eu-west-3' }));
    const out = await other.send(new CreateClusterCommand({}));
    expect(out.cluster?.clusterName).toBe('default');
    expect(out.cluster?.clusterArn).toBe(clusterArn('default', 'eu-west-3'));
  });

  it('keeps settings, configuration, tags, Service Connect and capacity providers', async () => {
    const name = uniqueName('full');
    const cluster = await create({
      clusterName: name,
      settings: [{ name: 'containerInsights', value: 'enhanced' }],
      configuration: {
        executeCommandConfiguration: {
          logging: 'OVERRIDE',
          logConfiguration: { cloudWatchLogGroupName: '/exec', cloudWatchEncryptionEnabled: true },
        },
      },
      tags: [
        { key: 'team', value: 'batch' },
        { key: 'env', value: 'dev' },
      ],
      serviceConnectDefaults: { namespace: 'local' },
      capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
      defaultCapacityProviderStrategy: [
        { capacityProvider: 'FARGATE', base: 1, weight: 1 },
        { capacityProvider: 'FARGATE_SPOT', weight: 4 },
      ],
    });
    expect(cluster).toEqual({
      ...bare(name),
      settings: [{ name: 'containerInsights', value: 'enhanced' }],
      configuration: {
        executeCommandConfiguration: {
          logging: 'OVERRIDE',
          logConfiguration: { cloudWatchLogGroupName: '/exec', cloudWatchEncryptionEnabled: true },
        },
      },
      tags: [
        { key: 'team', value: 'batch' },
        { key: 'env', value: 'dev' },
      ],
      serviceConnectDefaults: {
        namespace: expect.stringMatching(
          /^arn:aws:servicediscovery:us-east-1:000000000000:namespace\/ns-[a-z2-7]{16}$/,
        ),
      },
      capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
      defaultCapacityProviderStrategy: [
        { capacityProvider: 'FARGATE', base: 1, weight: 1 },
        { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 4 },
      ],
    });
  });

  it('returns an ACTIVE cluster unchanged when created again', async () => {
    const name = uniqueName('again');
    const first = await create({ clusterName: name, tags: [{ key: 'a', value: '1' }] });
    expect(await create({ clusterName: name })).toEqual(first);
    expect(await create({ clusterName: name, tags: [{ key: 'a', value: '1' }] })).toEqual(first);
  });

  it.each<[string, Omit<CreateClusterCommandInput, 'clusterName'>]>([
    ['tags', { tags: [{ key: 'a', value: '2' }] }],
    ['settings', { settings: [{ name: 'containerInsights', value: 'enabled' }] }],
    ['capacity providers', { capacityProviders: ['FARGATE'] }],
    ['configuration', { configuration: { executeCommandConfiguration: { logging: 'NONE' } } }],
  ])('refuses to create an ACTIVE cluster again with different %s', async (_what, input) => {
    const name = uniqueName('differs');
    await create({ clusterName: name, tags: [{ key: 'a', value: '1' }] });
    await expectEcsError(
      ecs.send(new CreateClusterCommand({ clusterName: name, ...input })),
      'InvalidParameterException',
      'Arguments on this idempotent request are inconsistent with arguments used in previous request(s).',
    );
  });

  it('creates a deleted cluster anew, ACTIVE and with the new arguments only', async () => {
    const name = uniqueName('reborn');
    await create({ clusterName: name, tags: [{ key: 'old', value: 'x' }] });
    await ecs.send(new DeleteClusterCommand({ cluster: name }));
    const cluster = await create({
      clusterName: name,
      settings: [{ name: 'containerInsights', value: 'enabled' }],
    });
    expect(cluster).toEqual({
      ...bare(name),
      settings: [{ name: 'containerInsights', value: 'enabled' }],
    });
  });

  it.each<[string, CreateClusterCommandInput, string, string]>([
    [
      'a name with a space',
      { clusterName: 'bad name' },
      'InvalidParameterException',
      'Clusters can only contain alphanumeric characters, hyphens, and underscores, and must be between 1 and 255 characters long.',
    ],
    [
      'a name of 256 characters',
      { clusterName: 'x'.repeat(256) },
      'InvalidParameterException',
      'Clusters can only contain alphanumeric characters, hyphens, and underscores, and must be between 1 and 255 characters long.',
    ],
    [
      'an unknown capacity provider',
      { capacityProviders: ['FARGATE', 'my-asg-provider'] },
      'InvalidParameterException',
      'The specified capacity provider was not found. Specify a valid capacity provider and try again.',
    ],
    [
      'a strategy naming a provider the cluster lacks',
      {
        capacityProviders: ['FARGATE'],
        defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
      },
      'InvalidParameterException',
      'The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.',
    ],
    [
      'a strategy with two bases',
      {
        capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
        defaultCapacityProviderStrategy: [
          { capacityProvider: 'FARGATE', base: 1 },
          { capacityProvider: 'FARGATE_SPOT', base: 2 },
        ],
      },
      'InvalidParameterException',
      'Only one capacity provider in a capacity provider strategy can have a base defined.',
    ],
    [
      'a Container Insights value that does not exist',
      { settings: [{ name: 'containerInsights', value: 'enhaced' }] },
      'InvalidParameterException',
      "Invalid setting 'value'",
    ],
    [
      'a setting without a name',
      { settings: [{ value: 'enabled' }] },
      'InvalidParameterException',
      "Invalid setting 'name'",
    ],
    [
      'a tag key with the reserved aws: prefix',
      { tags: [{ key: 'AWS:owner', value: 'me' }] },
      'InvalidParameterException',
      "Tag keys cannot begin with the reserved prefix 'aws:'.",
    ],
    [
      'a tag without a key',
      { tags: [{ value: 'orphan' }] },
      'InvalidParameterException',
      'Tag key can not be null.',
    ],
    [
      'a setting name outside the model',
      { settings: [{ name: 'insights' as 'containerInsights', value: 'enabled' }] },
      'InvalidParameterException',
      'name should be one of [containerInsights]',
    ],
  ])('refuses %s', async (_what, input, name, message) => {
    const clusterName = input.clusterName ?? uniqueName('refused');
    await expectEcsError(
      ecs.send(new CreateClusterCommand({ ...input, clusterName })),
      name,
      message,
    );
    const out = await ecs.send(new DescribeClustersCommand({ clusters: [clusterName] }));
    expect(out.clusters).toEqual([]);
  });

  it('refuses 51 tags with the limit of the model', async () => {
    const tags = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    const printed = tags.map((t) => `Tag(key=${t.key}, value=${t.value})`).join(', ');
    await expectEcsError(
      ecs.send(new CreateClusterCommand({ clusterName: uniqueName('many'), tags })),
      'ClientException',
      `1 validation error detected: Value '[${printed}]' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50`,
    );
  });
});
