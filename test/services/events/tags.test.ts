import {
  CreateEventBusCommand,
  ListTagsForResourceCommand,
  PutRuleCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type Tag,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import {
  PATTERN,
  busArnOf,
  eventsClient,
  expectEventsError,
  ruleArnOf,
  uniqueName,
} from './helpers.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startTestTeiki();
});
afterAll(() => teiki.close());

const events = () => eventsClient(teiki);
const tagsOf = async (ResourceARN: string) =>
  (await events().send(new ListTagsForResourceCommand({ ResourceARN }))).Tags;

/** Each kind of taggable resource: a rule on the default bus, on a custom bus, a custom bus. */
const resources: Array<[string, () => Promise<string>]> = [
  [
    'a rule on the default bus',
    async () => {
      const name = uniqueName('rule');
      await events().send(new PutRuleCommand({ Name: name, EventPattern: PATTERN }));
      return ruleArnOf(name);
    },
  ],
  [
    'a rule on a custom bus',
    async () => {
      const bus = uniqueName('bus');
      await events().send(new CreateEventBusCommand({ Name: bus }));
      await events().send(
        new PutRuleCommand({ Name: 'r', EventBusName: bus, EventPattern: PATTERN }),
      );
      return ruleArnOf('r', bus);
    },
  ],
  [
    'a custom bus',
    async () => {
      const bus = uniqueName('bus');
      await events().send(new CreateEventBusCommand({ Name: bus }));
      return busArnOf(bus);
    },
  ],
];

describe.each(resources)('tags of %s', (_kind, create) => {
  it('adds, replaces in place and removes tags', async () => {
    const arn = await create();
    expect(await tagsOf(arn)).toEqual([]);
    await events().send(
      new TagResourceCommand({
        ResourceARN: arn,
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'b', Value: '2' },
        ],
      }),
    );
    await events().send(
      new TagResourceCommand({
        ResourceARN: arn,
        Tags: [
          { Key: 'a', Value: 'one' },
          { Key: 'c', Value: '' },
        ],
      }),
    );
    expect(await tagsOf(arn)).toEqual([
      { Key: 'a', Value: 'one' },
      { Key: 'b', Value: '2' },
      { Key: 'c', Value: '' },
    ]);
    await events().send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: ['b', 'nope'] }));
    expect(await tagsOf(arn)).toEqual([
      { Key: 'a', Value: 'one' },
      { Key: 'c', Value: '' },
    ]);
  });

  it('holds at most 50 tags and refuses repeated keys', async () => {
    const arn = await create();
    const fifty: Tag[] = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await events().send(new TagResourceCommand({ ResourceARN: arn, Tags: fifty }));
    await expectEventsError(
      events().send(
        new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: 'k50', Value: 'v' }] }),
      ),
      'LimitExceededException',
      'The requested resource exceeds the maximum number allowed.',
    );
    await expectEventsError(
      events().send(
        new TagResourceCommand({
          ResourceARN: arn,
          Tags: [
            { Key: 'k0', Value: 'x' },
            { Key: 'k0', Value: 'y' },
          ],
        }),
      ),
      'ValidationException',
      'Invalid parameter: Duplicated keys are not allowed.',
    );
    expect(await tagsOf(arn)).toHaveLength(50);
  });
});

describe('tags of the default bus', () => {
  it('are kept though the bus was never created', async () => {
    const arn = busArnOf('default');
    await events().send(
      new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: 'd', Value: '1' }] }),
    );
    expect(await tagsOf(arn)).toEqual([{ Key: 'd', Value: '1' }]);
  });
});

describe('tag refusals', () => {
  it.each([
    [
      'a rule that does not exist',
      ruleArnOf('ghost'),
      'ResourceNotFoundException',
      'Rule ghost does not exist on EventBus default.',
    ],
    [
      'a rule of a bus that does not exist',
      ruleArnOf('ghost', 'no-bus'),
      'ResourceNotFoundException',
      'Event bus no-bus does not exist.',
    ],
    [
      'a bus that does not exist',
      busArnOf('no-bus'),
      'ResourceNotFoundException',
      'Event bus no-bus does not exist.',
    ],
    [
      'a rule of another account',
      'arn:aws:events:us-east-1:123456789012:rule/x',
      'ResourceNotFoundException',
      'Rule x does not exist on EventBus default.',
    ],
    [
      'a bus of another region',
      'arn:aws:events:eu-west-1:000000000000:event-bus/default',
      'ResourceNotFoundException',
      'Event bus default does not exist.',
    ],
    [
      'an ARN of another service',
      'arn:aws:sqs:us-east-1:000000000000:q',
      'ValidationException',
      'Parameter arn:aws:sqs:us-east-1:000000000000:q is not valid. Reason: Provided Arn is not in correct format.',
    ],
    [
      'no ARN at all',
      'rule/x',
      'ValidationException',
      'Parameter rule/x is not valid. Reason: Provided Arn is not in correct format.',
    ],
  ])('refuses %s everywhere', async (_case, arn, name, message) => {
    await expectEventsError(
      events().send(new ListTagsForResourceCommand({ ResourceARN: arn })),
      name,
      message,
    );
    await expectEventsError(
      events().send(new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: 'a', Value: 'b' }] })),
      name,
      message,
    );
    await expectEventsError(
      events().send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: ['a'] })),
      name,
      message,
    );
  });
});
