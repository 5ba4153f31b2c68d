import {
  CreateEventBusCommand,
  PutEventsCommand,
  TestEventPatternCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { busArnOf, eventsClient, expectEventsError, uniqueName } from './helpers.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startTestTeiki();
});
afterAll(() => teiki.close());

const events = () => eventsClient(teiki);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const good = (extra: Partial<PutEventsRequestEntry> = {}): PutEventsRequestEntry => ({
  Source: 'my.app',
  DetailType: 'Thing Happened',
  Detail: '{"n": 1}',
  ...extra,
});

describe('PutEvents', () => {
  it('accepts entries on the default bus, a custom bus by name or ARN, and a missing bus', async () => {
    const bus = uniqueName('bus');
    await events().send(new CreateEventBusCommand({ Name: bus }));
    const out = await events().send(
      new PutEventsCommand({
        Entries: [
          good(),
          good({ EventBusName: bus, Resources: ['arn:aws:s3:::bucket'] }),
          good({ EventBusName: busArnOf(bus), Time: new Date('2026-01-02T03:04:05.678Z') }),
          good({ EventBusName: 'no-such-bus' }),
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(0);
    expect(out.Entries).toHaveLength(4);
    const ids = (out.Entries ?? []).map((entry) => entry.EventId);
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(4);
  });

  it.each<[string, Partial<PutEventsRequestEntry>, string, string]>([
    [
      'no Source',
      { Source: undefined },
      'InvalidArgument',
      'Parameter Source is not valid. Reason: Source is a required argument.',
    ],
    [
      'an empty Source',
      { Source: '' },
      'InvalidArgument',
      'Parameter Source is not valid. Reason: Source is a required argument.',
    ],
    [
      'no DetailType',
      { DetailType: undefined },
      'InvalidArgument',
      'Parameter DetailType is not valid. Reason: DetailType is a required argument.',
    ],
    [
      'no Detail',
      { Detail: undefined },
      'InvalidArgument',
      'Parameter Detail is not valid. Reason: Detail is a required argument.',
    ],
    ['a Detail that is not JSON', { Detail: '{"n":' }, 'MalformedDetail', 'Detail is malformed.'],
    [
      'a Detail that is a JSON array',
      { Detail: '[1, 2]' },
      'MalformedDetail',
      'Detail is malformed.',
    ],
    [
      'a Detail that is a JSON string',
      { Detail: '"text"' },
      'MalformedDetail',
      'Detail is malformed.',
    ],
    ['a Detail that is null', { Detail: 'null' }, 'MalformedDetail', 'Detail is malformed.'],
    [
      'a Source AWS keeps for itself',
      { Source: 'aws.ecs' },
      'NotAuthorizedForSourceException',
      'Not authorized for the source.',
    ],
  ])(
    'fails an entry with %s in its place and accepts the others',
    async (_case, change, code, message) => {
      const out = await events().send(
        new PutEventsCommand({ Entries: [good(), good(change), good()] }),
      );
      expect(out.FailedEntryCount).toBe(1);
      expect(out.Entries?.[1]).toEqual({ ErrorCode: code, ErrorMessage: message });
      expect(out.Entries?.[0]?.EventId).toMatch(UUID);
      expect(out.Entries?.[2]?.EventId).toMatch(UUID);
    },
  );

  it('counts every failed entry', async () => {
    const out = await events().send(
      new PutEventsCommand({ Entries: [good({ Detail: '[]' }), good({ Source: undefined })] }),
    );
    expect(out.FailedEntryCount).toBe(2);
    expect(out.Entries?.every((entry) => entry.EventId === undefined)).toBe(true);
  });

  it('refuses more than 10 entries and more than 256 KB in all', async () => {
    const entries = Array.from({ length: 11 }, (_, i) =>
      good(i === 0 ? { EventBusName: 'orders', Resources: ['arn:a', 'arn:b'] } : {}),
    );
    // As AWS printed 11 entries (LocalStack's recording): every field of the Java entry.
    const printed = entries.map(
      (e) =>
        `PutEventsRequestEntry(time=null, source=my.app, resources=${e.Resources ? '[arn:a, arn:b]' : 'null'}, detailType=Thing Happened, detail={"n": 1}, eventBusName=${e.EventBusName ?? 'null'}, traceHeader=null, kmsKeyIdentifier=null, internalMetadata=null)`,
    );
    await expectEventsError(
      events().send(new PutEventsCommand({ Entries: entries })),
      'ValidationException',
      `1 validation error detected: Value '[${printed.join(', ')}]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10`,
    );
    const half = `{"pad": "${'x'.repeat(130 * 1024)}"}`;
    await expectEventsError(
      events().send(
        new PutEventsCommand({ Entries: [good({ Detail: half }), good({ Detail: half })] }),
      ),
      'ValidationException',
      'Total size of the entries in the request is over the limit.',
    );
    const out = await events().send(new PutEventsCommand({ Entries: [good({ Detail: half })] }));
    expect(out.FailedEntryCount).toBe(0);
  });
});

const ENVELOPE = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'ECS Task State Change',
  source: 'aws.ecs',
  account: '000000000000',
  time: '2026-03-01T02:20:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:ecs:us-east-1:000000000000:task/task-scheduler/abc'],
  detail: { lastStatus: 'STOPPED', stopCode: 'EssentialContainerExited' },
};

describe('TestEventPattern', () => {
  it.each([
    [{ source: ['aws.ecs'] }, true],
    [{ source: ['aws.ec2'] }, false],
    [{ 'detail-type': ['ECS Task State Change'], detail: { lastStatus: ['STOPPED'] } }, true],
    [{ detail: { lastStatus: ['RUNNING'] } }, false],
  ])('matches %j: %s', async (pattern, expected) => {
    const out = await events().send(
      new TestEventPatternCommand({
        EventPattern: JSON.stringify(pattern),
        Event: JSON.stringify(ENVELOPE),
      }),
    );
    expect(out.Result).toBe(expected);
  });

  it('accepts an event without resources, as AWS does', async () => {
    const { resources: _resources, ...event } = ENVELOPE;
    const out = await events().send(
      new TestEventPatternCommand({
        EventPattern: '{"source":["aws.ecs"]}',
        Event: JSON.stringify(event),
      }),
    );
    expect(out.Result).toBe(true);
  });

  it.each(['id', 'account', 'source', 'time', 'region', 'detail-type'])(
    'refuses an event without %s',
    async (member) => {
      const event: Record<string, unknown> = { ...ENVELOPE };
      delete event[member];
      await expectEventsError(
        events().send(
          new TestEventPatternCommand({
            EventPattern: '{"source":["aws.ecs"]}',
            Event: JSON.stringify(event),
          }),
        ),
        'ValidationException',
        'Parameter Event is not valid.',
      );
    },
  );

  it.each(['not json', '[]', '"event"', 'null'])('refuses the event %s', async (Event) => {
    await expectEventsError(
      events().send(new TestEventPatternCommand({ EventPattern: '{"source":["aws.ecs"]}', Event })),
      'ValidationException',
      'Parameter Event is not valid.',
    );
  });

  it('refuses a pattern that is not valid', async () => {
    await expectEventsError(
      events().send(
        new TestEventPatternCommand({
          EventPattern: '{"source": "aws.ecs"}',
          Event: JSON.stringify(ENVELOPE),
        }),
      ),
      'InvalidEventPatternException',
      /^Event pattern is not valid\. Reason: .+/,
    );
  });
});
