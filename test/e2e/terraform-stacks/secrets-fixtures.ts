/**
 * A job's configuration and secrets, applied with Terraform against teiki: a String and a
 * SecureString `aws_ssm_parameter`, and two `aws_secretsmanager_secret`s with their
 * `aws_secretsmanager_secret_version` (a JSON string and a binary). It must apply, show no
 * drift on a second plan, and destroy: the parameters go, the secret with a zero recovery
 * window goes at once, the other waits out its 30 days scheduled for deletion.
 */
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  DescribeParametersCommand,
  GetParameterCommand,
  ListTagsForResourceCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { expect } from 'vitest';
import type { TerraformStack } from './stack-helpers.js';

const STACK = `
resource "aws_ssm_parameter" "db_url" {
  name        = "/sample/logger/db-url"
  type        = "String"
  value       = "postgres://db.internal:5432/app"
  description = "Where the logger writes"
  tags        = { Team = "platform" }
}

resource "aws_ssm_parameter" "db_password" {
  name  = "/sample/logger/db-password"
  type  = "SecureString"
  value = "correct horse battery staple"
}

resource "aws_secretsmanager_secret" "api" {
  name                    = "sample/logger/api-key"
  description             = "Key of the upstream API"
  recovery_window_in_days = 0
  tags                    = { Team = "platform" }
}

resource "aws_secretsmanager_secret_version" "api" {
  secret_id     = aws_secretsmanager_secret.api.id
  secret_string = jsonencode({ key = "abc123", region = "us-east-1" })
}

resource "aws_secretsmanager_secret" "cert" {
  name = "sample/logger/client-cert"
}

resource "aws_secretsmanager_secret_version" "cert" {
  secret_id     = aws_secretsmanager_secret.cert.id
  secret_binary = base64encode("-----BEGIN CERTIFICATE-----")
}

output "db_url_arn" { value = aws_ssm_parameter.db_url.arn }
output "api_arn" { value = aws_secretsmanager_secret.api.arn }
output "api_version" { value = aws_secretsmanager_secret_version.api.version_id }
`;

export const secretsStack = (): TerraformStack => ({
  name: 'secrets',
  title: 'SSM parameters and Secrets Manager secrets',
  files: { 'main.tf': STACK },
  afterApply: {
    'the parameters and the secrets hold what was written': async ({ outputs, client }) => {
      expect(outputs.db_url_arn?.value).toBe(
        'arn:aws:ssm:us-east-1:000000000000:parameter/sample/logger/db-url',
      );
      expect(outputs.api_arn?.value).toMatch(
        /^arn:aws:secretsmanager:us-east-1:000000000000:secret:sample\/logger\/api-key-[A-Za-z0-9]{6}$/,
      );

      const ssm = client(SSMClient);
      const password = await ssm.send(
        new GetParameterCommand({ Name: '/sample/logger/db-password', WithDecryption: true }),
      );
      expect(password.Parameter).toMatchObject({
        Type: 'SecureString',
        Value: 'correct horse battery staple',
      });
      const tags = await ssm.send(
        new ListTagsForResourceCommand({
          ResourceType: 'Parameter',
          ResourceId: '/sample/logger/db-url',
        }),
      );
      expect(tags.TagList).toEqual([{ Key: 'Team', Value: 'platform' }]);

      const sm = client(SecretsManagerClient);
      const api = await sm.send(new GetSecretValueCommand({ SecretId: 'sample/logger/api-key' }));
      expect(JSON.parse(api.SecretString ?? '')).toEqual({ key: 'abc123', region: 'us-east-1' });
      expect(api.VersionId).toBe(outputs.api_version?.value);
      const cert = await sm.send(
        new GetSecretValueCommand({ SecretId: 'sample/logger/client-cert' }),
      );
      expect(Buffer.from(cert.SecretBinary ?? []).toString()).toBe('-----BEGIN CERTIFICATE-----');
    },
  },
  afterDestroy: {
    'left the parameters and the first secret gone, the second scheduled for deletion': async ({
      client,
    }) => {
      const ssm = client(SSMClient);
      expect((await ssm.send(new DescribeParametersCommand({}))).Parameters).toEqual([]);
      const sm = client(SecretsManagerClient);
      expect((await sm.send(new ListSecretsCommand({}))).SecretList).toEqual([]);
      const planned = await sm.send(new ListSecretsCommand({ IncludePlannedDeletion: true }));
      expect(planned.SecretList?.map((s) => s.Name)).toEqual(['sample/logger/client-cert']);
      const cert = await sm.send(
        new DescribeSecretCommand({ SecretId: 'sample/logger/client-cert' }),
      );
      expect(cert.DeletedDate).toBeInstanceOf(Date);
    },
  },
});
