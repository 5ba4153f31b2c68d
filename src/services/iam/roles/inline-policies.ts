/** A role's inline policies: PutRolePolicy, GetRolePolicy, DeleteRolePolicy, ListRolePolicies. */
import type { OperationTable } from '../../operation.js';
import type { IamDeps } from '../deps.js';
import type { IamOperations } from '../generated/types.js';
import {
  deleteInlinePolicy,
  inlinePolicy,
  inlinePolicyNames,
  putInlinePolicy,
} from '../inline-policies.js';
import { requireRole, saveRole } from './records.js';

export function rolePolicyOperations(deps: IamDeps): OperationTable<IamOperations> {
  const { store } = deps;
  return {
    async PutRolePolicy(input, ctx) {
      await store.transaction(async (tx) => {
        const role = await requireRole(tx, ctx.accountId, input.RoleName);
        putInlinePolicy(role, 'role', role.roleName, input.PolicyName, input.PolicyDocument);
        await saveRole(tx, ctx.accountId, role);
      });
      return {};
    },

    async GetRolePolicy(input, ctx) {
      const role = await requireRole(store, ctx.accountId, input.RoleName);
      return { RoleName: role.roleName, ...inlinePolicy(role, 'role', input.PolicyName) };
    },

    async DeleteRolePolicy(input, ctx) {
      await store.transaction(async (tx) => {
        const role = await requireRole(tx, ctx.accountId, input.RoleName);
        deleteInlinePolicy(role, 'role', input.PolicyName);
        await saveRole(tx, ctx.accountId, role);
      });
      return {};
    },

    async ListRolePolicies(input, ctx) {
      const role = await requireRole(store, ctx.accountId, input.RoleName);
      return inlinePolicyNames(role, input);
    },
  };
}
