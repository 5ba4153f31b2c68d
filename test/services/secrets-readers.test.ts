/**
 * The in-process reads a task's `secrets` will use: what the API wrote, read back through
 * the same store as GetParameters and GetSecretValue answer it, in the scope asked for.
 */
import { CreateSecretCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretReader } from '../../src/services/secretsmanager/read.js';
import { createParameterReader } from '../../src/services/ssm/read.js';
import { startTestTeiki, type TestTeiki } from '../helpers/teiki.js';
import { secretsClient } from './secretsmanager/helpers.js';
import { ssmClient } from './ssm/helpers.js';

let teiki: TestTeiki;
const scope = { accountId: '000000000000', region: 'us-east-1' };

beforeAll(async () => {
  teiki = await startTestTeiki();
});
afterAll(() => teiki.close());

describe('reading parameters in-process', () => {
  it('reads names, ARNs and selectors as GetParameters does', async () => {
    const ssm = ssmClient(teiki);
    await ssm.send(
      new PutParameterCommand({ Name: '/job/db-url', Value: 'pg://a', Type: 'String' }),
    );
    await ssm.send(
      new PutParameterCommand({ Name: '/job/db-url', Value: 'pg://b', Overwrite: true }),
    );
    await ssm.send(
      new PutParameterCommand({ Name: 'job-token', Value: 't', Type: 'SecureString' }),
    );
    const reader = createParameterReader({ store: teiki.store, clock: teiki.clock });
    const read = await reader.getParameters(
      scope,
      [
        '/job/db-url',
        '/job/db-url:1',
        'arn:aws:ssm:us-east-1:000000000000:parameter/job-token',
        'missing',
      ],
      true,
    );
    expect(read.parameters.map((p) => [p.Name, p.Value])).toEqual([
      ['/job/db-url', 'pg://b'],
      ['/job/db-url', 'pg://a'],
      ['job-token', 't'],
    ]);
    expect(read.invalidParameters).toEqual(['missing']);
    const elsewhere = await reader.getParameters(
      { accountId: '000000000000', region: 'eu-west-1' },
      ['/job/db-url'],
      true,
    );
    expect(elsewhere).toEqual({ parameters: [], invalidParameters: ['/job/db-url'] });
  });
});

describe('reading secrets in-process', () => {
  it('reads a value by name or ARN and stage, with GetSecretValue errors', async () => {
    const sm = secretsClient(teiki);
    const { ARN } = await sm.send(
      new CreateSecretCommand({ Name: 'job/api', SecretString: '{"key":"one"}' }),
    );
    await sm.send(
      new PutSecretValueCommand({ SecretId: 'job/api', SecretString: '{"key":"two"}' }),
    );
    const reader = createSecretReader({ store: teiki.store, clock: teiki.clock });
    expect((await reader.getSecretValue(scope, 'job/api')).SecretString).toBe('{"key":"two"}');
    expect(
      (await reader.getSecretValue(scope, ARN ?? '', { versionStage: 'AWSPREVIOUS' })).SecretString,
    ).toBe('{"key":"one"}');
    await expect(reader.getSecretValue(scope, 'job/none')).rejects.toMatchObject({
      code: 'ResourceNotFoundException',
      message: "Secrets Manager can't find the specified secret.",
    });
  });
});
