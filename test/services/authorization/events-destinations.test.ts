/**
 * EventBridge's connections, API destinations, archives, replays and bus permissions under
 * `--auth enforce`, over HTTP with SDK v3 clients: each operation asked on the resources
 * the Service Authorization Reference lists (a connection and a destination by their ARN
 * with its UUID, `…/NAME/*` before they exist; CreateApiDestination on the connection too;
 * StartReplay on the replay, the archive and the bus), PutPermission on `*`; and PutEvents
 * decided with the bus's own policy in the same step: within the account an allow in the
 * bus policy admits a caller its identity policies do not, an explicit deny in it refuses
 * one they allow.
 */
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  DescribeConnectionCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutPermissionCommand,
  StartReplayCommand,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestTeiki } from '../../helpers/teiki.js';
import {
  ACCOUNT,
  ROOT,
  expectDenied,
  explicitlyDenied,
  makeUser,
  notAllowed,
  startEnforcingTeiki,
  type Keys,
} from './helpers.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startEnforcingTeiki();
});
afterAll(() => teiki.close());

const events = (keys: Keys) => new EventBridgeClient(teiki.clientConfig(keys));
const arn = (rest: string) => `arn:aws:events:us-east-1:${ACCOUNT}:${rest}`;
const BASIC = {
  AuthorizationType: 'BASIC' as const,
  AuthParameters: { BasicAuthParameters: { Username: 'u', Password: 'p' } },
};

describe('connections', () => {
  it('are asked about by NAME/* before they exist and by their ARN after', async () => {
    const creator = await makeUser(teiki, {
      statements: [
        { Effect: 'Allow', Action: 'events:CreateConnection', Resource: arn('connection/hook/*') },
      ],
    });
    await expectDenied(
      events(creator).send(new CreateConnectionCommand({ Name: 'other', ...BASIC })),
      'AccessDeniedException',
      400,
      notAllowed(creator.arn, 'events:CreateConnection', arn('connection/other/*')),
    );
    const created = await events(creator).send(
      new CreateConnectionCommand({ Name: 'hook', ...BASIC }),
    );
    const connectionArn = created.ConnectionArn ?? '';
    expect(connectionArn).toMatch(/^arn:aws:events:us-east-1:000000000000:connection\/hook\/.+/);

    // The reference's template stops at the name; the ARN AWS gives carries a UUID.
    const byName = await makeUser(teiki, {
      statements: [
        { Effect: 'Allow', Action: 'events:DescribeConnection', Resource: arn('connection/hook') },
      ],
    });
    await expectDenied(
      events(byName).send(new DescribeConnectionCommand({ Name: 'hook' })),
      'AccessDeniedException',
      400,
      notAllowed(byName.arn, 'events:DescribeConnection', connectionArn),
    );
    const byArn = await makeUser(teiki, {
      statements: [
        { Effect: 'Allow', Action: 'events:DescribeConnection', Resource: connectionArn },
      ],
    });
    const described = await events(byArn).send(new DescribeConnectionCommand({ Name: 'hook' }));
    expect(described.ConnectionArn).toBe(connectionArn);
  });
});

describe('API destinations', () => {
  it('need CreateApiDestination on the connection too', async () => {
    const connection = await events(ROOT).send(
      new CreateConnectionCommand({ Name: 'for-dest', ...BASIC }),
    );
    const user = await makeUser(teiki, {
      statements: [
        {
          Effect: 'Allow',
          Action: 'events:CreateApiDestination',
          Resource: arn('api-destination/*'),
        },
      ],
    });
    await expectDenied(
      events(user).send(
        new CreateApiDestinationCommand({
          Name: 'dest',
          ConnectionArn: connection.ConnectionArn,
          InvocationEndpoint: 'https://example.com/hook',
          HttpMethod: 'POST',
        }),
      ),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'events:CreateApiDestination', connection.ConnectionArn ?? ''),
    );
  });
});

describe('replays and permissions', () => {
  it('StartReplay is asked on the replay, the archive and the bus', async () => {
    const user = await makeUser(teiki, {
      statements: [
        {
          Effect: 'Allow',
          Action: 'events:StartReplay',
          Resource: [arn('replay/*'), arn('archive/*')],
        },
      ],
    });
    await expectDenied(
      events(user).send(
        new StartReplayCommand({
          ReplayName: 'again',
          EventSourceArn: arn('archive/kept'),
          Destination: { Arn: arn('event-bus/default') },
          EventStartTime: new Date(0),
          EventEndTime: new Date(1000),
        }),
      ),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'events:StartReplay', arn('event-bus/default')),
    );
  });

  it('PutPermission is asked on *', async () => {
    const user = await makeUser(teiki);
    await expectDenied(
      events(user).send(
        new PutPermissionCommand({
          Action: 'events:PutEvents',
          Principal: '111122223333',
          StatementId: 's',
        }),
      ),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'events:PutPermission', '*'),
    );
  });
});

describe('PutEvents with the bus policy', () => {
  const entry = { Source: 'app', DetailType: 'd', Detail: '{}' };

  it('admits a caller of the account the bus policy allows, without an identity allow', async () => {
    const user = await makeUser(teiki);
    await expectDenied(
      events(user).send(new PutEventsCommand({ Entries: [entry] })),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'events:PutEvents', arn('event-bus/default')),
    );
    await events(ROOT).send(
      new PutPermissionCommand({
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'user',
              Effect: 'Allow',
              Principal: { AWS: user.arn },
              Action: 'events:PutEvents',
              Resource: arn('event-bus/default'),
            },
            {
              Sid: 'no-secrets',
              Effect: 'Deny',
              Principal: '*',
              Action: 'events:PutEvents',
              Resource: arn('event-bus/default'),
              Condition: { StringEquals: { 'events:source': 'secret' } },
            },
          ],
        }),
      }),
    );
    const put = await events(user).send(new PutEventsCommand({ Entries: [entry] }));
    expect(put.FailedEntryCount).toBe(0);

    // An explicit deny in the bus policy refuses even a caller allowed everything.
    const admin = await makeUser(teiki, {
      statements: [{ Effect: 'Allow', Action: 'events:*', Resource: '*' }],
    });
    await expectDenied(
      events(admin).send(new PutEventsCommand({ Entries: [{ ...entry, Source: 'secret' }] })),
      'AccessDeniedException',
      400,
      explicitlyDenied(
        admin.arn,
        'events:PutEvents',
        arn('event-bus/default'),
        'a resource-based policy',
      ),
    );
    const allowed = await events(admin).send(new PutEventsCommand({ Entries: [entry] }));
    expect(allowed.FailedEntryCount).toBe(0);
  });
});
