import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  ListEventBusesCommand,
  PutRuleCommand,
  PutTargetsCommand,
  type EventBus,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VirtualClock } from '../../../src/engine/clock/types.js';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import {
  PATTERN,
  busArnOf,
  eventsClient,
  expectEventsError,
  queueTarget,
  uniqueName,
} from './helpers.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startTestTeiki(['--in-memory', '--clock', 'virtual']);
});
afterAll(() => teiki.close());

const events = () => eventsClient(teiki);

describe('the default bus', () => {
  it('exists in every account and region without being created', async () => {
    for (const overrides of [{}, { region: 'eu-west-1' }, { accessKeyId: '123456789012' }]) {
      const client = eventsClient(teiki, overrides);
      const region = overrides.region ?? 'us-east-1';
      const account = overrides.accessKeyId ?? '000000000000';
      const arn = `arn:aws:events:${region}:${account}:event-bus/default`;
      for (const Name of [undefined, 'default', arn]) {
        const out = await client.send(new DescribeEventBusCommand({ Name }));
        expect({ Name: out.Name, Arn: out.Arn }).toEqual({ Name: 'default', Arn: arn });
      }
    }
  });

  it('has a creation time, the moment its account and region first had it, which stays', async () => {
    const client = eventsClient(teiki, { accessKeyId: '123456789099' });
    const first = await client.send(new DescribeEventBusCommand({}));
    const firstSeen = teiki.clock.now();
    expect(first.CreationTime).toEqual(firstSeen);
    expect(first.LastModifiedTime).toEqual(firstSeen);
    await (teiki.clock as VirtualClock).advance(3_600_000);
    const later = await client.send(new DescribeEventBusCommand({ Name: 'default' }));
    const listed = await client.send(new ListEventBusesCommand({}));
    expect(later.CreationTime).toEqual(firstSeen);
    expect(later.LastModifiedTime).toEqual(firstSeen);
    expect(listed.EventBuses).toEqual([
      {
        Name: 'default',
        Arn: 'arn:aws:events:us-east-1:123456789099:event-bus/default',
        CreationTime: firstSeen,
        LastModifiedTime: firstSeen,
      },
    ]);
  });

  it('cannot be created or deleted', async () => {
    await expectEventsError(
      events().send(new CreateEventBusCommand({ Name: 'default' })),
      'ResourceAlreadyExistsException',
      'Event bus default already exists.',
    );
    await expectEventsError(
      events().send(new DeleteEventBusCommand({ Name: 'default' })),
      'ValidationException',
      'Cannot delete event bus default.',
    );
  });
});

describe('CreateEventBus and DescribeEventBus', () => {
  it('creates a bus with its description, key, dead-letter queue and log settings', async () => {
    const name = uniqueName('orders');
    const created = await events().send(
      new CreateEventBusCommand({
        Name: name,
        Description: 'orders bus',
        KmsKeyIdentifier: 'alias/orders',
        DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:000000000000:dlq' },
        LogConfig: { Level: 'ERROR', IncludeDetail: 'FULL' },
        Tags: [{ Key: 'team', Value: 'orders' }],
      }),
    );
    expect({ ...created, $metadata: undefined }).toEqual({
      $metadata: undefined,
      EventBusArn: busArnOf(name),
      Description: 'orders bus',
      KmsKeyIdentifier: 'alias/orders',
      DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:000000000000:dlq' },
      LogConfig: { Level: 'ERROR', IncludeDetail: 'FULL' },
    });
    const described = await events().send(new DescribeEventBusCommand({ Name: busArnOf(name) }));
    const now = teiki.clock.now();
    expect({ ...described, $metadata: undefined }).toEqual({
      $metadata: undefined,
      Name: name,
      Arn: busArnOf(name),
      Description: 'orders bus',
      KmsKeyIdentifier: 'alias/orders',
      DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:000000000000:dlq' },
      LogConfig: { Level: 'ERROR', IncludeDetail: 'FULL' },
      CreationTime: now,
      LastModifiedTime: now,
    });
  });

  it('refuses a name taken, a name with a slash, and a partner event source', async () => {
    const name = uniqueName('twice');
    await events().send(new CreateEventBusCommand({ Name: name }));
    await expectEventsError(
      events().send(new CreateEventBusCommand({ Name: name })),
      'ResourceAlreadyExistsException',
      `Event bus ${name} already exists.`,
    );
    await expectEventsError(
      events().send(new CreateEventBusCommand({ Name: 'a/b' })),
      'ValidationException',
      "Event bus name must not contain '/'.",
    );
    await expectEventsError(
      events().send(
        new CreateEventBusCommand({
          Name: 'aws.partner/acme.com/1/x',
          EventSourceName: 'aws.partner/acme.com/1/x',
        }),
      ),
      'ResourceNotFoundException',
      'Event source aws.partner/acme.com/1/x does not exist.',
    );
  });

  it('refuses to describe a bus that does not exist', async () => {
    await expectEventsError(
      events().send(new DescribeEventBusCommand({ Name: 'no-such-bus' })),
      'ResourceNotFoundException',
      'Event bus no-such-bus does not exist.',
    );
  });

  it('holds at most 100 custom buses in a region', async () => {
    const client = eventsClient(teiki, { region: 'ap-south-1' });
    for (let i = 0; i < 100; i++) {
      await client.send(new CreateEventBusCommand({ Name: `bus-${i}` }));
    }
    await expectEventsError(
      client.send(new CreateEventBusCommand({ Name: 'bus-100' })),
      'LimitExceededException',
      'The requested resource exceeds the maximum number allowed.',
    );
  });
});

describe('ListEventBuses', () => {
  const region = 'sa-east-1';
  const client = () => eventsClient(teiki, { region });

  async function all(input: { NamePrefix?: string; Limit?: number }): Promise<EventBus[]> {
    const buses: EventBus[] = [];
    let NextToken: string | undefined;
    do {
      const out = await client().send(new ListEventBusesCommand({ ...input, NextToken }));
      buses.push(...(out.EventBuses ?? []));
      NextToken = out.NextToken;
    } while (NextToken);
    return buses;
  }

  beforeAll(async () => {
    for (const Name of ['zeta', 'alpha', 'event-1', 'event-2']) {
      await client().send(new CreateEventBusCommand({ Name, Description: `the ${Name} bus` }));
    }
  });

  it('lists the default bus among the custom ones, by name', async () => {
    const buses = await all({});
    expect(buses.map((bus) => bus.Name)).toEqual([
      'alpha',
      'default',
      'event-1',
      'event-2',
      'zeta',
    ]);
    expect(buses[1]).toEqual({
      Name: 'default',
      Arn: `arn:aws:events:${region}:000000000000:event-bus/default`,
      CreationTime: expect.any(Date),
      LastModifiedTime: expect.any(Date),
    });
    expect(buses[0]).toEqual({
      Name: 'alpha',
      Arn: `arn:aws:events:${region}:000000000000:event-bus/alpha`,
      Description: 'the alpha bus',
      CreationTime: teiki.clock.now(),
      LastModifiedTime: teiki.clock.now(),
    });
  });

  it.each([1, 2, 4])('pages with Limit %i', async (Limit) => {
    expect((await all({ Limit })).map((bus) => bus.Name)).toEqual([
      'alpha',
      'default',
      'event-1',
      'event-2',
      'zeta',
    ]);
  });

  it('filters by name prefix', async () => {
    expect((await all({ NamePrefix: 'event', Limit: 1 })).map((bus) => bus.Name)).toEqual([
      'event-1',
      'event-2',
    ]);
    expect((await all({ NamePrefix: 'def' })).map((bus) => bus.Name)).toEqual(['default']);
  });

  it('refuses a token it did not issue', async () => {
    await expectEventsError(
      client().send(new ListEventBusesCommand({ NextToken: 'garbage' })),
      'ValidationException',
      'Invalid NextToken',
    );
  });
});

describe('DeleteEventBus', () => {
  it('deletes the bus and its rules, targets and all; a missing bus is no error', async () => {
    const bus = uniqueName('doomed');
    await events().send(new CreateEventBusCommand({ Name: bus }));
    await events().send(
      new PutRuleCommand({ Name: 'r', EventBusName: bus, EventPattern: PATTERN }),
    );
    await events().send(
      new PutTargetsCommand({ Rule: 'r', EventBusName: bus, Targets: [queueTarget('a')] }),
    );
    await events().send(new DeleteEventBusCommand({ Name: bus }));
    await expectEventsError(
      events().send(new DescribeEventBusCommand({ Name: bus })),
      'ResourceNotFoundException',
      `Event bus ${bus} does not exist.`,
    );
    // A bus created again under the same name starts without the old rules.
    await events().send(new CreateEventBusCommand({ Name: bus }));
    await expectEventsError(
      events().send(new DescribeRuleCommand({ Name: 'r', EventBusName: bus })),
      'ResourceNotFoundException',
      `Rule r does not exist on EventBus ${bus}.`,
    );
    await events().send(new DeleteEventBusCommand({ Name: bus }));
    await events().send(new DeleteEventBusCommand({ Name: bus }));
  });
});
