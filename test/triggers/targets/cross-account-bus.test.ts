/**
 * A rule whose target is another account's event bus: the target's role must be allowed
 * events:PutEvents, and the receiving bus's own policy must allow it too (PutPermission),
 * as AWS decides a cross-account PutEvents. Refused, the invocation fails and the other
 * account receives nothing; allowed, the event goes on to that bus's rules.
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutPermissionCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../helpers/http-server.js';
import { createServiceRole } from '../../helpers/roles.js';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { invocationsOf } from './invocations.js';

const SENDER = '000000000000';
const RECEIVER = '111122223333';
const REGION = 'us-east-1';
const INBOX = `arn:aws:events:${REGION}:${RECEIVER}:event-bus/inbox`;
const GROUP = '/cross/inbox';

let teiki: TestTeiki;
let sender: EventBridgeClient;
let receiver: EventBridgeClient;

beforeAll(async () => {
  teiki = await startTestTeiki();
  sender = new EventBridgeClient(teiki.clientConfig());
  receiver = new EventBridgeClient(teiki.clientConfig({ accessKeyId: RECEIVER }));
  // The receiving account: a bus whose rule writes what arrives to a log group.
  await new CloudWatchLogsClient(teiki.clientConfig({ accessKeyId: RECEIVER })).send(
    new CreateLogGroupCommand({ logGroupName: GROUP }),
  );
  await receiver.send(new CreateEventBusCommand({ Name: 'inbox' }));
  await receiver.send(
    new PutRuleCommand({
      Name: 'arrivals',
      EventBusName: 'inbox',
      EventPattern: JSON.stringify({ source: ['app.sender'] }),
    }),
  );
  await receiver.send(
    new PutTargetsCommand({
      Rule: 'arrivals',
      EventBusName: 'inbox',
      Targets: [{ Id: 'logs', Arn: `arn:aws:logs:${REGION}:${RECEIVER}:log-group:${GROUP}` }],
    }),
  );
  // The sending account: its default bus forwards to the inbox as a role allowed to.
  const roleArn = await createServiceRole(
    new IAMClient(teiki.clientConfig()),
    'forwarder',
    ['events.amazonaws.com'],
    [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: INBOX }],
  );
  await sender.send(
    new PutRuleCommand({
      Name: 'forward',
      EventPattern: JSON.stringify({ source: ['app.sender'] }),
    }),
  );
  await sender.send(
    new PutTargetsCommand({
      Rule: 'forward',
      Targets: [{ Id: 'inbox', Arn: INBOX, RoleArn: roleArn }],
    }),
  );
});
afterAll(() => teiki.close());

async function send(n: number): Promise<void> {
  const out = await sender.send(
    new PutEventsCommand({
      Entries: [{ Source: 'app.sender', DetailType: 'Note', Detail: JSON.stringify({ n }) }],
    }),
  );
  expect(out.FailedEntryCount).toBe(0);
}

async function received(): Promise<unknown[]> {
  const out = await new CloudWatchLogsClient(teiki.clientConfig({ accessKeyId: RECEIVER })).send(
    new FilterLogEventsCommand({ logGroupName: GROUP }),
  );
  return (out.events ?? []).map(
    (e) => (JSON.parse(e.message ?? '{}') as { detail: unknown }).detail,
  );
}

describe("another account's event bus as a target", () => {
  it('is refused while the bus has no policy allowing the sender', async () => {
    await send(1);
    const failed = await until(
      () => invocationsOf(teiki, 'forward'),
      (list) => list.some((invocation) => invocation.outcome === 'failed'),
    );
    const error = failed.find((invocation) => invocation.outcome === 'failed')?.error;
    expect(error?.code).toBe('AccessDeniedException');
    expect(error?.message).toBe(
      `User: arn:aws:sts::${SENDER}:assumed-role/forwarder/events is not authorized to perform: events:PutEvents on resource: ${INBOX} because no resource-based policy allows the events:PutEvents action`,
    );
  });

  it('delivers once the bus allows the sending account (PutPermission)', async () => {
    await receiver.send(
      new PutPermissionCommand({
        EventBusName: 'inbox',
        StatementId: 'sender',
        Action: 'events:PutEvents',
        Principal: SENDER,
      }),
    );
    await send(2);
    const details = await until(received, (list) => list.length > 0);
    // The event refused before never arrived: only the one sent after the permission.
    expect(details).toEqual([{ n: 2 }]);
  });
});
