/**
 * Parameter Store and Secrets Manager under `--auth enforce`: parameters by their ARN
 * (`parameter/NAME`, selectors left out), GetParametersByPath with ssm:Recursive, secrets
 * by their full ARN (a new one as `secret:NAME-??????`), BatchGetSecretValue needing
 * GetSecretValue on each secret, resource tags from `secretsmanager:ResourceTag/…`.
 */
import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  GetParameterCommand,
  GetParametersByPathCommand,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestTeiki } from '../../helpers/teiki.js';
import {
  ACCOUNT,
  ROOT,
  expectDenied,
  makeUser,
  notAllowed,
  startEnforcingTeiki,
  type Keys,
} from './helpers.js';

let teiki: TestTeiki;
let dbArn: string;
beforeAll(async () => {
  teiki = await startEnforcingTeiki();
  const ssm = new SSMClient(teiki.clientConfig(ROOT));
  await ssm.send(
    new PutParameterCommand({ Name: '/app/db/url', Value: 'postgres://db', Type: 'String' }),
  );
  await ssm.send(new PutParameterCommand({ Name: '/other/key', Value: 'x', Type: 'String' }));
  const created = await new SecretsManagerClient(teiki.clientConfig(ROOT)).send(
    new CreateSecretCommand({
      Name: 'app/db',
      SecretString: 'hunter2',
      Tags: [{ Key: 'team', Value: 'blue' }],
    }),
  );
  dbArn = created.ARN ?? '';
});
afterAll(() => teiki.close());

const ssm = (keys: Keys) => new SSMClient(teiki.clientConfig(keys));
const sm = (keys: Keys) => new SecretsManagerClient(teiki.clientConfig(keys));
const parameterArn = (name: string) => `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/${name}`;

describe('Parameter Store', () => {
  it('authorizes a read on the parameter, whatever selector it names', async () => {
    const user = await makeUser(teiki, {
      statements: [
        { Effect: 'Allow', Action: 'ssm:GetParameter', Resource: parameterArn('app/*') },
      ],
    });
    const out = await ssm(user).send(new GetParameterCommand({ Name: '/app/db/url:1' }));
    expect(out.Parameter?.Value).toBe('postgres://db');
    await expectDenied(
      ssm(user).send(new GetParameterCommand({ Name: '/other/key' })),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'ssm:GetParameter', parameterArn('other/key')),
    );
  });

  it('tests ssm:Recursive on GetParametersByPath', async () => {
    const user = await makeUser(teiki, {
      statements: [
        {
          Effect: 'Allow',
          Action: 'ssm:GetParametersByPath',
          Resource: parameterArn('app'),
          Condition: { StringEquals: { 'ssm:Recursive': 'false' } },
        },
      ],
    });
    await ssm(user).send(new GetParametersByPathCommand({ Path: '/app' }));
    await expectDenied(
      ssm(user).send(new GetParametersByPathCommand({ Path: '/app', Recursive: true })),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'ssm:GetParametersByPath', parameterArn('app')),
    );
  });
});

describe('Secrets Manager', () => {
  it('authorizes by the secret ARN, and tests its tags', async () => {
    const user = await makeUser(teiki, {
      statements: [
        {
          Effect: 'Allow',
          Action: 'secretsmanager:GetSecretValue',
          Resource: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:app/db-??????`,
          Condition: { StringEquals: { 'secretsmanager:ResourceTag/team': 'blue' } },
        },
      ],
    });
    const value = await sm(user).send(new GetSecretValueCommand({ SecretId: 'app/db' }));
    expect(value.SecretString).toBe('hunter2');
    const other = await makeUser(teiki);
    await expectDenied(
      sm(other).send(new GetSecretValueCommand({ SecretId: 'app/db' })),
      'AccessDeniedException',
      400,
      notAllowed(other.arn, 'secretsmanager:GetSecretValue', dbArn),
    );
  });

  it('creates a secret on secret:NAME-?????? and batch-reads only with GetSecretValue on each', async () => {
    const user = await makeUser(teiki, {
      statements: [
        {
          Effect: 'Allow',
          Action: 'secretsmanager:CreateSecret',
          Resource: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:team/*`,
        },
        { Effect: 'Allow', Action: 'secretsmanager:BatchGetSecretValue', Resource: '*' },
      ],
    });
    await sm(user).send(new CreateSecretCommand({ Name: 'team/token', SecretString: 't' }));
    await expectDenied(
      sm(user).send(new CreateSecretCommand({ Name: 'elsewhere', SecretString: 't' })),
      'AccessDeniedException',
      400,
      notAllowed(
        user.arn,
        'secretsmanager:CreateSecret',
        `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:elsewhere-??????`,
      ),
    );
    await expectDenied(
      sm(user).send(new BatchGetSecretValueCommand({ SecretIdList: ['app/db'] })),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'secretsmanager:GetSecretValue', dbArn),
    );
  });
});
