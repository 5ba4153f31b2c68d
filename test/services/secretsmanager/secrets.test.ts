import {
  CreateSecretCommand,
  DeleteResourcePolicyCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetResourcePolicyCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutResourcePolicyCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretCommand,
  paginateListSecrets,
  type ListSecretsCommandInput,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { NOT_FOUND, arnPattern, expectSecretsError, secretsClient, uniqueName } from './helpers.js';

let teiki: TestTeiki;
let sm: SecretsManagerClient;

beforeAll(async () => {
  teiki = await startTestTeiki();
  sm = secretsClient(teiki);
});
afterAll(() => teiki.close());

describe('CreateSecret and DescribeSecret', () => {
  it('creates a secret with its first version, ARN suffix and metadata', async () => {
    const name = `app/${uniqueName('db')}`;
    const created = await sm.send(
      new CreateSecretCommand({
        Name: name,
        SecretString: '{"user":"u","password":"p"}',
        Description: 'the database',
        Tags: [{ Key: 'team', Value: 'blue' }],
      }),
    );
    expect(created.ARN).toMatch(arnPattern(name));
    expect(created.Name).toBe(name);
    expect(created.VersionId).toMatch(/^[0-9a-f-]{36}$/);
    const described = await sm.send(new DescribeSecretCommand({ SecretId: name }));
    expect(described).toMatchObject({
      ARN: created.ARN,
      Name: name,
      Description: 'the database',
      Tags: [{ Key: 'team', Value: 'blue' }],
      VersionIdsToStages: { [created.VersionId ?? '']: ['AWSCURRENT'] },
    });
    expect(described.CreatedDate).toBeInstanceOf(Date);
    expect(described.LastChangedDate).toBeInstanceOf(Date);
    expect(described.LastAccessedDate).toBeUndefined();
    expect(described.DeletedDate).toBeUndefined();
    expect(described.KmsKeyId).toBeUndefined();
  });

  it('finds a secret by name, full ARN and partial ARN', async () => {
    const name = uniqueName('lookup');
    const { ARN } = await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'v' }));
    const partial = (ARN ?? '').slice(0, -7);
    for (const id of [name, ARN, partial]) {
      const value = await sm.send(new GetSecretValueCommand({ SecretId: id }));
      expect(value).toMatchObject({ ARN, Name: name, SecretString: 'v' });
    }
    await expectSecretsError(
      sm.send(new DescribeSecretCommand({ SecretId: `${partial}-AAAAAA` })),
      'ResourceNotFoundException',
      NOT_FOUND,
    );
    await expectSecretsError(
      sm.send(
        new DescribeSecretCommand({
          SecretId: (ARN ?? '').replace(':000000000000:', ':123456789012:'),
        }),
      ),
      'ResourceNotFoundException',
      NOT_FOUND,
    );
  });

  it('creates a secret without a value, which has no version yet', async () => {
    const name = uniqueName('empty');
    const created = await sm.send(new CreateSecretCommand({ Name: name, KmsKeyId: 'alias/mine' }));
    expect(created.VersionId).toBeUndefined();
    const described = await sm.send(new DescribeSecretCommand({ SecretId: name }));
    expect(described.VersionIdsToStages).toBeUndefined();
    expect(described.KmsKeyId).toBe('alias/mine');
    await expectSecretsError(
      sm.send(new GetSecretValueCommand({ SecretId: name })),
      'ResourceNotFoundException',
      "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
    );
  });

  it('refuses a name in use, and repeats a creation with the same token', async () => {
    const name = uniqueName('twice');
    const token = 'a'.repeat(32);
    const first = await sm.send(
      new CreateSecretCommand({ Name: name, SecretString: 'v', ClientRequestToken: token }),
    );
    const again = await sm.send(
      new CreateSecretCommand({ Name: name, SecretString: 'v', ClientRequestToken: token }),
    );
    expect(again).toMatchObject({ ARN: first.ARN, VersionId: token });
    await expectSecretsError(
      sm.send(
        new CreateSecretCommand({ Name: name, SecretString: 'other', ClientRequestToken: token }),
      ),
      'ResourceExistsException',
      "You can't modify an existing version, you can only create a new version.",
    );
    await expectSecretsError(
      sm.send(new CreateSecretCommand({ Name: name, SecretString: 'v' })),
      'ResourceExistsException',
      `The operation failed because the secret ${name} already exists.`,
    );
  });

  it.each(['bad name', 'semi;colon', 'ünï'])('refuses the name %j', async (name) => {
    await expectSecretsError(
      sm.send(new CreateSecretCommand({ Name: name, SecretString: 'v' })),
      'ValidationException',
      'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!',
    );
  });

  it('refuses both a string and a binary value', async () => {
    await expectSecretsError(
      sm.send(
        new CreateSecretCommand({
          Name: uniqueName('both'),
          SecretString: 's',
          SecretBinary: new Uint8Array([1]),
        }),
      ),
      'InvalidParameterException',
      "You can't specify both a binary secret value and a string secret value in the same secret.",
    );
  });

  it('wants a ClientRequestToken from callers that are not SDKs', async () => {
    const answer = await raw(teiki.url, {
      headers: {
        'x-amz-target': 'secretsmanager.CreateSecret',
        'content-type': 'application/x-amz-json-1.1',
      },
      body: JSON.stringify({ Name: uniqueName('raw'), SecretString: 'v' }),
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({
      __type: 'InvalidRequestException',
      Message: 'You must provide a ClientRequestToken value. We recommend a UUID-type value.',
    });
  });

  it('records AddReplicaRegions as given', async () => {
    const created = await sm.send(
      new CreateSecretCommand({
        Name: uniqueName('replicated'),
        SecretString: 'v',
        AddReplicaRegions: [{ Region: 'eu-west-1' }],
      }),
    );
    expect(created.ReplicationStatus).toEqual([
      {
        Region: 'eu-west-1',
        KmsKeyId: 'alias/aws/secretsmanager',
        Status: 'InSync',
        StatusMessage: 'Replication succeeded',
      },
    ]);
    const described = await sm.send(new DescribeSecretCommand({ SecretId: created.ARN }));
    expect(described.PrimaryRegion).toBe('us-east-1');
  });
});

describe('UpdateSecret, tags and resource policies', () => {
  it('updates the description alone, or adds a version with a value', async () => {
    const name = uniqueName('upd');
    const created = await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'one' }));
    const plain = await sm.send(new UpdateSecretCommand({ SecretId: name, Description: 'new' }));
    expect(plain).toEqual(expect.objectContaining({ ARN: created.ARN, Name: name }));
    expect(plain.VersionId).toBeUndefined();
    const valued = await sm.send(new UpdateSecretCommand({ SecretId: name, SecretString: 'two' }));
    expect(valued.VersionId).toBeDefined();
    const described = await sm.send(new DescribeSecretCommand({ SecretId: name }));
    expect(described.Description).toBe('new');
    expect(described.VersionIdsToStages).toEqual({
      [created.VersionId ?? '']: ['AWSPREVIOUS'],
      [valued.VersionId ?? '']: ['AWSCURRENT'],
    });
  });

  it('tags and untags', async () => {
    const name = uniqueName('tags');
    await sm.send(new CreateSecretCommand({ Name: name, Tags: [{ Key: 'a', Value: '1' }] }));
    await sm.send(
      new TagResourceCommand({
        SecretId: name,
        Tags: [
          { Key: 'a', Value: '2' },
          { Key: 'b', Value: '3' },
        ],
      }),
    );
    await sm.send(new UntagResourceCommand({ SecretId: name, TagKeys: ['b'] }));
    const described = await sm.send(new DescribeSecretCommand({ SecretId: name }));
    expect(described.Tags).toEqual([{ Key: 'a', Value: '2' }]);
    await expectSecretsError(
      sm.send(new TagResourceCommand({ SecretId: uniqueName('none'), Tags: [] })),
      'ResourceNotFoundException',
      NOT_FOUND,
    );
  });

  it('stores, answers and deletes a resource policy', async () => {
    const name = uniqueName('policy');
    const { ARN } = await sm.send(new CreateSecretCommand({ Name: name }));
    expect(await sm.send(new GetResourcePolicyCommand({ SecretId: name }))).not.toHaveProperty(
      'ResourcePolicy',
    );
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: '*', Resource: '*' }],
    });
    await sm.send(new PutResourcePolicyCommand({ SecretId: name, ResourcePolicy: policy }));
    expect(await sm.send(new GetResourcePolicyCommand({ SecretId: name }))).toMatchObject({
      ARN,
      Name: name,
      ResourcePolicy: policy,
    });
    await sm.send(new DeleteResourcePolicyCommand({ SecretId: name }));
    expect(await sm.send(new GetResourcePolicyCommand({ SecretId: name }))).not.toHaveProperty(
      'ResourcePolicy',
    );
    await expectSecretsError(
      sm.send(new PutResourcePolicyCommand({ SecretId: name, ResourcePolicy: 'nope' })),
      'MalformedPolicyDocumentException',
      /syntax error/,
    );
  });
});

describe('ListSecrets', () => {
  const prefix = uniqueName('list');
  beforeAll(async () => {
    await sm.send(
      new CreateSecretCommand({
        Name: `${prefix}/alpha`,
        Description: 'Primary database password',
        Tags: [{ Key: 'env', Value: 'prod' }],
      }),
    );
    await sm.send(new CreateSecretCommand({ Name: `${prefix}/beta`, SecretString: 'b' }));
    await sm.send(
      new CreateSecretCommand({ Name: `${prefix}/gamma`, Tags: [{ Key: 'env', Value: 'dev' }] }),
    );
  });

  async function names(input: ListSecretsCommandInput) {
    const { SecretList } = await sm.send(new ListSecretsCommand(input));
    return (SecretList ?? []).map((s) => s.Name?.slice(prefix.length + 1));
  }

  it.each([
    [[{ Key: 'name' as const, Values: ['PREFIX/al'] }], ['alpha']],
    [[{ Key: 'tag-key' as const, Values: ['env'] }], ['alpha', 'gamma']],
    [[{ Key: 'tag-value' as const, Values: ['prod', 'dev'] }], ['alpha', 'gamma']],
    [[{ Key: 'tag-value' as const, Values: ['!prod'] }], ['gamma']],
    [[{ Key: 'description' as const, Values: ['database'] }], ['alpha']],
    [[{ Key: 'all' as const, Values: ['PASSWORD'] }], ['alpha']],
  ])('filters with %j', async (filters, expected) => {
    const withPrefix = filters.map((f) => ({
      ...f,
      Values: f.Values.map((v) => v.replace('PREFIX', prefix)),
    }));
    const scoped = [...withPrefix, { Key: 'name' as const, Values: [`${prefix}/`] }];
    expect(await names({ Filters: scoped, SortOrder: 'asc' })).toEqual(expected);
  });

  it('sorts by creation date, newest first unless asc, or by name', async () => {
    const filter = [{ Key: 'name' as const, Values: [`${prefix}/`] }];
    expect(await names({ Filters: filter, SortOrder: 'asc' })).toEqual(['alpha', 'beta', 'gamma']);
    expect(await names({ Filters: filter })).toEqual(['gamma', 'beta', 'alpha']);
    expect(await names({ Filters: filter, SortBy: 'name', SortOrder: 'asc' })).toEqual([
      'alpha',
      'beta',
      'gamma',
    ]);
  });

  it('pages, and shows version stages and planned deletions only when asked', async () => {
    const filter = [{ Key: 'name' as const, Values: [`${prefix}/`] }];
    const seen: string[] = [];
    for await (const page of paginateListSecrets(
      { client: sm, pageSize: 2 },
      { Filters: filter, SortOrder: 'asc' },
    )) {
      expect((page.SecretList ?? []).length).toBeLessThanOrEqual(2);
      seen.push(...(page.SecretList ?? []).map((s) => s.Name ?? ''));
    }
    expect(seen).toHaveLength(3);
    const { SecretList } = await sm.send(
      new ListSecretsCommand({ Filters: filter, SortOrder: 'asc' }),
    );
    expect(Object.values(SecretList?.[1]?.SecretVersionsToStages ?? {})).toEqual([['AWSCURRENT']]);
    await sm.send(new DeleteSecretCommand({ SecretId: `${prefix}/gamma` }));
    expect(await names({ Filters: filter, SortOrder: 'asc' })).toEqual(['alpha', 'beta']);
    expect(
      await names({ Filters: filter, SortOrder: 'asc', IncludePlannedDeletion: true }),
    ).toEqual(['alpha', 'beta', 'gamma']);
    await expectSecretsError(
      sm.send(new ListSecretsCommand({ NextToken: 'bogus' })),
      'InvalidNextTokenException',
      'The NextToken value is invalid.',
    );
  });
});

describe('DeleteSecret and RestoreSecret', () => {
  it('schedules a deletion after the recovery window, and restores', async () => {
    const name = uniqueName('del');
    const { ARN } = await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'v' }));
    const before = Date.now();
    const deleted = await sm.send(
      new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 7 }),
    );
    expect(deleted).toMatchObject({ ARN, Name: name });
    const days = ((deleted.DeletionDate?.getTime() ?? 0) - before) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);
    const described = await sm.send(new DescribeSecretCommand({ SecretId: name }));
    expect(described.DeletedDate?.getTime()).toBe(deleted.DeletionDate?.getTime());
    const marked =
      "You can't perform this operation on the secret because it was marked for deletion.";
    await expectSecretsError(
      sm.send(new GetSecretValueCommand({ SecretId: name })),
      'InvalidRequestException',
      marked,
    );
    await expectSecretsError(
      sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'w' })),
      'InvalidRequestException',
      marked,
    );
    await expectSecretsError(
      sm.send(new UpdateSecretCommand({ SecretId: name, Description: 'x' })),
      'InvalidRequestException',
      marked,
    );
    await expectSecretsError(
      sm.send(new DeleteSecretCommand({ SecretId: name })),
      'InvalidRequestException',
      "You tried to perform the operation on a secret that's currently marked deleted.",
    );
    await expectSecretsError(
      sm.send(new CreateSecretCommand({ Name: name, SecretString: 'v' })),
      'InvalidRequestException',
      "You can't create this secret because a secret with this name is already scheduled for deletion.",
    );
    expect(await sm.send(new RestoreSecretCommand({ SecretId: name }))).toMatchObject({
      ARN,
      Name: name,
    });
    const value = await sm.send(new GetSecretValueCommand({ SecretId: name }));
    expect(value.SecretString).toBe('v');
  });

  it('checks the window and its companion flag', async () => {
    const name = uniqueName('window');
    await sm.send(new CreateSecretCommand({ Name: name }));
    await expectSecretsError(
      sm.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 6 })),
      'InvalidParameterException',
      'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).',
    );
    await expectSecretsError(
      sm.send(
        new DeleteSecretCommand({
          SecretId: name,
          RecoveryWindowInDays: 7,
          ForceDeleteWithoutRecovery: true,
        }),
      ),
      'InvalidParameterException',
      "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
    );
  });

  it('deletes at once with ForceDeleteWithoutRecovery; the name then takes a new ARN', async () => {
    const name = uniqueName('force');
    const first = await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'v' }));
    await sm.send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true }));
    await expectSecretsError(
      sm.send(new DescribeSecretCommand({ SecretId: name })),
      'ResourceNotFoundException',
      NOT_FOUND,
    );
    const second = await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'w' }));
    expect(second.ARN).toMatch(arnPattern(name));
    expect(second.ARN).not.toBe(first.ARN);
    await expectSecretsError(
      sm.send(new GetSecretValueCommand({ SecretId: first.ARN })),
      'ResourceNotFoundException',
      NOT_FOUND,
    );
  });
});
