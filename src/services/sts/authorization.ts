/**
 * What each STS operation needs permission for. GetCallerIdentity needs none (even an
 * explicit deny does not stop it, as AWS documents); GetSessionToken needs no allow. For
 * AssumeRole the role's trust policy is a resource-based policy: when it names the caller
 * itself (not just the caller's account), identity policies need not allow sts:AssumeRole;
 * when it trusts the account, they must, as on AWS.
 */
import { evaluateTrust, type Principal } from '../../engine/iam-policy/index.js';
import type { Store } from '../../store/types.js';
import { tagMap, type AuthorizationTable } from '../authorization/permission.js';
import type { CallerIdentity } from '../context.js';
import { findRole } from '../iam/roles/records.js';
import type { StsOperations } from './generated/types.js';
import { parseRoleArn, type RoleDirectory } from './roles.js';

export function stsAuthorization(
  store: Store,
  roles: RoleDirectory,
): AuthorizationTable<StsOperations> {
  return {
    GetCallerIdentity: () => [],
    GetSessionToken: () => [
      { action: 'sts:GetSessionToken', resource: '*', allowedWithoutIdentityPolicy: true },
    ],
    async AssumeRole(input, ctx) {
      const role = await roles.findRole(input.RoleArn);
      const tags = tagMap(input.Tags);
      return [
        {
          action: 'sts:AssumeRole',
          resource: input.RoleArn,
          context: {
            'sts:RoleSessionName': input.RoleSessionName,
            'sts:ExternalId': input.ExternalId,
            'sts:SourceIdentity': input.SourceIdentity,
          },
          ...(tags ? { requestTags: tags } : {}),
          resourceTags: async () => {
            const parsed = parseRoleArn(input.RoleArn);
            const record = parsed && (await findRole(store, parsed.accountId, parsed.roleName));
            return record && Object.fromEntries(record.tags.map((tag) => [tag.Key, tag.Value]));
          },
          allowedWithoutIdentityPolicy:
            role?.trustPolicy !== undefined &&
            trustNamesCaller(role.trustPolicy, role.arn ?? input.RoleArn, ctx.caller),
        },
      ];
    },
  };
}

/**
 * Whether the trust policy lets the caller in by naming it (its user, role or session
 * ARN) or everyone, rather than by trusting its account: asked by comparing the caller
 * with a stranger of the same account, and one of another account.
 */
function trustNamesCaller(trustPolicy: string, roleArn: string, caller: CallerIdentity): boolean {
  const allows = (principal: Principal) =>
    evaluateTrust(
      { source: roleArn, document: trustPolicy },
      { principal, action: 'sts:AssumeRole', resource: roleArn },
    ).decision === 'Allow';
  const principal: Principal = {
    kind: 'aws',
    arn: caller.arn,
    accountId: caller.accountId,
    userId: caller.userId,
    ...(caller.session?.roleArn ? { roleArn: caller.session.roleArn } : {}),
  };
  if (!allows(principal)) return false;
  const stranger = (accountId: string): Principal => ({
    kind: 'aws',
    arn: `arn:aws:iam::${accountId}:user/teiki-stranger`,
    accountId,
    userId: 'AIDATEIKISTRANGER',
  });
  const otherAccount = caller.accountId === '999999999999' ? '888888888888' : '999999999999';
  return allows(stranger(otherAccount)) || !allows(stranger(caller.accountId));
}
