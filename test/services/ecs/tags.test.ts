/** ECS TagResource, UntagResource and ListTagsForResource through the SDK. */
import {
  CreateClusterCommand,
  DeleteClusterCommand,
  DescribeClustersCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListTagsForResourceCommand,
  RegisterTaskDefinitionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type Tag,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASKS, taskRecordId, type TaskRecord } from '../../../src/services/ecs/records.js';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { SCOPE, clusterArn, expectEcsError, seedTask, uniqueName } from './clusters-helpers.js';

let teiki: TestTeiki;
let ecs: ECSClient;
beforeAll(async () => {
  teiki = await startTestTeiki();
  ecs = new ECSClient(teiki.clientConfig());
});
afterAll(() => teiki.close());

async function listTags(resourceArn: string): Promise<Tag[] | undefined> {
  return (await ecs.send(new ListTagsForResourceCommand({ resourceArn }))).tags;
}

async function newCluster(tags?: Tag[]): Promise<string> {
  const name = uniqueName('tagged');
  await ecs.send(new CreateClusterCommand({ clusterName: name, tags }));
  return clusterArn(name);
}

async function newTaskDefinition(tags?: Tag[]): Promise<string> {
  const out = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: uniqueName('tagged'),
      containerDefinitions: [{ name: 'app', image: 'busybox', memory: 64 }],
      tags,
    }),
  );
  const arn = out.taskDefinition?.taskDefinitionArn;
  if (!arn) throw new Error('RegisterTaskDefinition returned no ARN');
  return arn;
}

async function newTask(tags: Tag[] = []): Promise<string> {
  const cluster = uniqueName('tasks');
  await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
  return (await seedTask(teiki.store, cluster, 'RUNNING', { tags })).taskArn;
}

const kinds: Array<[string, (tags?: Tag[]) => Promise<string>]> = [
  ['cluster', newCluster],
  ['task definition', newTaskDefinition],
  ['task', newTask],
];

describe.each(kinds)('tags of a %s', (_kind, create) => {
  it('lists the tags it was created with, then adds, replaces and removes by ARN', async () => {
    const arn = await create([
      { key: 'team', value: 'batch' },
      { key: 'env', value: 'dev' },
    ]);
    expect(await listTags(arn)).toEqual([
      { key: 'team', value: 'batch' },
      { key: 'env', value: 'dev' },
    ]);
    await ecs.send(
      new TagResourceCommand({
        resourceArn: arn,
        tags: [
          { key: 'env', value: 'prod' },
          { key: 'owner', value: 'ops' },
        ],
      }),
    );
    expect(await listTags(arn)).toEqual([
      { key: 'team', value: 'batch' },
      { key: 'env', value: 'prod' },
      { key: 'owner', value: 'ops' },
    ]);
    await ecs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['team', 'absent'] }));
    expect(await listTags(arn)).toEqual([
      { key: 'env', value: 'prod' },
      { key: 'owner', value: 'ops' },
    ]);
  });

  it('holds 50 tags and refuses a 51st, changing nothing', async () => {
    const fifty = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    const arn = await create(fifty.slice(0, 45));
    await ecs.send(new TagResourceCommand({ resourceArn: arn, tags: fifty.slice(45) }));
    // Replacing values of keys it has does not count against the limit.
    await ecs.send(
      new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'k0', value: 'changed' }] }),
    );
    await expectEcsError(
      ecs.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'k50', value: 'v' }] })),
      'InvalidParameterException',
      'The maximum number of tags per resource is 50.',
    );
    const tags = await listTags(arn);
    expect(tags).toHaveLength(50);
    expect(tags?.[0]).toEqual({ key: 'k0', value: 'changed' });
  });

  it('refuses keys with the reserved aws: prefix, in any case, changing nothing', async () => {
    const arn = await create([{ key: 'team', value: 'batch' }]);
    for (const key of ['aws:owner', 'AWS:owner', 'Aws:x']) {
      await expectEcsError(
        ecs.send(
          new TagResourceCommand({
            resourceArn: arn,
            tags: [
              { key: 'fine', value: 'yes' },
              { key, value: 'v' },
            ],
          }),
        ),
        'InvalidParameterException',
        "Tag keys cannot begin with the reserved prefix 'aws:'.",
      );
      await expectEcsError(
        ecs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['team', key] })),
        'InvalidParameterException',
        "Tag keys cannot begin with the reserved prefix 'aws:'.",
      );
    }
    expect(await listTags(arn)).toEqual([{ key: 'team', value: 'batch' }]);
  });

  it('keeps every tag of concurrent TagResource calls', async () => {
    const arn = await create();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ecs.send(
          new TagResourceCommand({ resourceArn: arn, tags: [{ key: `c${i}`, value: 'v' }] }),
        ),
      ),
    );
    expect((await listTags(arn))?.map((t) => t.key).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `c${i}`).sort(),
    );
  });
});

describe('tags seen by the resource itself', () => {
  it('DescribeClusters with TAGS shows the tags TagResource set', async () => {
    const arn = await newCluster();
    await ecs.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'a', value: '1' }] }));
    const out = await ecs.send(new DescribeClustersCommand({ clusters: [arn], include: ['TAGS'] }));
    expect(out.clusters?.[0]?.tags).toEqual([{ key: 'a', value: '1' }]);
  });

  it('DescribeTaskDefinition with TAGS shows the tags TagResource set', async () => {
    const arn = await newTaskDefinition();
    await ecs.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'a', value: '1' }] }));
    const out = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: arn, include: ['TAGS'] }),
    );
    expect(out.tags).toEqual([{ key: 'a', value: '1' }]);
  });

  it('a task tag change and a concurrent task update both survive', async () => {
    const cluster = uniqueName('race');
    await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
    const task = await seedTask(teiki.store, cluster, 'PENDING');
    const id = taskRecordId(cluster, task.taskArn.split('/').pop() ?? '');
    // What the task supervisor does: a read-modify-write of the record in a transaction.
    const supervisor = teiki.store.transaction(async (tx) => {
      const tasks = tx.collection<TaskRecord>(TASKS);
      const current = await tasks.get(SCOPE, id);
      if (!current) throw new Error('seeded task missing');
      await tasks.put(SCOPE, id, { ...current, lastStatus: 'RUNNING', version: 2 });
    });
    const tagging = ecs.send(
      new TagResourceCommand({ resourceArn: task.taskArn, tags: [{ key: 'a', value: '1' }] }),
    );
    await Promise.all([supervisor, tagging]);
    const stored = await teiki.store.collection<TaskRecord>(TASKS).get(SCOPE, id);
    expect({
      lastStatus: stored?.lastStatus,
      version: stored?.version,
      tags: stored?.tags,
    }).toEqual({ lastStatus: 'RUNNING', version: 2, tags: [{ key: 'a', value: '1' }] });
  });
});

describe('resources that cannot be tagged', () => {
  it('refuses a deleted cluster', async () => {
    const arn = await newCluster([{ key: 'a', value: '1' }]);
    await ecs.send(new DeleteClusterCommand({ cluster: arn }));
    const message = 'The specified cluster is inactive. Specify an active cluster and try again.';
    await expectEcsError(listTagsFor(arn), 'InvalidParameterException', message);
    await expectEcsError(tag(arn), 'InvalidParameterException', message);
    await expectEcsError(untag(arn), 'InvalidParameterException', message);
  });

  const listTagsFor = (resourceArn: string) =>
    ecs.send(new ListTagsForResourceCommand({ resourceArn }));
  const tag = (resourceArn: string) =>
    ecs.send(new TagResourceCommand({ resourceArn, tags: [{ key: 'a', value: '1' }] }));
  const untag = (resourceArn: string) =>
    ecs.send(new UntagResourceCommand({ resourceArn, tagKeys: ['a'] }));

  it.each([
    [
      'an unknown cluster',
      clusterArn('never-created'),
      'ClusterNotFoundException',
      'Cluster not found.',
    ],
    [
      'a cluster of another region',
      clusterArn('default', 'eu-west-1'),
      'ClusterNotFoundException',
      'Cluster not found.',
    ],
    [
      'an unknown task definition revision',
      'arn:aws:ecs:us-east-1:000000000000:task-definition/never-registered:1',
      'ClientException',
      'Unable to describe task definition.',
    ],
    [
      'an unknown task',
      'arn:aws:ecs:us-east-1:000000000000:task/default/0123456789abcdef0123456789abcdef',
      'InvalidParameterException',
      'The referenced task was not found.',
    ],
    [
      'a task ARN of the old short form',
      'arn:aws:ecs:us-east-1:000000000000:task/0123456789abcdef0123456789abcdef',
      'InvalidParameterException',
      'Long arn format must be used for tagging operations',
    ],
    [
      'a service ARN (teiki has no services)',
      'arn:aws:ecs:us-east-1:000000000000:service/default/web',
      'ServiceNotFoundException',
      'Service not found.',
    ],
    [
      'a string that is no ARN',
      'my-cluster',
      'InvalidParameterException',
      'The ARN provided is invalid.',
    ],
    [
      'an ARN of another service',
      'arn:aws:ecr:us-east-1:000000000000:repository/app',
      'InvalidParameterException',
      'The ARN provided is invalid.',
    ],
    [
      'a task definition ARN without a revision',
      'arn:aws:ecs:us-east-1:000000000000:task-definition/family',
      'InvalidParameterException',
      'The ARN provided is invalid.',
    ],
    [
      'a cluster ARN with a path',
      'arn:aws:ecs:us-east-1:000000000000:cluster/a/b',
      'InvalidParameterException',
      'The ARN provided is invalid.',
    ],
  ])('refuses %s in all three operations', async (_what, arn, name, message) => {
    await expectEcsError(listTagsFor(arn), name, message);
    await expectEcsError(tag(arn), name, message);
    await expectEcsError(untag(arn), name, message);
  });

  it('refuses a tag key longer than the model allows', async () => {
    const arn = await newCluster();
    const key = 'k'.repeat(129);
    await expectEcsError(
      ecs.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key, value: 'v' }] })),
      'ClientException',
      `1 validation error detected: Value '${key}' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128`,
    );
  });
});
