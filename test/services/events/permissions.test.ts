/**
 * Bus permissions through the SDK: PutPermission (shorthand and full policy),
 * RemovePermission, the policy in DescribeEventBus, and cross-account PutEvents decided by
 * it under --auth enforce (allowed, then refused once removed).
 */
import {
  CreateEventBusCommand,
  DescribeEventBusCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutPermissionCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemovePermissionCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../helpers/http-server.js';
import { startTestTeiki, tempDir, type TestTeiki } from '../../helpers/teiki.js';
import {
  ACCOUNT,
  REGION,
  busArnOf,
  eventsClient,
  expectEventsError,
  uniqueName,
} from './helpers.js';

const OTHER = '111122223333';

describe('PutPermission and RemovePermission', () => {
  let teiki: TestTeiki;
  let events: EventBridgeClient;
  beforeAll(async () => {
    teiki = await startTestTeiki();
    events = eventsClient(teiki);
  });
  afterAll(() => teiki.close());

  async function bus(): Promise<string> {
    const name = uniqueName('bus');
    await events.send(new CreateEventBusCommand({ Name: name }));
    return name;
  }

  async function policyOf(name: string): Promise<unknown> {
    const out = await events.send(new DescribeEventBusCommand({ Name: name }));
    return out.Policy === undefined ? undefined : JSON.parse(out.Policy);
  }

  it('writes the statement of the shorthand, replaces it by Sid, and shows the policy', async () => {
    const name = await bus();
    await events.send(
      new PutPermissionCommand({
        EventBusName: name,
        Action: 'events:PutEvents',
        Principal: OTHER,
        StatementId: 'other-account',
      }),
    );
    await events.send(
      new PutPermissionCommand({
        EventBusName: name,
        Action: 'events:PutEvents',
        Principal: '*',
        StatementId: 'organization',
        Condition: { Type: 'StringEquals', Key: 'aws:PrincipalOrgID', Value: 'o-1234567890' },
      }),
    );
    expect(await policyOf(name)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'other-account',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${OTHER}:root` },
          Action: 'events:PutEvents',
          Resource: busArnOf(name),
        },
        {
          Sid: 'organization',
          Effect: 'Allow',
          Principal: '*',
          Action: 'events:PutEvents',
          Resource: busArnOf(name),
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1234567890' } },
        },
      ],
    });
    await events.send(
      new PutPermissionCommand({
        EventBusName: name,
        Action: 'events:PutEvents',
        Principal: '444455556666',
        StatementId: 'other-account',
      }),
    );
    const replaced = (await policyOf(name)) as { Statement: Array<{ Principal: unknown }> };
    expect(replaced.Statement).toHaveLength(2);
    expect(replaced.Statement[0]!.Principal).toEqual({ AWS: 'arn:aws:iam::444455556666:root' });
  });

  it('puts a whole policy, and removes statements one by one or all at once', async () => {
    const name = await bus();
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'a',
          Effect: 'Allow',
          Principal: { AWS: OTHER },
          Action: 'events:PutEvents',
          Resource: busArnOf(name),
        },
        {
          Sid: 'b',
          Effect: 'Allow',
          Principal: '*',
          Action: 'events:PutEvents',
          Resource: busArnOf(name),
        },
      ],
    };
    await events.send(
      new PutPermissionCommand({ EventBusName: name, Policy: JSON.stringify(policy) }),
    );
    expect(await policyOf(name)).toEqual(policy);
    await events.send(new RemovePermissionCommand({ EventBusName: name, StatementId: 'a' }));
    expect(await policyOf(name)).toEqual({ ...policy, Statement: [policy.Statement[1]] });
    await expectEventsError(
      events.send(new RemovePermissionCommand({ EventBusName: name, StatementId: 'a' })),
      'ResourceNotFoundException',
      'Statement with the provided id does not exist.',
    );
    await events.send(
      new RemovePermissionCommand({ EventBusName: name, RemoveAllPermissions: true }),
    );
    expect(await policyOf(name)).toBeUndefined();
    await expectEventsError(
      events.send(new RemovePermissionCommand({ EventBusName: name, StatementId: 'b' })),
      'ResourceNotFoundException',
      'EventBus does not have a policy.',
    );
  });

  it('gives the default bus a policy too', async () => {
    await events.send(
      new PutPermissionCommand({ Action: 'events:PutEvents', Principal: OTHER, StatementId: 'd' }),
    );
    const described = await events.send(new DescribeEventBusCommand({}));
    expect(JSON.parse(described.Policy!)).toMatchObject({
      Statement: [{ Sid: 'd', Resource: busArnOf('default') }],
    });
    await events.send(new RemovePermissionCommand({ StatementId: 'd' }));
    expect((await events.send(new DescribeEventBusCommand({}))).Policy).toBeUndefined();
  });

  it('refuses what AWS refuses', async () => {
    const name = await bus();
    const put = (
      input: Omit<ConstructorParameters<typeof PutPermissionCommand>[0], 'EventBusName'>,
    ) => events.send(new PutPermissionCommand({ EventBusName: name, ...input }));
    await expectEventsError(
      put({ Action: 'events:PutEvents', StatementId: 's' }),
      'ValidationException',
      'Parameter Principal must be specified.',
    );
    await expectEventsError(
      put({ Action: 'events:PutRule', Principal: OTHER, StatementId: 's' }),
      'ValidationException',
      "Provided value in parameter 'action' is not supported.",
    );
    await expectEventsError(
      put({ Action: 'events:PutEvents', Principal: OTHER }),
      'ValidationException',
      'Parameter StatementId must be specified.',
    );
    await expectEventsError(
      put({
        Action: 'events:PutEvents',
        Principal: OTHER,
        StatementId: 's',
        Condition: { Type: 'StringEquals', Key: 'aws:PrincipalOrgID', Value: 'o-1234567890' },
      }),
      'InvalidParameterValue',
      "Value of the parameter 'principal' must be '*' when the parameter 'condition' is set.",
    );
    await expectEventsError(
      put({ Policy: '{"Statement": []}', StatementId: 's' }),
      'ValidationException',
      'Action, Principal, StatementId and Condition could not be combined with Policy parameter.',
    );
    await expectEventsError(
      put({ Policy: 'not json' }),
      'ValidationException',
      'This policy contains invalid Json',
    );
    await expectEventsError(
      events.send(
        new PutPermissionCommand({
          EventBusName: 'ghost',
          Action: 'events:PutEvents',
          Principal: OTHER,
          StatementId: 's',
        }),
      ),
      'ResourceNotFoundException',
      'Event bus ghost does not exist.',
    );
    await expectEventsError(
      events.send(new RemovePermissionCommand({ EventBusName: name })),
      'ValidationException',
      'Parameter StatementId must be specified.',
    );
  });
});

describe('cross-account PutEvents', () => {
  const logsTarget = (group: string) => `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${group}`;

  async function receiving(teiki: TestTeiki, bus: string, source: string, group: string) {
    const events = eventsClient(teiki);
    await new CloudWatchLogsClient(teiki.clientConfig()).send(
      new CreateLogGroupCommand({ logGroupName: group }),
    );
    await events.send(new CreateEventBusCommand({ Name: bus }));
    await events.send(
      new PutRuleCommand({
        Name: 'from-other',
        EventBusName: bus,
        EventPattern: JSON.stringify({ source: [source] }),
      }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'from-other',
        EventBusName: bus,
        Targets: [{ Id: 'logs', Arn: logsTarget(group) }],
      }),
    );
  }

  async function logged(teiki: TestTeiki, group: string) {
    const out = await new CloudWatchLogsClient(teiki.clientConfig()).send(
      new FilterLogEventsCommand({ logGroupName: group }),
    );
    return (out.events ?? []).map(
      (e) => JSON.parse(e.message ?? '{}') as { account: string; detail: unknown },
    );
  }

  it('open mode: another account reaches the bus whatever its policy says', async () => {
    const teiki = await startTestTeiki();
    try {
      await receiving(teiki, 'shared', 'partner.app', '/cross/open');
      const other = new EventBridgeClient(teiki.clientConfig({ accessKeyId: OTHER }));
      const out = await other.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: busArnOf('shared'),
              Source: 'partner.app',
              DetailType: 'Hello',
              Detail: '{"n":1}',
            },
          ],
        }),
      );
      expect(out.FailedEntryCount).toBe(0);
      const entries = await until(
        () => logged(teiki, '/cross/open'),
        (list) => list.length === 1,
      );
      expect(entries[0]).toMatchObject({ account: OTHER, detail: { n: 1 } });
    } finally {
      await teiki.close();
    }
  });

  it('enforce: allowed by PutPermission, refused once the permission is removed', async () => {
    const dataDir = tempDir();
    // Account B's user and key are made first (any caller may act for any account in open mode).
    const setup = await startTestTeiki(['--data-dir', dataDir]);
    const iam = new IAMClient(setup.clientConfig({ accessKeyId: OTHER }));
    await iam.send(new CreateUserCommand({ UserName: 'publisher' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'publisher',
        PolicyName: 'put-events',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: '*' }],
        }),
      }),
    );
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: 'publisher' }));
    await setup.close();

    const teiki = await startTestTeiki(['--data-dir', dataDir, '--auth', 'enforce']);
    try {
      await receiving(teiki, 'shared', 'partner.app', '/cross/enforce');
      const events = eventsClient(teiki);
      const other = new EventBridgeClient(
        teiki.clientConfig({
          accessKeyId: key.AccessKey!.AccessKeyId!,
          secretAccessKey: key.AccessKey!.SecretAccessKey!,
        }),
      );
      const send = (n: number) =>
        other.send(
          new PutEventsCommand({
            Entries: [
              {
                EventBusName: busArnOf('shared'),
                Source: 'partner.app',
                DetailType: 'Hello',
                Detail: JSON.stringify({ n }),
              },
            ],
          }),
        );
      const denied = `User: arn:aws:iam::${OTHER}:user/publisher is not authorized to perform: events:PutEvents on resource: ${busArnOf('shared')} because no resource-based policy allows the events:PutEvents action`;
      await expectEventsError(send(0), 'AccessDeniedException', denied);

      await events.send(
        new PutPermissionCommand({
          EventBusName: 'shared',
          Action: 'events:PutEvents',
          Principal: OTHER,
          StatementId: 'partner',
        }),
      );
      const accepted = await send(1);
      expect(accepted.FailedEntryCount).toBe(0);
      const entries = await until(
        () => logged(teiki, '/cross/enforce'),
        (list) => list.length === 1,
      );
      expect(entries[0]).toMatchObject({ account: OTHER, detail: { n: 1 } });

      await events.send(
        new RemovePermissionCommand({ EventBusName: 'shared', StatementId: 'partner' }),
      );
      await expectEventsError(send(2), 'AccessDeniedException', denied);
      expect(await logged(teiki, '/cross/enforce')).toHaveLength(1);
    } finally {
      await teiki.close();
    }
  });
});
