/** Archives through the SDK: every operation and error, the managed rule, counts and retention. */
import {
  CreateArchiveCommand,
  CreateEventBusCommand,
  DeleteArchiveCommand,
  DeleteRuleCommand,
  DescribeArchiveCommand,
  DescribeRuleCommand,
  ListArchivesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutTargetsCommand,
  UpdateArchiveCommand,
  type EventBridgeClient,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceClock } from '../../triggers/targets/invocations.js';
import { startTestTeiki, virtualClockArgs, type TestTeiki } from '../../helpers/teiki.js';
import {
  ACCOUNT,
  REGION,
  busArnOf,
  eventsClient,
  expectEventsError,
  queueTarget,
  ruleArnOf,
  uniqueName,
} from './helpers.js';

let teiki: TestTeiki;
let events: EventBridgeClient;

beforeAll(async () => {
  teiki = await startTestTeiki(virtualClockArgs('2026-06-01T00:00:00Z'));
  events = eventsClient(teiki);
});
afterAll(() => teiki.close());

const PATTERN = JSON.stringify({ source: ['core.update-account-command'] });
const ARCHIVE_MANAGER = 'prod.vhs.events.aws.internal';

async function bus(): Promise<string> {
  const name = uniqueName('bus');
  await events.send(new CreateEventBusCommand({ Name: name }));
  return name;
}

async function put(busName: string, source: string, count: number) {
  const out = await events.send(
    new PutEventsCommand({
      Entries: Array.from({ length: count }, (_, i) => ({
        EventBusName: busName,
        Source: source,
        DetailType: 'core.update-account-command',
        Detail: JSON.stringify({ command: 'update-account', n: i }),
      })),
    }),
  );
  expect(out.FailedEntryCount).toBe(0);
}

describe('CreateArchive and the rule EventBridge manages for it', () => {
  it('creates an ENABLED archive and its Events-Archive-NAME rule on the bus', async () => {
    const busName = await bus();
    const name = uniqueName('archive');
    const created = await events.send(
      new CreateArchiveCommand({
        ArchiveName: name,
        EventSourceArn: busArnOf(busName),
        Description: 'description of the archive',
        EventPattern: PATTERN,
        RetentionDays: 1,
      }),
    );
    expect(created.ArchiveArn).toBe(`arn:aws:events:${REGION}:${ACCOUNT}:archive/${name}`);
    expect(created.State).toBe('ENABLED');
    expect(created.CreationTime).toBeInstanceOf(Date);

    const described = await events.send(new DescribeArchiveCommand({ ArchiveName: name }));
    expect(described).toMatchObject({
      ArchiveArn: created.ArchiveArn,
      ArchiveName: name,
      Description: 'description of the archive',
      EventPattern: PATTERN,
      EventSourceArn: busArnOf(busName),
      RetentionDays: 1,
      EventCount: 0,
      SizeBytes: 0,
      State: 'ENABLED',
    });

    const ruleName = `Events-Archive-${name}`;
    const rule = await events.send(
      new DescribeRuleCommand({ Name: ruleName, EventBusName: busName }),
    );
    expect(rule).toMatchObject({
      Name: ruleName,
      Arn: ruleArnOf(ruleName, busName),
      EventBusName: busName,
      ManagedBy: ARCHIVE_MANAGER,
      CreatedBy: ACCOUNT,
      State: 'ENABLED',
    });
    expect(JSON.parse(rule.EventPattern!)).toEqual({
      source: ['core.update-account-command'],
      'replay-name': [{ exists: false }],
    });
    const listed = await events.send(new ListRulesCommand({ EventBusName: busName }));
    expect(listed.Rules?.map((r) => r.Name)).toEqual([ruleName]);
    const targets = await events.send(
      new ListTargetsByRuleCommand({ Rule: ruleName, EventBusName: busName }),
    );
    expect(targets.Targets).toEqual([
      {
        Id: ruleName,
        Arn: `arn:aws:events:${REGION}:::`,
        InputTransformer: {
          InputPathsMap: {},
          InputTemplate: expect.stringMatching(
            new RegExp(
              `^\\{"archive-arn": "${created.ArchiveArn}:[0-9a-f-]{36}", "event": <aws.events.event.json>, "ingestion-time": <aws.events.event.ingestion-time>\\}$`,
            ),
          ) as string,
        },
      },
    ]);
  });

  it('keeps the events that match, counts them, and leaves the rest', async () => {
    const busName = await bus();
    const name = uniqueName('archive');
    await events.send(
      new CreateArchiveCommand({
        ArchiveName: name,
        EventSourceArn: busArnOf(busName),
        EventPattern: PATTERN,
      }),
    );
    await put(busName, 'core.update-account-command', 10);
    await put(busName, 'someone.else', 3);
    const described = await events.send(new DescribeArchiveCommand({ ArchiveName: name }));
    expect(described.EventCount).toBe(10);
    expect(described.RetentionDays).toBe(0);
    // Each entry: source (27) + detail type (27) + detail JSON (34) + 14 for the time.
    expect(described.SizeBytes).toBe(10 * (27 + 27 + 34 + 14));
  });

  it('archives every event of the default bus when there is no pattern', async () => {
    const name = uniqueName('everything');
    await events.send(
      new CreateArchiveCommand({ ArchiveName: name, EventSourceArn: busArnOf('default') }),
    );
    await put('default', `src.${name}`, 2);
    const described = await events.send(new DescribeArchiveCommand({ ArchiveName: name }));
    expect(described.EventCount).toBeGreaterThanOrEqual(2);
    expect(described.EventPattern).toBeUndefined();
    await events.send(new DeleteArchiveCommand({ ArchiveName: name }));
  });

  it("refuses a duplicate, an unknown bus, another scope's bus and a bad pattern", async () => {
    const busName = await bus();
    const name = uniqueName('archive');
    await events.send(
      new CreateArchiveCommand({ ArchiveName: name, EventSourceArn: busArnOf(busName) }),
    );
    await expectEventsError(
      events.send(
        new CreateArchiveCommand({ ArchiveName: name, EventSourceArn: busArnOf(busName) }),
      ),
      'ResourceAlreadyExistsException',
      `Archive ${name} already exists.`,
    );
    await expectEventsError(
      events.send(
        new CreateArchiveCommand({
          ArchiveName: uniqueName('a'),
          EventSourceArn: busArnOf('ghost'),
        }),
      ),
      'ResourceNotFoundException',
      'Event bus ghost does not exist.',
    );
    await expectEventsError(
      events.send(
        new CreateArchiveCommand({
          ArchiveName: uniqueName('a'),
          EventSourceArn: `arn:aws:events:${REGION}:111111111111:event-bus/default`,
        }),
      ),
      'ValidationException',
      'Parameter EventSourceArn is not valid. Reason: Must contain an event bus ARN in this account, partition and Region.',
    );
    await expectEventsError(
      events.send(
        new CreateArchiveCommand({
          ArchiveName: uniqueName('a'),
          EventSourceArn: busArnOf(busName),
          EventPattern: '{"source": "not-a-list"}',
        }),
      ),
      'InvalidEventPatternException',
      /^Event pattern is not valid\. Reason: /,
    );
  });
});

describe('DescribeArchive, ListArchives, UpdateArchive, DeleteArchive', () => {
  it('answers missing archives as AWS does (UpdateArchive with a 500)', async () => {
    await expectEventsError(
      events.send(new DescribeArchiveCommand({ ArchiveName: 'ghost' })),
      'ResourceNotFoundException',
      'Archive ghost does not exist.',
    );
    await expectEventsError(
      events.send(new DeleteArchiveCommand({ ArchiveName: 'ghost' })),
      'ResourceNotFoundException',
      'Archive ghost does not exist.',
    );
    await expectEventsError(
      events.send(new UpdateArchiveCommand({ ArchiveName: 'ghost', Description: 'x' })),
      'InternalException',
      'Service encountered unexpected problem. Please try again.',
      500,
    );
  });

  it('lists by prefix, by source and by state, one filter at a time, and pages', async () => {
    const busName = await bus();
    const prefix = uniqueName('list');
    for (const suffix of ['a', 'b', 'c']) {
      await events.send(
        new CreateArchiveCommand({
          ArchiveName: `${prefix}-${suffix}`,
          EventSourceArn: busArnOf(busName),
          RetentionDays: 1,
        }),
      );
    }
    const first = await events.send(new ListArchivesCommand({ NamePrefix: prefix, Limit: 2 }));
    expect(first.Archives?.map((a) => a.ArchiveName)).toEqual([`${prefix}-a`, `${prefix}-b`]);
    expect(first.Archives?.[0]).toEqual({
      ArchiveName: `${prefix}-a`,
      EventSourceArn: busArnOf(busName),
      State: 'ENABLED',
      RetentionDays: 1,
      SizeBytes: 0,
      EventCount: 0,
      CreationTime: expect.any(Date) as Date,
    });
    const rest = await events.send(
      new ListArchivesCommand({ NamePrefix: prefix, NextToken: first.NextToken }),
    );
    expect(rest.Archives?.map((a) => a.ArchiveName)).toEqual([`${prefix}-c`]);
    const bySource = await events.send(
      new ListArchivesCommand({ EventSourceArn: busArnOf(busName) }),
    );
    expect(bySource.Archives).toHaveLength(3);
    const byState = await events.send(new ListArchivesCommand({ State: 'DISABLED' }));
    expect(byState.Archives?.some((a) => a.ArchiveName?.startsWith(prefix))).toBe(false);
    await expectEventsError(
      events.send(new ListArchivesCommand({ NamePrefix: prefix, State: 'ENABLED' })),
      'ValidationException',
      'At most one filter is allowed for ListArchives. Use either : State, EventSourceArn, or NamePrefix.',
    );
    await expectEventsError(
      events.send(new ListArchivesCommand({ EventSourceArn: busArnOf('ghost') })),
      'ResourceNotFoundException',
      'Event bus ghost does not exist.',
    );
  });

  it('updates description, retention and pattern (the managed rule follows) and deletes with its rule', async () => {
    const busName = await bus();
    const name = uniqueName('upd');
    await events.send(
      new CreateArchiveCommand({ ArchiveName: name, EventSourceArn: busArnOf(busName) }),
    );
    const updated = await events.send(
      new UpdateArchiveCommand({
        ArchiveName: name,
        Description: 'new',
        RetentionDays: 7,
        EventPattern: PATTERN,
      }),
    );
    expect(updated.State).toBe('ENABLED');
    const described = await events.send(new DescribeArchiveCommand({ ArchiveName: name }));
    expect(described).toMatchObject({
      Description: 'new',
      RetentionDays: 7,
      EventPattern: PATTERN,
    });
    const rule = await events.send(
      new DescribeRuleCommand({ Name: `Events-Archive-${name}`, EventBusName: busName }),
    );
    expect(JSON.parse(rule.EventPattern!)).toMatchObject({
      source: ['core.update-account-command'],
    });

    await events.send(new DeleteArchiveCommand({ ArchiveName: name }));
    await expectEventsError(
      events.send(
        new DescribeRuleCommand({ Name: `Events-Archive-${name}`, EventBusName: busName }),
      ),
      'ResourceNotFoundException',
      `Rule Events-Archive-${name} does not exist on EventBus ${busName}.`,
    );
  });

  it('drops events past the retention as the teiki clock moves', async () => {
    const busName = await bus();
    const name = uniqueName('ret');
    await events.send(
      new CreateArchiveCommand({
        ArchiveName: name,
        EventSourceArn: busArnOf(busName),
        RetentionDays: 1,
      }),
    );
    await put(busName, 'x.y', 4);
    expect((await events.send(new DescribeArchiveCommand({ ArchiveName: name }))).EventCount).toBe(
      4,
    );
    await advanceClock(teiki, 86_400 + 120);
    const after = await events.send(new DescribeArchiveCommand({ ArchiveName: name }));
    expect(after).toMatchObject({ EventCount: 0, SizeBytes: 0 });
  });
});

describe('the managed rule', () => {
  it('refuses changes, and DeleteRule with Force leaves the archive DISABLED', async () => {
    const busName = await bus();
    const name = uniqueName('managed');
    await events.send(
      new CreateArchiveCommand({ ArchiveName: name, EventSourceArn: busArnOf(busName) }),
    );
    const ruleName = `Events-Archive-${name}`;
    await expectEventsError(
      events.send(
        new PutTargetsCommand({
          Rule: ruleName,
          EventBusName: busName,
          Targets: [queueTarget('q')],
        }),
      ),
      'ManagedRuleException',
      `Rule ${ruleName} is managed by ${ARCHIVE_MANAGER} and cannot be modified.`,
    );
    await expectEventsError(
      events.send(new DeleteRuleCommand({ Name: ruleName, EventBusName: busName })),
      'ManagedRuleException',
      `Rule ${ruleName} is managed by ${ARCHIVE_MANAGER} and cannot be modified unless Force is true.`,
    );
    await events.send(
      new DeleteRuleCommand({ Name: ruleName, EventBusName: busName, Force: true }),
    );
    const described = await events.send(new DescribeArchiveCommand({ ArchiveName: name }));
    expect(described).toMatchObject({
      State: 'DISABLED',
      StateReason: 'Managed rule for the archive was forcefully deleted.',
    });
  });
});
