/** ECS UpdateCluster, UpdateClusterSettings and PutClusterCapacityProviders through the SDK. */
import {
  CreateClusterCommand,
  DeleteClusterCommand,
  DescribeClustersCommand,
  ECSClient,
  PutClusterCapacityProvidersCommand,
  UpdateClusterCommand,
  UpdateClusterSettingsCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import {
  clusterArn,
  expectEcsError,
  seedTask,
  setTaskStatus,
  uniqueName,
} from './clusters-helpers.js';

let teiki: TestTeiki;
let ecs: ECSClient;
beforeAll(async () => {
  teiki = await startTestTeiki();
  ecs = new ECSClient(teiki.clientConfig());
});
afterAll(() => teiki.close());

async function cluster(
  extra: Omit<ConstructorParameters<typeof CreateClusterCommand>[0], 'clusterName'> = {},
) {
  const name = uniqueName('upd');
  await ecs.send(new CreateClusterCommand({ clusterName: name, ...extra }));
  return name;
}

async function deletedCluster(): Promise<string> {
  const name = await cluster();
  await ecs.send(new DeleteClusterCommand({ cluster: name }));
  return name;
}

async function described(name: string) {
  const out = await ecs.send(
    new DescribeClustersCommand({
      clusters: [name],
      include: ['SETTINGS', 'CONFIGURATIONS', 'TAGS'],
    }),
  );
  return out.clusters?.[0];
}

describe('UpdateCluster', () => {
  it('changes settings, replaces the configuration and keeps what it is not given', async () => {
    const name = await cluster({
      tags: [{ key: 'team', value: 'batch' }],
      configuration: {
        executeCommandConfiguration: { logging: 'OVERRIDE', kmsKeyId: 'key-1' },
      },
    });
    const out = await ecs.send(
      new UpdateClusterCommand({
        cluster: clusterArn(name),
        settings: [{ name: 'containerInsights', value: 'enabled' }],
        configuration: { executeCommandConfiguration: { logging: 'NONE' } },
      }),
    );
    expect(out.cluster).toMatchObject({
      clusterName: name,
      status: 'ACTIVE',
      settings: [{ name: 'containerInsights', value: 'enabled' }],
      configuration: { executeCommandConfiguration: { logging: 'NONE' } },
      tags: [{ key: 'team', value: 'batch' }],
    });
    expect(await described(name)).toEqual(out.cluster);
  });

  it('sets Service Connect defaults to a namespace ARN, stable per name, and clears them', async () => {
    const name = await cluster();
    const first = await ecs.send(
      new UpdateClusterCommand({ cluster: name, serviceConnectDefaults: { namespace: 'app' } }),
    );
    const namespace = first.cluster?.serviceConnectDefaults?.namespace;
    expect(namespace).toMatch(
      /^arn:aws:servicediscovery:us-east-1:000000000000:namespace\/ns-[a-z2-7]{16}$/,
    );
    const again = await ecs.send(
      new UpdateClusterCommand({ cluster: name, serviceConnectDefaults: { namespace: 'app' } }),
    );
    expect(again.cluster?.serviceConnectDefaults).toEqual({ namespace });
    const other = await ecs.send(
      new UpdateClusterCommand({ cluster: name, serviceConnectDefaults: { namespace: 'other' } }),
    );
    expect(other.cluster?.serviceConnectDefaults?.namespace).not.toBe(namespace);
    const arn = 'arn:aws:servicediscovery:us-east-1:000000000000:namespace/ns-abcdefghijklmnop';
    const byArn = await ecs.send(
      new UpdateClusterCommand({ cluster: name, serviceConnectDefaults: { namespace: arn } }),
    );
    expect(byArn.cluster?.serviceConnectDefaults).toEqual({ namespace: arn });
    const cleared = await ecs.send(
      new UpdateClusterCommand({ cluster: name, serviceConnectDefaults: { namespace: '' } }),
    );
    expect(cleared.cluster?.serviceConnectDefaults).toBeUndefined();
  });

  it.each([
    [
      'an unknown cluster',
      () => Promise.resolve('never-created'),
      'ClusterNotFoundException',
      'Cluster not found.',
    ],
    ['a deleted cluster', deletedCluster, 'ClusterNotFoundException', 'Cluster not found.'],
    [
      'an ARN of another region',
      async () => clusterArn(await cluster(), 'eu-west-1'),
      'ClusterNotFoundException',
      'Cluster not found.',
    ],
  ])('refuses %s', async (_what, reference, name, message) => {
    const target = await reference();
    await expectEcsError(
      ecs.send(
        new UpdateClusterCommand({
          cluster: target,
          settings: [{ name: 'containerInsights', value: 'enabled' }],
        }),
      ),
      name,
      message,
    );
    await expectEcsError(
      ecs.send(
        new UpdateClusterSettingsCommand({
          cluster: target,
          settings: [{ name: 'containerInsights', value: 'enabled' }],
        }),
      ),
      name,
      message,
    );
  });

  it('refuses a Container Insights value that does not exist and changes nothing', async () => {
    const name = await cluster();
    await expectEcsError(
      ecs.send(
        new UpdateClusterCommand({
          cluster: name,
          settings: [{ name: 'containerInsights', value: 'on' }],
          configuration: { executeCommandConfiguration: { logging: 'NONE' } },
        }),
      ),
      'InvalidParameterException',
      "Invalid setting 'value'",
    );
    const after = await described(name);
    expect(after?.settings).toEqual([{ name: 'containerInsights', value: 'disabled' }]);
    expect(after?.configuration).toBeUndefined();
  });
});

describe('UpdateClusterSettings', () => {
  it('sets Container Insights and leaves the rest alone', async () => {
    const name = await cluster({ tags: [{ key: 'k', value: 'v' }] });
    const out = await ecs.send(
      new UpdateClusterSettingsCommand({
        cluster: name,
        settings: [{ name: 'containerInsights', value: 'enhanced' }],
      }),
    );
    expect(out.cluster?.settings).toEqual([{ name: 'containerInsights', value: 'enhanced' }]);
    expect(out.cluster?.tags).toEqual([{ key: 'k', value: 'v' }]);
    expect((await described(name))?.settings).toEqual([
      { name: 'containerInsights', value: 'enhanced' },
    ]);
  });

  it('refuses a setting without a name', async () => {
    await expectEcsError(
      ecs.send(
        new UpdateClusterSettingsCommand({
          cluster: await cluster(),
          settings: [{ value: 'enabled' }],
        }),
      ),
      'InvalidParameterException',
      "Invalid setting 'name'",
    );
  });
});

describe('PutClusterCapacityProviders', () => {
  it('replaces the providers and the default strategy whole', async () => {
    const name = await cluster({
      capacityProviders: ['FARGATE'],
      defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
    });
    const out = await ecs.send(
      new PutClusterCapacityProvidersCommand({
        cluster: name,
        capacityProviders: ['FARGATE_SPOT', 'FARGATE'],
        defaultCapacityProviderStrategy: [
          { capacityProvider: 'FARGATE_SPOT', weight: 3 },
          { capacityProvider: 'FARGATE', base: 2, weight: 1 },
        ],
      }),
    );
    expect(out.cluster).toMatchObject({
      capacityProviders: ['FARGATE_SPOT', 'FARGATE'],
      defaultCapacityProviderStrategy: [
        { capacityProvider: 'FARGATE_SPOT', weight: 3, base: 0 },
        { capacityProvider: 'FARGATE', weight: 1, base: 2 },
      ],
    });
    const cleared = await ecs.send(
      new PutClusterCapacityProvidersCommand({
        cluster: clusterArn(name),
        capacityProviders: [],
        defaultCapacityProviderStrategy: [],
      }),
    );
    expect(cleared.cluster?.capacityProviders).toEqual([]);
    expect(cleared.cluster?.defaultCapacityProviderStrategy).toEqual([]);
    expect((await described(name))?.capacityProviders).toEqual([]);
  });

  it('refuses to remove a provider a task still runs on, and allows it once the task stopped', async () => {
    const name = await cluster({ capacityProviders: ['FARGATE', 'FARGATE_SPOT'] });
    const task = await seedTask(teiki.store, name, 'RUNNING', {
      capacityProviderName: 'FARGATE_SPOT',
    });
    const put = () =>
      ecs.send(
        new PutClusterCapacityProvidersCommand({
          cluster: name,
          capacityProviders: ['FARGATE'],
          defaultCapacityProviderStrategy: [],
        }),
      );
    await expectEcsError(
      put(),
      'ResourceInUseException',
      'The specified capacity provider is in use and cannot be removed.',
    );
    expect((await described(name))?.capacityProviders).toEqual(['FARGATE', 'FARGATE_SPOT']);
    await setTaskStatus(teiki.store, task, 'STOPPED');
    expect((await put()).cluster?.capacityProviders).toEqual(['FARGATE']);
  });

  it.each([
    [
      'an unknown provider',
      { capacityProviders: ['FARGATE', 'EC2'], defaultCapacityProviderStrategy: [] },
      'InvalidParameterException',
      'The specified capacity provider was not found. Specify a valid capacity provider and try again.',
    ],
    [
      'a strategy naming a provider it does not put',
      {
        capacityProviders: ['FARGATE'],
        defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT' }],
      },
      'InvalidParameterException',
      'The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.',
    ],
    [
      'a weight above the model bound',
      {
        capacityProviders: ['FARGATE'],
        defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1001 }],
      },
      'ClientException',
      "1 validation error detected: Value '1001' at 'defaultCapacityProviderStrategy.1.member.weight' failed to satisfy constraint: Member must have value less than or equal to 1000",
    ],
  ])('refuses %s and changes nothing', async (_what, input, name, message) => {
    const cluster_ = await cluster({ capacityProviders: ['FARGATE_SPOT'] });
    await expectEcsError(
      ecs.send(new PutClusterCapacityProvidersCommand({ cluster: cluster_, ...input })),
      name,
      message,
    );
    expect((await described(cluster_))?.capacityProviders).toEqual(['FARGATE_SPOT']);
  });

  it.each([
    ['an unknown cluster', () => Promise.resolve('never-created')],
    ['a deleted cluster', deletedCluster],
  ])('refuses %s', async (_what, reference) => {
    await expectEcsError(
      ecs.send(
        new PutClusterCapacityProvidersCommand({
          cluster: await reference(),
          capacityProviders: ['FARGATE'],
          defaultCapacityProviderStrategy: [],
        }),
      ),
      'ClusterNotFoundException',
      'Cluster not found.',
    );
  });
});
