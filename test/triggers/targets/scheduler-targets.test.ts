/**
 * Scheduler's other targets: the templated EventBridge target (a schedule puts an event on
 * a bus whose rule calls an API destination served by a local HTTP server), universal
 * `aws-sdk:SERVICE:ACTION` targets called in-process as the schedule's role, and targets
 * in services teiki lacks, which fail as a missing resource does.
 */
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  CreateEventBusCommand,
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import { CreateScheduleCommand, SchedulerClient, type Target } from '@aws-sdk/client-scheduler';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../../helpers/errors.js';
import { startHttpServer, type TestHttpServer } from '../../helpers/http-server.js';
import { createServiceRole } from '../../helpers/roles.js';
import { startTestTeiki, virtualClockArgs, type TestTeiki } from '../../helpers/teiki.js';
import { advanceClock, invocationWith } from './invocations.js';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
let teiki: TestTeiki;
let scheduler: SchedulerClient;
let events: EventBridgeClient;
let iam: IAMClient;
let api: TestHttpServer;
let roleArn: string;

beforeAll(async () => {
  teiki = await startTestTeiki([
    ...virtualClockArgs('2026-08-01T00:00:00Z'),
    '--allow-http-destinations',
  ]);
  scheduler = new SchedulerClient(teiki.clientConfig());
  events = new EventBridgeClient(teiki.clientConfig());
  iam = new IAMClient(teiki.clientConfig());
  api = await startHttpServer();
  roleArn = await createServiceRole(
    iam,
    'schedule-targets',
    ['scheduler.amazonaws.com', 'events.amazonaws.com'],
    [
      {
        Effect: 'Allow',
        Action: [
          'events:PutEvents',
          'events:InvokeApiDestination',
          'ssm:PutParameter',
          'sqs:SendMessage',
        ],
        Resource: '*',
      },
      { Effect: 'Allow', Action: 'iam:CreateGroup', Resource: '*' },
    ],
  );
});
afterAll(async () => {
  await teiki.close();
  await api.close();
});

/** A one-time schedule due in a minute; the clock is moved there. */
async function fireSchedule(target: Target): Promise<string> {
  const name = uniqueName('schedule');
  const now = Date.parse(
    ((await (await fetch(`${teiki.url}/_teiki/clock`)).json()) as { now: string }).now,
  );
  const at = new Date(Math.ceil((now + 60_000) / 60_000) * 60_000);
  await scheduler.send(
    new CreateScheduleCommand({
      Name: name,
      ScheduleExpression: `at(${at.toISOString().slice(0, 19)})`,
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: target,
    }),
  );
  await advanceClock(teiki, Math.ceil((at.getTime() - now) / 1000));
  return name;
}

describe('the templated EventBridge target', () => {
  it('puts the event on the bus, whose rule sends it to an API destination', async () => {
    const bus = uniqueName('bus');
    await events.send(new CreateEventBusCommand({ Name: bus }));
    const connection = await events.send(
      new CreateConnectionCommand({
        Name: uniqueName('conn'),
        AuthorizationType: 'API_KEY',
        AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'sched' } },
      }),
    );
    const destination = await events.send(
      new CreateApiDestinationCommand({
        Name: uniqueName('dest'),
        ConnectionArn: connection.ConnectionArn,
        InvocationEndpoint: `${api.url}/from-scheduler`,
        HttpMethod: 'POST',
      }),
    );
    await events.send(
      new PutRuleCommand({
        Name: 'nightly',
        EventBusName: bus,
        EventPattern: JSON.stringify({ source: ['teiki.scheduler'] }),
      }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'nightly',
        EventBusName: bus,
        Targets: [
          {
            Id: 'hook',
            Arn: destination.ApiDestinationArn,
            RoleArn: roleArn,
            InputPath: '$.detail',
          },
        ],
      }),
    );
    const before = api.requests.length;
    const name = await fireSchedule({
      Arn: `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${bus}`,
      RoleArn: roleArn,
      EventBridgeParameters: { Source: 'teiki.scheduler', DetailType: 'Nightly Report' },
      Input: JSON.stringify({ report: 'daily', schedule: '<aws.scheduler.schedule-arn>' }),
    });
    const [request] = (await api.waitForRequests(before + 1)).slice(before);
    expect(request!.path).toBe('/from-scheduler');
    expect(request!.headers['x-api-key']).toBe('sched');
    expect(JSON.parse(request!.body)).toEqual({
      report: 'daily',
      schedule: `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/default/${name}`,
    });
    const scheduled = await invocationWith(teiki, name, ['delivered']);
    expect(scheduled.source).toBe('schedule');
    await invocationWith(teiki, 'nightly', ['delivered']);
  });
});

describe('universal targets', () => {
  it('calls a teiki operation in-process as the role (ssm:putParameter)', async () => {
    const parameter = `/from-scheduler/${uniqueName('p')}`;
    const name = await fireSchedule({
      Arn: 'arn:aws:scheduler:::aws-sdk:ssm:putParameter',
      RoleArn: roleArn,
      Input: JSON.stringify({ Name: parameter, Value: 'written by a schedule', Type: 'String' }),
    });
    await invocationWith(teiki, name, ['delivered']);
    const out = await new SSMClient(teiki.clientConfig()).send(
      new GetParameterCommand({ Name: parameter }),
    );
    expect(out.Parameter?.Value).toBe('written by a schedule');
  });

  it("fails with the service's own validation error", async () => {
    const name = await fireSchedule({
      Arn: 'arn:aws:scheduler:::aws-sdk:ssm:putParameter',
      RoleArn: roleArn,
      Input: JSON.stringify({ Value: 'no name' }),
    });
    const failed = await invocationWith(teiki, name, ['failed']);
    expect(failed.error).toEqual({
      code: 'ValidationException',
      message:
        "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    });
  });

  it('is refused when the role may not make the call', async () => {
    const name = await fireSchedule({
      Arn: 'arn:aws:scheduler:::aws-sdk:ssm:deleteParameter',
      RoleArn: roleArn,
      Input: JSON.stringify({ Name: '/x' }),
    });
    const failed = await invocationWith(teiki, name, ['failed']);
    expect(failed.error?.code).toBe('AccessDeniedException');
    // Asked through SSM's own authorization table: the parameter's ARN, not `*`.
    expect(failed.error?.message).toBe(
      'User: arn:aws:sts::000000000000:assumed-role/schedule-targets/scheduler is not authorized to perform: ssm:DeleteParameter on resource: arn:aws:ssm:us-east-1:000000000000:parameter/x because no identity-based policy allows the ssm:DeleteParameter action',
    );
  });

  it('says so for an operation teiki does not implement', async () => {
    const name = await fireSchedule({
      Arn: 'arn:aws:scheduler:::aws-sdk:iam:createGroup',
      RoleArn: roleArn,
      Input: JSON.stringify({ GroupName: 'g' }),
    });
    const failed = await invocationWith(teiki, name, ['failed']);
    expect(failed.error?.message).toBe('teiki does not implement iam:CreateGroup yet.');
  });
});

describe('services teiki lacks', () => {
  it('fails a universal SQS call as for a queue that does not exist', async () => {
    const name = await fireSchedule({
      Arn: 'arn:aws:scheduler:::aws-sdk:sqs:sendMessage',
      RoleArn: roleArn,
      Input: JSON.stringify({
        QueueUrl: 'https://sqs.us-east-1.amazonaws.com/000000000000/q',
        MessageBody: 'x',
      }),
    });
    const failed = await invocationWith(teiki, name, ['failed']);
    expect(failed.error).toEqual({
      code: 'AWS.SimpleQueueService.NonExistentQueue',
      message: 'The specified queue does not exist.',
    });
  });

  it('fails a templated Lambda target as for a function that does not exist', async () => {
    const fn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:nightly`;
    const name = await fireSchedule({ Arn: fn, RoleArn: roleArn });
    const failed = await invocationWith(teiki, name, ['failed']);
    expect(failed.error).toEqual({
      code: 'ResourceNotFoundException',
      message: `Function not found: ${fn}`,
    });
  });
});
