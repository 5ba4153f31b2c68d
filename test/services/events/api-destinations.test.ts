/** API destinations through the SDK: every operation and error; state follows the connection. */
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  DeauthorizeConnectionCommand,
  DeleteApiDestinationCommand,
  DeleteConnectionCommand,
  DescribeApiDestinationCommand,
  ListApiDestinationsCommand,
  UpdateApiDestinationCommand,
  type EventBridgeClient,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { ACCOUNT, REGION, eventsClient, expectEventsError, uniqueName } from './helpers.js';

let teiki: TestTeiki;
let lenient: TestTeiki;
let events: EventBridgeClient;

beforeAll(async () => {
  teiki = await startTestTeiki();
  lenient = await startTestTeiki(['--in-memory', '--allow-http-destinations']);
  events = eventsClient(teiki);
});
afterAll(async () => {
  await lenient.close();
  await teiki.close();
});

async function connection(client = events): Promise<string> {
  const out = await client.send(
    new CreateConnectionCommand({
      Name: uniqueName('conn'),
      AuthorizationType: 'API_KEY',
      AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'v' } },
    }),
  );
  return out.ConnectionArn!;
}

describe('CreateApiDestination and DescribeApiDestination', () => {
  it('creates an ACTIVE destination on an authorized connection, rate 300 by default', async () => {
    const connectionArn = await connection();
    const name = uniqueName('dest');
    const created = await events.send(
      new CreateApiDestinationCommand({
        Name: name,
        Description: 'webhook',
        ConnectionArn: connectionArn,
        InvocationEndpoint: 'https://example.com/hooks/*/items',
        HttpMethod: 'POST',
      }),
    );
    expect(created.ApiDestinationArn).toMatch(
      new RegExp(`^arn:aws:events:${REGION}:${ACCOUNT}:api-destination/${name}/[0-9a-f-]{36}$`),
    );
    expect(created.ApiDestinationState).toBe('ACTIVE');
    expect(created.CreationTime).toBeInstanceOf(Date);
    const described = await events.send(new DescribeApiDestinationCommand({ Name: name }));
    expect(described).toMatchObject({
      Name: name,
      ApiDestinationArn: created.ApiDestinationArn,
      ApiDestinationState: 'ACTIVE',
      ConnectionArn: connectionArn,
      Description: 'webhook',
      HttpMethod: 'POST',
      InvocationEndpoint: 'https://example.com/hooks/*/items',
      InvocationRateLimitPerSecond: 300,
    });
  });

  it('is INACTIVE while its connection is not authorized, and once the connection is gone', async () => {
    const connectionArn = await connection();
    const name = uniqueName('dest');
    await events.send(
      new CreateApiDestinationCommand({
        Name: name,
        ConnectionArn: connectionArn,
        InvocationEndpoint: 'https://example.com/x',
        HttpMethod: 'PUT',
        InvocationRateLimitPerSecond: 5,
      }),
    );
    const connectionName = connectionArn.split('/')[1]!;
    await events.send(new DeauthorizeConnectionCommand({ Name: connectionName }));
    const inactive = await events.send(new DescribeApiDestinationCommand({ Name: name }));
    expect(inactive.ApiDestinationState).toBe('INACTIVE');
    expect(inactive.InvocationRateLimitPerSecond).toBe(5);
    await events.send(new DeleteConnectionCommand({ Name: connectionName }));
    const orphan = await events.send(new DescribeApiDestinationCommand({ Name: name }));
    expect(orphan.ApiDestinationState).toBe('INACTIVE');
  });

  it('refuses an existing name, a missing connection, a rate over 300 and a bad endpoint', async () => {
    const connectionArn = await connection();
    const name = uniqueName('dest');
    const create = (
      overrides: Partial<ConstructorParameters<typeof CreateApiDestinationCommand>[0]>,
    ) =>
      events.send(
        new CreateApiDestinationCommand({
          Name: name,
          ConnectionArn: connectionArn,
          InvocationEndpoint: 'https://example.com/',
          HttpMethod: 'POST',
          ...overrides,
        }),
      );
    await create({});
    await expectEventsError(
      create({}),
      'ResourceAlreadyExistsException',
      `Failed to create the api-destination(s). An api-destination with name '${name}' already exists.`,
    );
    const missing = `arn:aws:events:${REGION}:${ACCOUNT}:connection/ghost/0f6a3c58-5d5d-4b8f-9d1e-1c2f3a4b5c6d`;
    await expectEventsError(
      create({ Name: uniqueName('d'), ConnectionArn: missing }),
      'ResourceNotFoundException',
      `Failed to create the api-destination(s). Connection '${missing}' does not exist.`,
    );
    const fast = uniqueName('fast');
    await expectEventsError(
      create({ Name: fast, InvocationRateLimitPerSecond: 301 }),
      'LimitExceededException',
      `Failed to create the api-destination(s). Invalid Invocation Rate Limit: Rate specified '301' for '${fast}' exceeds maximum allowed of '300'.`,
    );
    await expectEventsError(
      create({ Name: uniqueName('d'), InvocationEndpoint: 'http://127.0.0.1:9/hook' }),
      'ValidationException',
      "Failed to create the api-destination(s). Parameter InvocationEndpoint is not valid. Reason: Endpoint 'http://127.0.0.1:9/hook' is invalid, please provide a valid HTTPS endpoint URL.",
    );
    await expectEventsError(
      events.send(
        new CreateApiDestinationCommand({
          Name: uniqueName('d'),
          ConnectionArn: 'invalid-connection-arn',
          InvocationEndpoint: 'https://example.com/',
          HttpMethod: 'POST',
        }),
      ),
      'ValidationException',
      "1 validation error detected: Value 'invalid-connection-arn' at 'connectionArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ^arn:aws([a-z]|\\-)*:events:([a-z]|\\d|\\-)*:([0-9]{12})?:connection\\/[\\.\\-_A-Za-z0-9]+\\/[\\-A-Za-z0-9]+$",
    );
  });

  it('accepts an http:// endpoint with --allow-http-destinations', async () => {
    const client = eventsClient(lenient);
    const out = await client.send(
      new CreateApiDestinationCommand({
        Name: uniqueName('local'),
        ConnectionArn: await connection(client),
        InvocationEndpoint: 'http://127.0.0.1:8080/hook',
        HttpMethod: 'POST',
      }),
    );
    expect(out.ApiDestinationState).toBe('ACTIVE');
  });

  it('answers a missing destination with AWS sentence for each operation', async () => {
    await expectEventsError(
      events.send(new DescribeApiDestinationCommand({ Name: 'nope' })),
      'ResourceNotFoundException',
      "Failed to describe the api-destination(s). An api-destination 'nope' does not exist.",
    );
    await expectEventsError(
      events.send(new UpdateApiDestinationCommand({ Name: 'nope', HttpMethod: 'GET' })),
      'ResourceNotFoundException',
      "Failed to update the api-destination(s). An api-destination 'nope' does not exist.",
    );
    await expectEventsError(
      events.send(new DeleteApiDestinationCommand({ Name: 'nope' })),
      'ResourceNotFoundException',
      "Failed to delete the api-destination(s). An api-destination 'nope' does not exist.",
    );
  });
});

describe('ListApiDestinations, UpdateApiDestination, DeleteApiDestination', () => {
  it('lists by prefix or by connection, pages, updates in place and deletes', async () => {
    const connectionArn = await connection();
    const other = await connection();
    const prefix = uniqueName('many');
    for (const [suffix, conn] of [
      ['a', connectionArn],
      ['b', other],
      ['c', connectionArn],
    ] as const) {
      await events.send(
        new CreateApiDestinationCommand({
          Name: `${prefix}-${suffix}`,
          ConnectionArn: conn,
          InvocationEndpoint: `https://example.com/${suffix}`,
          HttpMethod: 'POST',
        }),
      );
    }
    const first = await events.send(
      new ListApiDestinationsCommand({ NamePrefix: prefix, Limit: 2 }),
    );
    expect(first.ApiDestinations?.map((d) => d.Name)).toEqual([`${prefix}-a`, `${prefix}-b`]);
    expect(first.ApiDestinations?.[0]).toMatchObject({
      ApiDestinationState: 'ACTIVE',
      ConnectionArn: connectionArn,
      HttpMethod: 'POST',
      InvocationEndpoint: 'https://example.com/a',
      InvocationRateLimitPerSecond: 300,
    });
    const rest = await events.send(
      new ListApiDestinationsCommand({ NamePrefix: prefix, Limit: 2, NextToken: first.NextToken }),
    );
    expect(rest.ApiDestinations?.map((d) => d.Name)).toEqual([`${prefix}-c`]);
    const byConnection = await events.send(
      new ListApiDestinationsCommand({ ConnectionArn: other }),
    );
    expect(byConnection.ApiDestinations?.map((d) => d.Name)).toEqual([`${prefix}-b`]);
    await expectEventsError(
      events.send(new ListApiDestinationsCommand({ ConnectionArn: other, NamePrefix: prefix })),
      'ValidationException',
      'Failed to list the api-destination(s). Request failed because only one filter is supported per request, either ConnectionArn or NamePrefix.',
    );

    const updated = await events.send(
      new UpdateApiDestinationCommand({
        Name: `${prefix}-a`,
        Description: 'moved',
        HttpMethod: 'PUT',
        InvocationEndpoint: 'https://example.com/v2',
        InvocationRateLimitPerSecond: 10,
        ConnectionArn: other,
      }),
    );
    expect(updated.ApiDestinationState).toBe('ACTIVE');
    const described = await events.send(new DescribeApiDestinationCommand({ Name: `${prefix}-a` }));
    expect(described).toMatchObject({
      Description: 'moved',
      HttpMethod: 'PUT',
      InvocationEndpoint: 'https://example.com/v2',
      InvocationRateLimitPerSecond: 10,
      ConnectionArn: other,
    });
    await expectEventsError(
      events.send(
        new UpdateApiDestinationCommand({
          Name: `${prefix}-a`,
          InvocationRateLimitPerSecond: 1000,
        }),
      ),
      'LimitExceededException',
      `Failed to update the api-destination(s). Invalid Invocation Rate Limit: Rate specified '1000' for '${prefix}-a' exceeds maximum allowed of '300'.`,
    );

    await events.send(new DeleteApiDestinationCommand({ Name: `${prefix}-b` }));
    const left = await events.send(new ListApiDestinationsCommand({ NamePrefix: prefix }));
    expect(left.ApiDestinations?.map((d) => d.Name)).toEqual([`${prefix}-a`, `${prefix}-c`]);
  });
});
