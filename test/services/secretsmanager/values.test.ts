import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { NOT_FOUND, expectSecretsError, secretsClient, uniqueName } from './helpers.js';

let teiki: TestTeiki;
let sm: SecretsManagerClient;

beforeAll(async () => {
  teiki = await startTestTeiki();
  sm = secretsClient(teiki);
});
afterAll(() => teiki.close());

async function stagesOf(secretId: string) {
  return (await sm.send(new DescribeSecretCommand({ SecretId: secretId }))).VersionIdsToStages;
}

describe('GetSecretValue and PutSecretValue', () => {
  it('moves AWSCURRENT to a new version and AWSPREVIOUS to the one it left', async () => {
    const name = uniqueName('rot');
    const v1 = (await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'one' })))
      .VersionId;
    const put = await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'two' }));
    expect(put.VersionStages).toEqual(['AWSCURRENT']);
    const v3 = (await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'three' })))
      .VersionId;
    expect(await stagesOf(name)).toEqual({
      [put.VersionId ?? '']: ['AWSPREVIOUS'],
      [v3 ?? '']: ['AWSCURRENT'],
    });
    const current = await sm.send(new GetSecretValueCommand({ SecretId: name }));
    expect(current).toMatchObject({
      SecretString: 'three',
      VersionId: v3,
      VersionStages: ['AWSCURRENT'],
    });
    expect(current.CreatedDate).toBeInstanceOf(Date);
    const previous = await sm.send(
      new GetSecretValueCommand({ SecretId: name, VersionStage: 'AWSPREVIOUS' }),
    );
    expect(previous.SecretString).toBe('two');
    const oldest = await sm.send(new GetSecretValueCommand({ SecretId: name, VersionId: v1 }));
    expect(oldest).toMatchObject({ SecretString: 'one', VersionStages: [] });
    await expectSecretsError(
      sm.send(
        new GetSecretValueCommand({ SecretId: name, VersionId: v1, VersionStage: 'AWSCURRENT' }),
      ),
      'InvalidRequestException',
      'You provided a VersionStage that is not associated to the provided VersionId.',
    );
    await expectSecretsError(
      sm.send(new GetSecretValueCommand({ SecretId: name, VersionStage: 'NOPE' })),
      'ResourceNotFoundException',
      "Secrets Manager can't find the specified secret value for staging label: NOPE",
    );
    const missingId = '0'.repeat(32);
    await expectSecretsError(
      sm.send(new GetSecretValueCommand({ SecretId: name, VersionId: missingId })),
      'ResourceNotFoundException',
      `Secrets Manager can't find the specified secret value for VersionId: ${missingId}`,
    );
  });

  it('attaches custom stages without moving AWSCURRENT, except on a first version', async () => {
    const name = uniqueName('stages');
    await sm.send(new CreateSecretCommand({ Name: name }));
    const first = await sm.send(
      new PutSecretValueCommand({ SecretId: name, SecretString: 'a', VersionStages: ['blue'] }),
    );
    expect(first.VersionStages).toEqual(['blue', 'AWSCURRENT']);
    const second = await sm.send(
      new PutSecretValueCommand({ SecretId: name, SecretString: 'b', VersionStages: ['blue'] }),
    );
    expect(second.VersionStages).toEqual(['blue']);
    expect(await stagesOf(name)).toEqual({
      [first.VersionId ?? '']: ['AWSCURRENT'],
      [second.VersionId ?? '']: ['blue'],
    });
    const blue = await sm.send(new GetSecretValueCommand({ SecretId: name, VersionStage: 'blue' }));
    expect(blue.SecretString).toBe('b');
  });

  it('keeps binary values as bytes', async () => {
    const name = uniqueName('bin');
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await sm.send(new CreateSecretCommand({ Name: name, SecretBinary: bytes }));
    const value = await sm.send(new GetSecretValueCommand({ SecretId: name }));
    expect(value.SecretString).toBeUndefined();
    expect([...(value.SecretBinary ?? [])]).toEqual([...bytes]);
  });

  it('repeats a put with the same token and value, and refuses another value', async () => {
    const name = uniqueName('idem');
    await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'a' }));
    const token = 'b'.repeat(36);
    const first = await sm.send(
      new PutSecretValueCommand({ SecretId: name, SecretString: 'x', ClientRequestToken: token }),
    );
    const again = await sm.send(
      new PutSecretValueCommand({ SecretId: name, SecretString: 'x', ClientRequestToken: token }),
    );
    expect(again).toEqual(
      expect.objectContaining({ VersionId: token, VersionStages: first.VersionStages }),
    );
    await expectSecretsError(
      sm.send(
        new PutSecretValueCommand({ SecretId: name, SecretString: 'y', ClientRequestToken: token }),
      ),
      'ResourceExistsException',
      "You can't modify an existing version, you can only create a new version.",
    );
    await expectSecretsError(
      sm.send(new PutSecretValueCommand({ SecretId: name })),
      'InvalidRequestException',
      'You must provide either SecretString or SecretBinary.',
    );
    await expectSecretsError(
      sm.send(new PutSecretValueCommand({ SecretId: uniqueName('none'), SecretString: 'v' })),
      'ResourceNotFoundException',
      NOT_FOUND,
    );
  });

  it('records the day of the last read', async () => {
    const name = uniqueName('accessed');
    await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'v' }));
    await sm.send(new GetSecretValueCommand({ SecretId: name }));
    const described = await sm.send(new DescribeSecretCommand({ SecretId: name }));
    const day = described.LastAccessedDate?.getTime() ?? -1;
    expect(day % 86_400_000).toBe(0);
    expect(Date.now() - day).toBeLessThan(86_400_000);
  });
});

describe('BatchGetSecretValue', () => {
  const prefix = uniqueName('batch');
  beforeAll(async () => {
    for (const n of ['a', 'b', 'c']) {
      await sm.send(new CreateSecretCommand({ Name: `${prefix}/${n}`, SecretString: n }));
    }
    await sm.send(new CreateSecretCommand({ Name: `${prefix}/empty` }));
  });

  it('reads a list of secrets, answering each failure in Errors', async () => {
    const answer = await sm.send(
      new BatchGetSecretValueCommand({
        SecretIdList: [`${prefix}/a`, `${prefix}/missing`, `${prefix}/c`, `${prefix}/empty`],
      }),
    );
    expect(answer.SecretValues?.map((v) => v.SecretString)).toEqual(['a', 'c']);
    expect(answer.Errors).toEqual([
      { SecretId: `${prefix}/missing`, ErrorCode: 'ResourceNotFoundException', Message: NOT_FOUND },
      {
        SecretId: `${prefix}/empty`,
        ErrorCode: 'ResourceNotFoundException',
        Message:
          "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
      },
    ]);
  });

  it('reads by Filters, paged', async () => {
    const filters = [{ Key: 'name' as const, Values: [`${prefix}/`] }];
    const first = await sm.send(
      new BatchGetSecretValueCommand({ Filters: filters, MaxResults: 2 }),
    );
    expect(first.SecretValues).toHaveLength(2);
    expect(first.NextToken).toBeDefined();
    const second = await sm.send(
      new BatchGetSecretValueCommand({
        Filters: filters,
        MaxResults: 2,
        NextToken: first.NextToken,
      }),
    );
    expect(second.NextToken).toBeUndefined();
    expect(second.SecretValues?.length).toBe(1);
    expect(second.Errors).toHaveLength(1);
  });

  it('wants exactly one of SecretIdList and Filters, and MaxResults only with Filters', async () => {
    await expectSecretsError(
      sm.send(new BatchGetSecretValueCommand({})),
      'InvalidParameterException',
      "Either 'SecretIdList' or 'Filters' must be provided, but not both.",
    );
    await expectSecretsError(
      sm.send(
        new BatchGetSecretValueCommand({
          SecretIdList: ['a'],
          Filters: [{ Key: 'name', Values: ['a'] }],
        }),
      ),
      'InvalidParameterException',
      "Either 'SecretIdList' or 'Filters' must be provided, but not both.",
    );
    await expectSecretsError(
      sm.send(new BatchGetSecretValueCommand({ SecretIdList: ['a'], MaxResults: 5 })),
      'InvalidParameterException',
      "'Filters' not specified. 'Filters' must also be specified when 'MaxResults' is provided.",
    );
  });
});

describe('ListSecretVersionIds and UpdateSecretVersionStage', () => {
  it('lists staged versions newest first, every version with IncludeDeprecated', async () => {
    const name = uniqueName('versions');
    const v1 = (await sm.send(new CreateSecretCommand({ Name: name, SecretString: '1' })))
      .VersionId;
    const v2 = (await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: '2' })))
      .VersionId;
    const v3 = (await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: '3' })))
      .VersionId;
    const staged = await sm.send(new ListSecretVersionIdsCommand({ SecretId: name }));
    expect(staged.Versions?.map((v) => [v.VersionId, v.VersionStages])).toEqual([
      [v3, ['AWSCURRENT']],
      [v2, ['AWSPREVIOUS']],
    ]);
    expect(staged.Versions?.[0]?.KmsKeyIds).toEqual(['DefaultEncryptionKey']);
    const all = await sm.send(
      new ListSecretVersionIdsCommand({ SecretId: name, IncludeDeprecated: true, MaxResults: 2 }),
    );
    expect(all.Versions?.map((v) => v.VersionId)).toEqual([v3, v2]);
    const rest = await sm.send(
      new ListSecretVersionIdsCommand({
        SecretId: name,
        IncludeDeprecated: true,
        NextToken: all.NextToken,
      }),
    );
    expect(rest.Versions?.map((v) => [v.VersionId, v.VersionStages])).toEqual([[v1, undefined]]);
  });

  it('moves and removes stages by AWS rules', async () => {
    const name = uniqueName('move');
    const v1 =
      (await sm.send(new CreateSecretCommand({ Name: name, SecretString: '1' }))).VersionId ?? '';
    const v2 =
      (
        await sm.send(
          new PutSecretValueCommand({
            SecretId: name,
            SecretString: '2',
            VersionStages: ['AWSPENDING'],
          }),
        )
      ).VersionId ?? '';
    await expectSecretsError(
      sm.send(
        new UpdateSecretVersionStageCommand({
          SecretId: name,
          VersionStage: 'AWSCURRENT',
          MoveToVersionId: v2,
        }),
      ),
      'InvalidParameterException',
      `The parameter RemoveFromVersionId can't be empty. Staging label AWSCURRENT is currently attached to version ${v1}, so you must explicitly reference that version in RemoveFromVersionId.`,
    );
    await expectSecretsError(
      sm.send(
        new UpdateSecretVersionStageCommand({
          SecretId: name,
          VersionStage: 'AWSCURRENT',
          RemoveFromVersionId: v1,
        }),
      ),
      'InvalidParameterException',
      "You can only move staging label AWSCURRENT to a different secret version. It can't be completely removed.",
    );
    await sm.send(
      new UpdateSecretVersionStageCommand({
        SecretId: name,
        VersionStage: 'AWSCURRENT',
        RemoveFromVersionId: v1,
        MoveToVersionId: v2,
      }),
    );
    expect(await stagesOf(name)).toEqual({
      [v1]: ['AWSPREVIOUS'],
      [v2]: ['AWSPENDING', 'AWSCURRENT'],
    });
    await sm.send(
      new UpdateSecretVersionStageCommand({
        SecretId: name,
        VersionStage: 'AWSPENDING',
        RemoveFromVersionId: v2,
      }),
    );
    expect(await stagesOf(name)).toEqual({ [v1]: ['AWSPREVIOUS'], [v2]: ['AWSCURRENT'] });
    await expectSecretsError(
      sm.send(
        new UpdateSecretVersionStageCommand({
          SecretId: name,
          VersionStage: 'custom',
          MoveToVersionId: 'f'.repeat(32),
        }),
      ),
      'InvalidParameterException',
      `Not a valid version: ${'f'.repeat(32)}`,
    );
  });
});

describe('on a virtual clock', () => {
  let clockTeiki: TestTeiki;
  let client: SecretsManagerClient;
  beforeAll(async () => {
    clockTeiki = await startTestTeiki([
      '--in-memory',
      '--clock',
      'virtual',
      '--clock-start',
      '2026-01-01T00:00:00Z',
    ]);
    client = secretsClient(clockTeiki);
  });
  afterAll(() => clockTeiki.close());

  async function advanceDays(days: number) {
    const response = await fetch(`${clockTeiki.url}/_teiki/clock`, {
      method: 'POST',
      body: JSON.stringify({ advanceSeconds: days * 86_400 }),
    });
    expect(response.status).toBe(200);
  }

  it('removes a secret once its recovery window has passed', async () => {
    const name = uniqueName('window');
    await client.send(new CreateSecretCommand({ Name: name, SecretString: 'v' }));
    const deleted = await client.send(
      new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 7 }),
    );
    expect(deleted.DeletionDate?.toISOString()).toBe('2026-01-08T00:00:00.000Z');
    await advanceDays(6);
    expect((await client.send(new DescribeSecretCommand({ SecretId: name }))).DeletedDate).toEqual(
      deleted.DeletionDate,
    );
    await advanceDays(1);
    await expectSecretsError(
      client.send(new DescribeSecretCommand({ SecretId: name })),
      'ResourceNotFoundException',
      NOT_FOUND,
    );
    const again = await client.send(new CreateSecretCommand({ Name: name, SecretString: 'w' }));
    expect(again.Name).toBe(name);
  });

  it('drops versions without a stage beyond 100, once they are a day old', async () => {
    const name = uniqueName('many');
    const first = await client.send(new CreateSecretCommand({ Name: name, SecretString: '0' }));
    for (let i = 1; i < 100; i++) {
      await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: String(i) }));
    }
    const count = async () => {
      let total = 0;
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListSecretVersionIdsCommand({
            SecretId: name,
            IncludeDeprecated: true,
            NextToken: token,
          }),
        );
        total += page.Versions?.length ?? 0;
        token = page.NextToken;
      } while (token);
      return total;
    };
    expect(await count()).toBe(100);
    // Within a day nothing is removed, even past 100.
    await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: '100' }));
    expect(await count()).toBe(101);
    await advanceDays(2);
    await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: '101' }));
    expect(await count()).toBe(100);
    await expectSecretsError(
      client.send(new GetSecretValueCommand({ SecretId: name, VersionId: first.VersionId })),
      'ResourceNotFoundException',
      `Secrets Manager can't find the specified secret value for VersionId: ${first.VersionId}`,
    );
  });
});
