import {
  CreateEventBusCommand,
  DeleteRuleCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  type RuleState,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import {
  ACCOUNT,
  PATTERN,
  ROLE_ARN,
  busArnOf,
  eventsClient,
  expectEventsError,
  queueTarget,
  ruleArnOf,
  uniqueName,
} from './helpers.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startTestTeiki();
});
afterAll(() => teiki.close());

const events = () => eventsClient(teiki);

async function customBus(): Promise<string> {
  const name = uniqueName('bus');
  await events().send(new CreateEventBusCommand({ Name: name }));
  return name;
}

describe('PutRule and DescribeRule', () => {
  it("stores the seed's scheduled rule and reads it back as AWS describes it", async () => {
    const out = await events().send(
      new PutRuleCommand({ Name: 'ecs-scheduled-task', ScheduleExpression: 'cron(20 2 * * ? *)' }),
    );
    expect(out.RuleArn).toBe(ruleArnOf('ecs-scheduled-task'));
    const rule = await events().send(new DescribeRuleCommand({ Name: 'ecs-scheduled-task' }));
    expect({ ...rule, $metadata: undefined }).toEqual({
      $metadata: undefined,
      Name: 'ecs-scheduled-task',
      Arn: ruleArnOf('ecs-scheduled-task'),
      ScheduleExpression: 'cron(20 2 * * ? *)',
      State: 'ENABLED',
      EventBusName: 'default',
      CreatedBy: ACCOUNT,
    });
  });

  it('stores every member on a custom bus, named by name or by ARN', async () => {
    const bus = await customBus();
    const name = uniqueName('full');
    const out = await events().send(
      new PutRuleCommand({
        Name: name,
        EventBusName: busArnOf(bus),
        EventPattern: PATTERN,
        State: 'DISABLED',
        Description: 'every thing that happens',
        RoleArn: ROLE_ARN,
        Tags: [{ Key: 'team', Value: 'batch' }],
      }),
    );
    expect(out.RuleArn).toBe(ruleArnOf(name, bus));
    const rule = await events().send(new DescribeRuleCommand({ Name: name, EventBusName: bus }));
    expect(rule).toMatchObject({
      Name: name,
      Arn: ruleArnOf(name, bus),
      EventPattern: PATTERN,
      State: 'DISABLED',
      Description: 'every thing that happens',
      RoleArn: ROLE_ARN,
      EventBusName: bus,
      CreatedBy: ACCOUNT,
    });
    expect(rule.ScheduleExpression).toBeUndefined();
    const tags = await events().send(new ListTagsForResourceCommand({ ResourceARN: out.RuleArn }));
    expect(tags.Tags).toEqual([{ Key: 'team', Value: 'batch' }]);
  });

  it.each<RuleState>(['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'])(
    'keeps the state %s',
    async (State) => {
      const name = uniqueName('state');
      await events().send(new PutRuleCommand({ Name: name, EventPattern: PATTERN, State }));
      expect((await events().send(new DescribeRuleCommand({ Name: name }))).State).toBe(State);
    },
  );

  it('accepts a schedule and a pattern together', async () => {
    const name = uniqueName('both');
    await events().send(
      new PutRuleCommand({
        Name: name,
        ScheduleExpression: 'rate(5 minutes)',
        EventPattern: PATTERN,
      }),
    );
    const rule = await events().send(new DescribeRuleCommand({ Name: name }));
    expect(rule.ScheduleExpression).toBe('rate(5 minutes)');
    expect(rule.EventPattern).toBe(PATTERN);
  });

  it('replaces an existing rule but keeps its targets and tags, ignoring new tags', async () => {
    const name = uniqueName('update');
    await events().send(
      new PutRuleCommand({
        Name: name,
        ScheduleExpression: 'rate(1 hour)',
        State: 'DISABLED',
        Description: 'old',
        RoleArn: ROLE_ARN,
        Tags: [{ Key: 'v', Value: '1' }],
      }),
    );
    await events().send(new PutTargetsCommand({ Rule: name, Targets: [queueTarget('t1')] }));
    const again = await events().send(
      new PutRuleCommand({
        Name: name,
        EventPattern: PATTERN,
        Tags: [{ Key: 'v', Value: '2' }],
      }),
    );
    expect(again.RuleArn).toBe(ruleArnOf(name));
    const rule = await events().send(new DescribeRuleCommand({ Name: name }));
    expect(rule.State).toBe('ENABLED');
    expect(rule.EventPattern).toBe(PATTERN);
    expect(rule.ScheduleExpression).toBeUndefined();
    expect(rule.Description).toBeUndefined();
    expect(rule.RoleArn).toBeUndefined();
    const targets = await events().send(new ListTargetsByRuleCommand({ Rule: name }));
    expect(targets.Targets).toEqual([queueTarget('t1')]);
    const tags = await events().send(new ListTagsForResourceCommand({ ResourceARN: rule.Arn }));
    expect(tags.Tags).toEqual([{ Key: 'v', Value: '1' }]);
  });
});

describe('PutRule refusals', () => {
  it('needs a pattern or a schedule', async () => {
    for (const extra of [{}, { EventPattern: '' }, { ScheduleExpression: '' }]) {
      await expectEventsError(
        events().send(new PutRuleCommand({ Name: uniqueName('none'), ...extra })),
        'ValidationException',
        'Parameter(s) EventPattern or ScheduleExpression must be specified.',
      );
    }
  });

  it('takes schedules only on the default bus', async () => {
    const bus = await customBus();
    await expectEventsError(
      events().send(
        new PutRuleCommand({ Name: 'x', EventBusName: bus, ScheduleExpression: 'rate(1 day)' }),
      ),
      'ValidationException',
      'ScheduleExpression is supported only on the default event bus.',
    );
  });

  it.each([
    'cron(0 0 * * *)',
    'cron(0 0 * * * *)',
    'rate(1 minutes)',
    'rate(2 minute)',
    'rate(0 minutes)',
    'daily',
    'at(2030-01-01T00:00:00)',
  ])('refuses the schedule expression %s', async (ScheduleExpression) => {
    await expectEventsError(
      events().send(new PutRuleCommand({ Name: uniqueName('bad'), ScheduleExpression })),
      'ValidationException',
      'Parameter ScheduleExpression is not valid.',
    );
  });

  it.each(['{"source": "my.app"}', 'not json', '{"source": []}'])(
    'refuses the event pattern %s',
    async (EventPattern) => {
      await expectEventsError(
        events().send(new PutRuleCommand({ Name: uniqueName('bad'), EventPattern })),
        'InvalidEventPatternException',
        /^Event pattern is not valid\. Reason: .+/,
      );
    },
  );

  it('refuses a bus that does not exist, by name or by ARN of another account', async () => {
    await expectEventsError(
      events().send(new PutRuleCommand({ Name: 'x', EventBusName: 'nope', EventPattern: PATTERN })),
      'ResourceNotFoundException',
      'Event bus nope does not exist.',
    );
    await expectEventsError(
      events().send(
        new PutRuleCommand({
          Name: 'x',
          EventBusName: 'arn:aws:events:us-east-1:123456789012:event-bus/default',
          EventPattern: PATTERN,
        }),
      ),
      'ResourceNotFoundException',
      'Event bus default does not exist.',
    );
  });

  it('refuses a name outside the model pattern before anything else', async () => {
    await expectEventsError(
      events().send(new PutRuleCommand({ Name: 'bad name', EventPattern: PATTERN })),
      'ValidationException',
      "1 validation error detected: Value 'bad name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
    );
  });

  it('refuses repeated tag keys', async () => {
    await expectEventsError(
      events().send(
        new PutRuleCommand({
          Name: uniqueName('tags'),
          EventPattern: PATTERN,
          Tags: [
            { Key: 'a', Value: '1' },
            { Key: 'a', Value: '2' },
          ],
        }),
      ),
      'ValidationException',
      'Invalid parameter: Duplicated keys are not allowed.',
    );
  });

  it('holds at most 300 rules on a bus', async () => {
    const bus = await customBus();
    for (let i = 0; i < 300; i++) {
      await events().send(
        new PutRuleCommand({ Name: `r${i}`, EventBusName: bus, EventPattern: PATTERN }),
      );
    }
    await expectEventsError(
      events().send(new PutRuleCommand({ Name: 'r300', EventBusName: bus, EventPattern: PATTERN })),
      'LimitExceededException',
      'The requested resource exceeds the maximum number allowed.',
    );
    // Replacing one of the 300 is not a new rule.
    await events().send(
      new PutRuleCommand({ Name: 'r0', EventBusName: bus, EventPattern: PATTERN }),
    );
  });
});

describe('DescribeRule, EnableRule and DisableRule on what does not exist', () => {
  it.each([
    [
      'DescribeRule',
      (Name: string, EventBusName?: string) => new DescribeRuleCommand({ Name, EventBusName }),
    ],
    [
      'EnableRule',
      (Name: string, EventBusName?: string) => new EnableRuleCommand({ Name, EventBusName }),
    ],
    [
      'DisableRule',
      (Name: string, EventBusName?: string) => new DisableRuleCommand({ Name, EventBusName }),
    ],
  ] as const)('%s names the rule and its bus', async (_op, command) => {
    await expectEventsError(
      events().send(command('ghost')),
      'ResourceNotFoundException',
      'Rule ghost does not exist on EventBus default.',
    );
    const bus = await customBus();
    await expectEventsError(
      events().send(command('ghost', bus)),
      'ResourceNotFoundException',
      `Rule ghost does not exist on EventBus ${bus}.`,
    );
    await expectEventsError(
      events().send(command('ghost', 'no-such-bus')),
      'ResourceNotFoundException',
      'Event bus no-such-bus does not exist.',
    );
  });
});

describe('EnableRule and DisableRule', () => {
  it('switch the state back and forth', async () => {
    const name = uniqueName('toggle');
    await events().send(new PutRuleCommand({ Name: name, ScheduleExpression: 'rate(1 day)' }));
    await events().send(new DisableRuleCommand({ Name: name }));
    expect((await events().send(new DescribeRuleCommand({ Name: name }))).State).toBe('DISABLED');
    await events().send(new DisableRuleCommand({ Name: name }));
    expect((await events().send(new DescribeRuleCommand({ Name: name }))).State).toBe('DISABLED');
    await events().send(new EnableRuleCommand({ Name: name }));
    expect((await events().send(new DescribeRuleCommand({ Name: name }))).State).toBe('ENABLED');
  });
});

describe('DeleteRule', () => {
  it('deletes a rule, and succeeds for one that does not exist', async () => {
    const name = uniqueName('gone');
    await events().send(new PutRuleCommand({ Name: name, EventPattern: PATTERN }));
    await events().send(new DeleteRuleCommand({ Name: name }));
    await expectEventsError(
      events().send(new DescribeRuleCommand({ Name: name })),
      'ResourceNotFoundException',
      `Rule ${name} does not exist on EventBus default.`,
    );
    await events().send(new DeleteRuleCommand({ Name: name }));
  });

  it('refuses while targets remain, Force or not, then deletes once they are removed', async () => {
    const name = uniqueName('targeted');
    await events().send(new PutRuleCommand({ Name: name, EventPattern: PATTERN }));
    await events().send(new PutTargetsCommand({ Rule: name, Targets: [queueTarget('a')] }));
    for (const Force of [undefined, true]) {
      await expectEventsError(
        events().send(new DeleteRuleCommand({ Name: name, Force })),
        'ValidationException',
        "Rule can't be deleted since it has targets.",
      );
    }
    await events().send(new RemoveTargetsCommand({ Rule: name, Ids: ['a'] }));
    await events().send(new DeleteRuleCommand({ Name: name }));
  });

  it('refuses a bus that does not exist', async () => {
    await expectEventsError(
      events().send(new DeleteRuleCommand({ Name: 'x', EventBusName: 'no-such-bus' })),
      'ResourceNotFoundException',
      'Event bus no-such-bus does not exist.',
    );
  });

  it('deletes a rule on a custom bus named by ARN, leaving the same name on default', async () => {
    const bus = await customBus();
    const name = uniqueName('twin');
    await events().send(
      new PutRuleCommand({ Name: name, EventBusName: bus, EventPattern: PATTERN }),
    );
    await events().send(new PutRuleCommand({ Name: name, EventPattern: PATTERN }));
    await events().send(new DeleteRuleCommand({ Name: name, EventBusName: busArnOf(bus) }));
    await expectEventsError(
      events().send(new DescribeRuleCommand({ Name: name, EventBusName: bus })),
      'ResourceNotFoundException',
      `Rule ${name} does not exist on EventBus ${bus}.`,
    );
    expect((await events().send(new DescribeRuleCommand({ Name: name }))).Arn).toBe(
      ruleArnOf(name),
    );
  });
});
