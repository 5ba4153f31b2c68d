/**
 * What each Secrets Manager operation needs permission for: a secret by its ARN (the
 * full ARN of the secret a name or partial ARN finds; a secret not created yet as
 * `secret:NAME-??????`, the six characters AWS appends, the form its documentation tells
 * policies to use), with `secretsmanager:SecretId`, the version keys of GetSecretValue and
 * the create and delete keys; BatchGetSecretValue needs GetSecretValue on each secret
 * named, as AWS documents.
 */
import type { Store } from '../../store/types.js';
import {
  anyResource,
  tagMap,
  type AuthorizationTable,
  type Permission,
} from '../authorization/permission.js';
import { arnOf } from '../authorization/reference.js';
import type { ConditionContext } from '../../engine/iam-policy/index.js';
import { scopeOf, type RequestContext } from '../context.js';
import type { SecretsmanagerOperations } from './generated/types.js';
import { secrets } from './secrets/lookup.js';

export function secretsmanagerAuthorization(
  store: Store,
): AuthorizationTable<SecretsmanagerOperations> {
  const pending = (ctx: RequestContext, name: string) =>
    arnOf('secretsmanager:Secret', scopeOf(ctx), { SecretId: `${name}-??????` });

  const onSecret = async (
    action: string,
    ctx: RequestContext,
    secretId: string,
    context: ConditionContext = {},
  ): Promise<Permission> => {
    // By name the record is found directly; an ARN (full or partial) is checked as given.
    const record = secretId.startsWith('arn:')
      ? undefined
      : await secrets(store).get(scopeOf(ctx), secretId);
    const resource = secretId.startsWith('arn:')
      ? secretId
      : (record?.arn ?? pending(ctx, secretId));
    return {
      action,
      resource,
      context: { 'secretsmanager:SecretId': secretId, ...context },
      resourceTags: () => Promise.resolve(tagMap(record?.tags)),
    };
  };
  const bySecretId =
    (action: string) => async (input: { SecretId: string }, ctx: RequestContext) => [
      await onSecret(action, ctx, input.SecretId),
    ];

  return {
    ListSecrets: anyResource('secretsmanager:ListSecrets'),
    GetRandomPassword: anyResource('secretsmanager:GetRandomPassword'),

    CreateSecret(input, ctx) {
      const tags = tagMap(input.Tags);
      return [
        {
          action: 'secretsmanager:CreateSecret',
          resource: pending(ctx, input.Name),
          context: {
            'secretsmanager:Name': input.Name,
            'secretsmanager:Description': input.Description,
            'secretsmanager:KmsKeyId': input.KmsKeyId,
            'secretsmanager:Type': input.Type,
          },
          ...(tags ? { requestTags: tags } : {}),
        },
      ];
    },
    async DeleteSecret(input, ctx) {
      return [
        await onSecret('secretsmanager:DeleteSecret', ctx, input.SecretId, {
          'secretsmanager:ForceDeleteWithoutRecovery':
            input.ForceDeleteWithoutRecovery === undefined
              ? undefined
              : String(input.ForceDeleteWithoutRecovery),
          'secretsmanager:RecoveryWindowInDays': input.RecoveryWindowInDays,
        }),
      ];
    },
    async GetSecretValue(input, ctx) {
      return [
        await onSecret('secretsmanager:GetSecretValue', ctx, input.SecretId, {
          'secretsmanager:VersionId': input.VersionId,
          'secretsmanager:VersionStage': input.VersionStage,
        }),
      ];
    },
    async BatchGetSecretValue(input, ctx) {
      const each = await Promise.all(
        (input.SecretIdList ?? []).map((id) => onSecret('secretsmanager:GetSecretValue', ctx, id)),
      );
      return [{ action: 'secretsmanager:BatchGetSecretValue', resource: '*' }, ...each];
    },
    async UpdateSecretVersionStage(input, ctx) {
      return [
        await onSecret('secretsmanager:UpdateSecretVersionStage', ctx, input.SecretId, {
          'secretsmanager:VersionStage': input.VersionStage,
        }),
      ];
    },
    async UpdateSecret(input, ctx) {
      return [
        await onSecret('secretsmanager:UpdateSecret', ctx, input.SecretId, {
          'secretsmanager:Description': input.Description,
          'secretsmanager:KmsKeyId': input.KmsKeyId,
          'secretsmanager:Type': input.Type,
        }),
      ];
    },
    DescribeSecret: bySecretId('secretsmanager:DescribeSecret'),
    PutSecretValue: bySecretId('secretsmanager:PutSecretValue'),
    ListSecretVersionIds: bySecretId('secretsmanager:ListSecretVersionIds'),
    RestoreSecret: bySecretId('secretsmanager:RestoreSecret'),
    GetResourcePolicy: bySecretId('secretsmanager:GetResourcePolicy'),
    PutResourcePolicy: bySecretId('secretsmanager:PutResourcePolicy'),
    DeleteResourcePolicy: bySecretId('secretsmanager:DeleteResourcePolicy'),
    async TagResource(input, ctx) {
      return [
        {
          ...(await onSecret('secretsmanager:TagResource', ctx, input.SecretId)),
          requestTags: tagMap(input.Tags) ?? {},
        },
      ];
    },
    async UntagResource(input, ctx) {
      return [
        await onSecret('secretsmanager:UntagResource', ctx, input.SecretId, {
          'aws:TagKeys': input.TagKeys,
        }),
      ];
    },
  };
}
