/** Connections through the SDK: every operation and error, credentials kept in Secrets Manager. */
import {
  CreateConnectionCommand,
  DeauthorizeConnectionCommand,
  DeleteConnectionCommand,
  DescribeConnectionCommand,
  ListConnectionsCommand,
  UpdateConnectionCommand,
  type EventBridgeClient,
} from '@aws-sdk/client-eventbridge';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
  SecretsManagerServiceException,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRejection } from '../../helpers/errors.js';
import { startHttpServer, until, type TestHttpServer } from '../../helpers/http-server.js';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { ACCOUNT, REGION, eventsClient, expectEventsError, uniqueName } from './helpers.js';

let teiki: TestTeiki;
let strict: TestTeiki;
let events: EventBridgeClient;
let secrets: SecretsManagerClient;
let tokens: TestHttpServer;

beforeAll(async () => {
  teiki = await startTestTeiki(['--in-memory', '--allow-http-destinations']);
  strict = await startTestTeiki(['--in-memory']);
  events = eventsClient(teiki);
  secrets = new SecretsManagerClient(teiki.clientConfig());
  tokens = await startHttpServer({
    status: 200,
    body: JSON.stringify({ access_token: 'tok-1', token_type: 'Bearer', expires_in: 3600 }),
  });
});
afterAll(async () => {
  await tokens.close();
  await strict.close();
  await teiki.close();
});

const CONNECTION_ARN = new RegExp(
  `^arn:aws:events:${REGION}:${ACCOUNT}:connection/[^/]+/[0-9a-f-]{36}$`,
);

function basic(name: string) {
  return new CreateConnectionCommand({
    Name: name,
    AuthorizationType: 'BASIC',
    AuthParameters: { BasicAuthParameters: { Username: 'user', Password: 'pass' } },
  });
}

function oauth(name: string, endpoint: string) {
  return new CreateConnectionCommand({
    Name: name,
    AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
    AuthParameters: {
      OAuthParameters: {
        AuthorizationEndpoint: endpoint,
        HttpMethod: 'POST',
        ClientParameters: { ClientID: 'client-id', ClientSecret: 'client-secret' },
        OAuthHttpParameters: {
          BodyParameters: [{ Key: 'audience', Value: 'https://api.example', IsValueSecret: false }],
        },
      },
    },
  });
}

async function secretValue(arn: string): Promise<unknown> {
  const out = await secrets.send(new GetSecretValueCommand({ SecretId: arn }));
  return JSON.parse(out.SecretString ?? 'null');
}

describe('CreateConnection and DescribeConnection', () => {
  it('keeps BASIC credentials in a secret named events!connection/NAME/UUID and shows only the username', async () => {
    const name = uniqueName('basic');
    const created = await events.send(basic(name));
    expect(created.ConnectionArn).toMatch(CONNECTION_ARN);
    expect(created.ConnectionState).toBe('AUTHORIZED');
    expect(created.CreationTime).toBeInstanceOf(Date);

    const described = await events.send(new DescribeConnectionCommand({ Name: name }));
    expect(described).toMatchObject({
      Name: name,
      ConnectionArn: created.ConnectionArn,
      ConnectionState: 'AUTHORIZED',
      AuthorizationType: 'BASIC',
      AuthParameters: { BasicAuthParameters: { Username: 'user' } },
    });
    expect(JSON.stringify(described.AuthParameters)).not.toContain('pass');
    expect(described.LastAuthorizedTime).toBeInstanceOf(Date);
    expect(described.SecretArn).toMatch(
      new RegExp(
        `^arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:events!connection/${name}/[0-9a-f-]{36}-[A-Za-z0-9]{6}$`,
      ),
    );
    expect(await secretValue(described.SecretArn!)).toEqual({ username: 'user', password: 'pass' });
    const secret = await secrets.send(new DescribeSecretCommand({ SecretId: described.SecretArn }));
    expect(secret.OwningService).toBe('events');
    expect(secret.Name).toMatch(new RegExp(`^events!connection/${name}/[0-9a-f-]{36}$`));
  });

  it('shows API key names and invocation parameters, never a secret value', async () => {
    const name = uniqueName('apikey');
    await events.send(
      new CreateConnectionCommand({
        Name: name,
        Description: 'an api key',
        AuthorizationType: 'API_KEY',
        AuthParameters: {
          ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'k-123' },
          InvocationHttpParameters: {
            HeaderParameters: [
              { Key: 'x-team', Value: 'core', IsValueSecret: false },
              { Key: 'x-signature', Value: 'shh', IsValueSecret: true },
            ],
            QueryStringParameters: [{ Key: 'tenant', Value: 't1' }],
          },
        },
      }),
    );
    const described = await events.send(new DescribeConnectionCommand({ Name: name }));
    expect(described.Description).toBe('an api key');
    expect(described.AuthParameters).toEqual({
      ApiKeyAuthParameters: { ApiKeyName: 'x-api-key' },
      InvocationHttpParameters: {
        HeaderParameters: [
          { Key: 'x-team', Value: 'core', IsValueSecret: false },
          { Key: 'x-signature', IsValueSecret: true },
        ],
        QueryStringParameters: [{ Key: 'tenant', Value: 't1', IsValueSecret: false }],
      },
    });
    expect(await secretValue(described.SecretArn!)).toMatchObject({
      api_key_name: 'x-api-key',
      api_key_value: 'k-123',
      invocation_http_parameters: {
        header_parameters: [
          { key: 'x-team', value: 'core', is_value_secret: false },
          { key: 'x-signature', value: 'shh', is_value_secret: true },
        ],
      },
    });
  });

  it('authorizes an OAuth connection in the background with a real token request', async () => {
    const name = uniqueName('oauth');
    const before = tokens.requests.length;
    const created = await events.send(oauth(name, `${tokens.url}/oauth/token`));
    expect(created.ConnectionState).toBe('AUTHORIZING');
    const described = await until(
      () => events.send(new DescribeConnectionCommand({ Name: name })),
      (out) => out.ConnectionState !== 'AUTHORIZING',
    );
    expect(described.ConnectionState).toBe('AUTHORIZED');
    expect(described.AuthParameters).toEqual({
      OAuthParameters: {
        AuthorizationEndpoint: `${tokens.url}/oauth/token`,
        HttpMethod: 'POST',
        ClientParameters: { ClientID: 'client-id' },
        OAuthHttpParameters: {
          BodyParameters: [{ Key: 'audience', Value: 'https://api.example', IsValueSecret: false }],
        },
      },
    });
    const request = tokens.requests[before]!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/oauth/token');
    expect(request.headers.authorization).toBe(
      `Basic ${Buffer.from('client-id:client-secret').toString('base64')}`,
    );
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(request.body);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('audience')).toBe('https://api.example');
  });

  it('deauthorizes an OAuth connection whose endpoint refuses the credentials', async () => {
    const refusing = await startHttpServer({ status: 401, body: '{"error":"invalid_client"}' });
    try {
      const name = uniqueName('refused');
      await events.send(oauth(name, `${refusing.url}/token`));
      const described = await until(
        () => events.send(new DescribeConnectionCommand({ Name: name })),
        (out) => out.ConnectionState !== 'AUTHORIZING',
      );
      expect(described.ConnectionState).toBe('DEAUTHORIZED');
      expect(described.StateReason).toBe(
        'Authorization failed: The authorization endpoint answered HTTP 401.',
      );
    } finally {
      await refusing.close();
    }
  });

  it('refuses an http:// authorization endpoint unless --allow-http-destinations', async () => {
    const endpoint = `${tokens.url}/oauth/token`;
    await expectEventsError(
      eventsClient(strict).send(oauth(uniqueName('plain'), endpoint)),
      'ValidationException',
      `Parameter AuthorizationEndpoint is not valid. Reason: Endpoint '${endpoint}' is invalid, please provide a valid HTTPS endpoint URL.`,
    );
  });

  it('refuses a name that exists, a bad name, a bad type and a mismatched block', async () => {
    const name = uniqueName('twice');
    await events.send(basic(name));
    await expectEventsError(
      events.send(basic(name)),
      'ResourceAlreadyExistsException',
      `Connection '${name}' already exists.`,
    );
    await expectEventsError(
      events.send(basic('Invalid Name With Spaces!')),
      'ValidationException',
      "1 validation error detected: Value 'Invalid Name With Spaces!' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
    );
    await expectEventsError(
      events.send(
        new CreateConnectionCommand({
          Name: uniqueName('badtype'),
          AuthorizationType: 'INVALID_AUTH_TYPE' as 'BASIC',
          AuthParameters: { BasicAuthParameters: { Username: 'u', Password: 'p' } },
        }),
      ),
      'ValidationException',
      "1 validation error detected: Value 'INVALID_AUTH_TYPE' at 'authorizationType' failed to satisfy constraint: Member must satisfy enum value set: [BASIC, OAUTH_CLIENT_CREDENTIALS, API_KEY]",
    );
    await expectEventsError(
      events.send(
        new CreateConnectionCommand({
          Name: uniqueName('mismatch'),
          AuthorizationType: 'API_KEY',
          AuthParameters: { BasicAuthParameters: { Username: 'u', Password: 'p' } },
        }),
      ),
      'ValidationException',
      'Parameter BasicAuthParameters is not valid for AuthorizationType API_KEY. Reason: only ApiKeyAuthParameters may be specified.',
    );
  });

  it('answers a missing connection with AWS sentence', async () => {
    await expectEventsError(
      events.send(new DescribeConnectionCommand({ Name: 'nope' })),
      'ResourceNotFoundException',
      "Failed to describe the connection(s). Connection 'nope' does not exist.",
    );
  });
});

describe('ListConnections', () => {
  it('filters by name prefix and state and pages by name', async () => {
    const prefix = uniqueName('list');
    for (const suffix of ['a', 'b', 'c']) await events.send(basic(`${prefix}-${suffix}`));
    await events.send(new DeauthorizeConnectionCommand({ Name: `${prefix}-b` }));
    const first = await events.send(new ListConnectionsCommand({ NamePrefix: prefix, Limit: 2 }));
    expect(first.Connections?.map((c) => c.Name)).toEqual([`${prefix}-a`, `${prefix}-b`]);
    expect(first.Connections?.[0]).toMatchObject({
      AuthorizationType: 'BASIC',
      ConnectionState: 'AUTHORIZED',
    });
    const second = await events.send(
      new ListConnectionsCommand({ NamePrefix: prefix, Limit: 2, NextToken: first.NextToken }),
    );
    expect(second.Connections?.map((c) => c.Name)).toEqual([`${prefix}-c`]);
    expect(second.NextToken).toBeUndefined();
    const deauthorized = await events.send(
      new ListConnectionsCommand({ NamePrefix: prefix, ConnectionState: 'DEAUTHORIZED' }),
    );
    expect(deauthorized.Connections?.map((c) => c.Name)).toEqual([`${prefix}-b`]);
  });
});

describe('UpdateConnection', () => {
  it('writes a new secret version and shows the new username', async () => {
    const name = uniqueName('update');
    await events.send(basic(name));
    const updated = await events.send(
      new UpdateConnectionCommand({
        Name: name,
        Description: 'rotated',
        AuthParameters: { BasicAuthParameters: { Username: 'new_user', Password: 'new_pass' } },
      }),
    );
    expect(updated.ConnectionState).toBe('AUTHORIZED');
    const described = await events.send(new DescribeConnectionCommand({ Name: name }));
    expect(described.Description).toBe('rotated');
    expect(described.AuthParameters?.BasicAuthParameters?.Username).toBe('new_user');
    expect(await secretValue(described.SecretArn!)).toEqual({
      username: 'new_user',
      password: 'new_pass',
    });
  });

  it('changes the authorization type when the new block is complete', async () => {
    const name = uniqueName('retype');
    await events.send(basic(name));
    await expectEventsError(
      events.send(new UpdateConnectionCommand({ Name: name, AuthorizationType: 'API_KEY' })),
      'ValidationException',
      'Parameter(s) ApiKeyAuthParameters must be specified for AuthorizationType API_KEY.',
    );
    await events.send(
      new UpdateConnectionCommand({
        Name: name,
        AuthorizationType: 'API_KEY',
        AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'k', ApiKeyValue: 'v' } },
      }),
    );
    const described = await events.send(new DescribeConnectionCommand({ Name: name }));
    expect(described.AuthorizationType).toBe('API_KEY');
    expect(described.AuthParameters).toEqual({ ApiKeyAuthParameters: { ApiKeyName: 'k' } });
    expect(await secretValue(described.SecretArn!)).toEqual({
      api_key_name: 'k',
      api_key_value: 'v',
    });
  });

  it('refuses an update that changes nothing, and a missing connection', async () => {
    const name = uniqueName('empty');
    await events.send(basic(name));
    await expectEventsError(
      events.send(new UpdateConnectionCommand({ Name: name })),
      'ValidationException',
      'Failed to update the connection(s). At least one of the following is required: Description, KmsKeyIdentifier, AuthorizationType with BasicAuthParameters, ApiKeyAuthParameters, or OAuthParameters.',
    );
    await expectEventsError(
      events.send(new UpdateConnectionCommand({ Name: 'absent', Description: 'x' })),
      'ResourceNotFoundException',
      "Failed to describe the connection(s). Connection 'absent' does not exist.",
    );
  });
});

describe('DeauthorizeConnection and DeleteConnection', () => {
  it('deauthorizes: the secret goes, the connection stays without credentials until updated', async () => {
    const name = uniqueName('deauth');
    await events.send(basic(name));
    const before = await events.send(new DescribeConnectionCommand({ Name: name }));
    const out = await events.send(new DeauthorizeConnectionCommand({ Name: name }));
    expect(out.ConnectionState).toBe('DEAUTHORIZING');
    const after = await events.send(new DescribeConnectionCommand({ Name: name }));
    expect(after.ConnectionState).toBe('DEAUTHORIZED');
    expect(after.SecretArn).toBeUndefined();
    expect(after.AuthParameters).toEqual({});
    expect(after.StateReason).toBe(
      'The authorization parameters were removed from this connection by a DeauthorizeConnection operation.',
    );
    await expectRejection(
      secrets.send(new GetSecretValueCommand({ SecretId: before.SecretArn })),
      SecretsManagerServiceException,
      'ResourceNotFoundException',
      "Secrets Manager can't find the specified secret.",
    );
    await events.send(
      new UpdateConnectionCommand({
        Name: name,
        AuthParameters: { BasicAuthParameters: { Username: 'again', Password: 'pw' } },
      }),
    );
    const again = await events.send(new DescribeConnectionCommand({ Name: name }));
    expect(again.ConnectionState).toBe('AUTHORIZED');
    expect(again.SecretArn).not.toBe(before.SecretArn);
    expect(await secretValue(again.SecretArn!)).toEqual({ username: 'again', password: 'pw' });
  });

  it('deletes: DELETING, then gone with its secret', async () => {
    const name = uniqueName('delete');
    const created = await events.send(basic(name));
    const described = await events.send(new DescribeConnectionCommand({ Name: name }));
    const out = await events.send(new DeleteConnectionCommand({ Name: name }));
    expect(out).toMatchObject({
      ConnectionArn: created.ConnectionArn,
      ConnectionState: 'DELETING',
    });
    await expectEventsError(
      events.send(new DescribeConnectionCommand({ Name: name })),
      'ResourceNotFoundException',
      `Failed to describe the connection(s). Connection '${name}' does not exist.`,
    );
    await expectRejection(
      secrets.send(new GetSecretValueCommand({ SecretId: described.SecretArn })),
      SecretsManagerServiceException,
      'ResourceNotFoundException',
      "Secrets Manager can't find the specified secret.",
    );
    await expectEventsError(
      events.send(new DeleteConnectionCommand({ Name: name })),
      'ResourceNotFoundException',
      `Failed to describe the connection(s). Connection '${name}' does not exist.`,
    );
  });
});
