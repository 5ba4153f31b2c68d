/** ECS under `--auth enforce`: callers' policies decide, denials in AWS's words (AccessDeniedException, 400). */
import {
  CreateClusterCommand,
  DescribeClustersCommand,
  ECSClient,
  ListClustersCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestTeiki } from '../../helpers/teiki.js';
import {
  ACCOUNT,
  ROOT,
  allowAll,
  denyAll,
  expectDenied,
  explicitlyDenied,
  makeUser,
  notAllowed,
  startEnforcingTeiki,
} from './helpers.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startEnforcingTeiki();
});
afterAll(() => teiki.close());

const ecs = (keys: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
  new ECSClient(teiki.clientConfig(keys));
const clusterArn = (name: string) => `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/${name}`;

describe('clusters', () => {
  it('lets the root key do anything', async () => {
    await ecs(ROOT).send(new CreateClusterCommand({ clusterName: 'root-made' }));
    const out = await ecs(ROOT).send(new ListClustersCommand({}));
    expect(out.clusterArns).toContain(clusterArn('root-made'));
  });

  it('denies a user whose only policy is Deny * on *', async () => {
    const user = await makeUser(teiki, { statements: [denyAll] });
    await expectDenied(
      ecs(user).send(new ListClustersCommand({})),
      'AccessDeniedException',
      400,
      explicitlyDenied(user.arn, 'ecs:ListClusters', '*'),
    );
  });

  it('denies a user with no policy, implicitly', async () => {
    const user = await makeUser(teiki);
    await expectDenied(
      ecs(user).send(new ListClustersCommand({})),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'ecs:ListClusters', '*'),
    );
  });

  it('allows what a policy allows, on the resources it names', async () => {
    const user = await makeUser(teiki, {
      statements: [
        { Effect: 'Allow', Action: 'ecs:CreateCluster', Resource: clusterArn('team-*') },
        { Effect: 'Allow', Action: 'ecs:ListClusters', Resource: '*' },
      ],
    });
    await ecs(user).send(new CreateClusterCommand({ clusterName: 'team-a' }));
    await expectDenied(
      ecs(user).send(new CreateClusterCommand({ clusterName: 'other' })),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'ecs:CreateCluster', clusterArn('other')),
    );
    const list = await ecs(user).send(new ListClustersCommand({}));
    expect(list.clusterArns).toContain(clusterArn('team-a'));
    expect(list.clusterArns).not.toContain(clusterArn('other'));
  });

  it('needs ecs:TagResource with ecs:CreateAction to create a cluster with tags', async () => {
    const user = await makeUser(teiki, {
      statements: [{ Effect: 'Allow', Action: 'ecs:CreateCluster', Resource: '*' }],
    });
    await expectDenied(
      ecs(user).send(
        new CreateClusterCommand({ clusterName: 'tagged', tags: [{ key: 'team', value: 'a' }] }),
      ),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'ecs:TagResource', clusterArn('tagged')),
    );
    const tagger = await makeUser(teiki, {
      statements: [
        { Effect: 'Allow', Action: 'ecs:CreateCluster', Resource: '*' },
        {
          Effect: 'Allow',
          Action: 'ecs:TagResource',
          Resource: '*',
          Condition: { StringEquals: { 'ecs:CreateAction': 'CreateCluster' } },
        },
      ],
    });
    await ecs(tagger).send(
      new CreateClusterCommand({ clusterName: 'tagged', tags: [{ key: 'team', value: 'a' }] }),
    );
  });

  it('reads the cluster tags a policy tests (aws:ResourceTag)', async () => {
    await ecs(ROOT).send(
      new CreateClusterCommand({ clusterName: 'blue', tags: [{ key: 'team', value: 'blue' }] }),
    );
    await ecs(ROOT).send(
      new CreateClusterCommand({ clusterName: 'red', tags: [{ key: 'team', value: 'red' }] }),
    );
    const user = await makeUser(teiki, {
      statements: [
        {
          Effect: 'Allow',
          Action: 'ecs:DescribeClusters',
          Resource: '*',
          Condition: { StringEquals: { 'aws:ResourceTag/team': 'blue' } },
        },
      ],
    });
    const out = await ecs(user).send(new DescribeClustersCommand({ clusters: ['blue'] }));
    expect(out.clusters?.[0]?.clusterName).toBe('blue');
    await expectDenied(
      ecs(user).send(new DescribeClustersCommand({ clusters: ['blue', 'red'] })),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'ecs:DescribeClusters', clusterArn('red')),
    );
  });

  it('sees a policy change on the very next request', async () => {
    const user = await makeUser(teiki, { statements: [allowAll] });
    await ecs(user).send(new ListClustersCommand({}));
    const { IAMClient, PutUserPolicyCommand } = await import('@aws-sdk/client-iam');
    await new IAMClient(teiki.clientConfig(ROOT)).send(
      new PutUserPolicyCommand({
        UserName: user.userName,
        PolicyName: 'inline',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [denyAll] }),
      }),
    );
    await expectDenied(
      ecs(user).send(new ListClustersCommand({})),
      'AccessDeniedException',
      400,
      explicitlyDenied(user.arn, 'ecs:ListClusters', '*'),
    );
  });
});
