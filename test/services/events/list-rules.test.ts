import {
  CreateEventBusCommand,
  ListRuleNamesByTargetCommand,
  ListRulesCommand,
  PutRuleCommand,
  PutTargetsCommand,
  type EventBridgeClient,
  type Rule,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, tempDir, type TestTeiki } from '../../helpers/teiki.js';
import {
  PATTERN,
  busArnOf,
  eventsClient,
  expectEventsError,
  queueTarget,
  ruleArnOf,
  uniqueName,
} from './helpers.js';

let teiki: TestTeiki;
let bus: string;
beforeAll(async () => {
  // On SQLite, so the listings' prefix and paging run through the store teiki uses by default.
  teiki = await startTestTeiki(['--data-dir', tempDir()]);
  bus = uniqueName('listing');
  await events().send(new CreateEventBusCommand({ Name: bus }));
  // Created out of order: listings come back by name.
  for (const name of ['b-2', 'a-1', 'b-1', 'c-1', 'a-2']) {
    await events().send(
      new PutRuleCommand({ Name: name, EventBusName: bus, EventPattern: PATTERN }),
    );
  }
});
afterAll(() => teiki.close());

const events = () => eventsClient(teiki);

/** Every page of ListRules, following NextToken as SDK users do. */
async function allRules(
  client: EventBridgeClient,
  input: { EventBusName?: string; NamePrefix?: string; Limit?: number },
): Promise<{ names: string[]; pages: number }> {
  const names: string[] = [];
  let NextToken: string | undefined;
  let pages = 0;
  do {
    const out = await client.send(new ListRulesCommand({ ...input, NextToken }));
    names.push(...(out.Rules ?? []).map((rule: Rule) => rule.Name ?? ''));
    NextToken = out.NextToken;
    pages += 1;
  } while (NextToken);
  return { names, pages };
}

describe('ListRules', () => {
  it('lists the rules of one bus by name, with every member of each', async () => {
    const out = await events().send(new ListRulesCommand({ EventBusName: bus }));
    expect(out.Rules?.map((rule) => rule.Name)).toEqual(['a-1', 'a-2', 'b-1', 'b-2', 'c-1']);
    expect(out.Rules?.[0]).toEqual({
      Name: 'a-1',
      Arn: ruleArnOf('a-1', bus),
      EventPattern: PATTERN,
      State: 'ENABLED',
      EventBusName: bus,
    });
    expect(out.NextToken).toBeUndefined();
  });

  it('filters by name prefix and takes the bus by ARN', async () => {
    const out = await events().send(
      new ListRulesCommand({ EventBusName: busArnOf(bus), NamePrefix: 'b-' }),
    );
    expect(out.Rules?.map((rule) => rule.Name)).toEqual(['b-1', 'b-2']);
  });

  it.each([1, 2, 3, 5, 100])('pages with Limit %i and loses nothing', async (Limit) => {
    const { names, pages } = await allRules(events(), { EventBusName: bus, Limit });
    expect(names).toEqual(['a-1', 'a-2', 'b-1', 'b-2', 'c-1']);
    expect(pages).toBe(Math.ceil(5 / Limit));
  });

  it('pages within a prefix', async () => {
    const { names, pages } = await allRules(events(), {
      EventBusName: bus,
      NamePrefix: 'a',
      Limit: 1,
    });
    expect(names).toEqual(['a-1', 'a-2']);
    expect(pages).toBe(2);
  });

  it('never lists another bus', async () => {
    const other = uniqueName('other');
    await events().send(new CreateEventBusCommand({ Name: other }));
    expect((await events().send(new ListRulesCommand({ EventBusName: other }))).Rules).toEqual([]);
  });

  it('refuses a token it did not issue, or one from another bus', async () => {
    await expectEventsError(
      events().send(new ListRulesCommand({ EventBusName: bus, NextToken: 'garbage' })),
      'ValidationException',
      'Invalid NextToken',
    );
    const page = await events().send(new ListRulesCommand({ EventBusName: bus, Limit: 1 }));
    await expectEventsError(
      events().send(new ListRulesCommand({ NextToken: page.NextToken })),
      'ValidationException',
      'Invalid NextToken',
    );
  });

  it('refuses a bus that does not exist, and a Limit outside 1-100', async () => {
    await expectEventsError(
      events().send(new ListRulesCommand({ EventBusName: 'no-such-bus' })),
      'ResourceNotFoundException',
      'Event bus no-such-bus does not exist.',
    );
    await expectEventsError(
      events().send(new ListRulesCommand({ Limit: 101 })),
      'ValidationException',
      "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
  });
});

describe('ListRuleNamesByTarget', () => {
  it('names the rules of a bus that have a target with the ARN, page by page', async () => {
    const target = queueTarget('shared');
    const other = uniqueName('bytarget');
    await events().send(new CreateEventBusCommand({ Name: other }));
    for (const name of ['r3', 'r1', 'r2', 'r4']) {
      await events().send(
        new PutRuleCommand({ Name: name, EventBusName: other, EventPattern: PATTERN }),
      );
    }
    for (const name of ['r1', 'r3', 'r4']) {
      await events().send(
        new PutTargetsCommand({ Rule: name, EventBusName: other, Targets: [target] }),
      );
    }
    await events().send(
      new PutTargetsCommand({ Rule: 'r2', EventBusName: other, Targets: [queueTarget('else')] }),
    );
    const all = await events().send(
      new ListRuleNamesByTargetCommand({ TargetArn: target.Arn, EventBusName: other }),
    );
    expect(all.RuleNames).toEqual(['r1', 'r3', 'r4']);
    expect(all.NextToken).toBeUndefined();

    const names: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await events().send(
        new ListRuleNamesByTargetCommand({
          TargetArn: target.Arn,
          EventBusName: other,
          Limit: 2,
          NextToken,
        }),
      );
      expect(page.RuleNames?.length).toBeLessThanOrEqual(2);
      names.push(...(page.RuleNames ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(names).toEqual(['r1', 'r3', 'r4']);
  });

  it('answers an empty list on the default bus when nothing targets the ARN', async () => {
    const out = await events().send(
      new ListRuleNamesByTargetCommand({ TargetArn: 'arn:aws:sqs:us-east-1:000000000000:none' }),
    );
    expect(out.RuleNames).toEqual([]);
  });

  it('refuses a bus that does not exist and a foreign token', async () => {
    await expectEventsError(
      events().send(
        new ListRuleNamesByTargetCommand({ TargetArn: 'arn:aws:sqs:x', EventBusName: 'nope' }),
      ),
      'ResourceNotFoundException',
      'Event bus nope does not exist.',
    );
    await expectEventsError(
      events().send(
        new ListRuleNamesByTargetCommand({ TargetArn: 'arn:aws:sqs:x', NextToken: 'garbage' }),
      ),
      'ValidationException',
      'Invalid NextToken',
    );
  });
});
