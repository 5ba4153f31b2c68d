/** IAM's roles as STS sees them (STS never reads IAM's records itself). */
import type { Store } from '../../store/types.js';
import { parseRoleArn, type RoleDirectory } from '../sts/roles.js';
import { findRole } from './roles/records.js';

export function iamRoleDirectory(store: Store): RoleDirectory {
  return {
    async findRole(roleArn) {
      const parsed = parseRoleArn(roleArn);
      if (!parsed) return undefined;
      const role = await findRole(store, parsed.accountId, parsed.roleName);
      if (!role) return undefined;
      // The ARN must name the role where it is: the same path, exactly (the name was
      // matched case-insensitively, as IAM names are).
      const prefixOf = (arn: string, name: string) => arn.slice(0, arn.length - name.length);
      if (prefixOf(roleArn, parsed.roleName) !== prefixOf(role.arn, role.roleName))
        return undefined;
      return {
        accountId: parsed.accountId,
        roleName: role.roleName,
        roleId: role.roleId,
        arn: role.arn,
        maxSessionDurationSeconds: role.maxSessionDuration,
        trustPolicy: role.assumeRolePolicyDocument,
      };
    },
  };
}
