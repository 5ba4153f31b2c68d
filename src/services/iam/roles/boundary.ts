/** PutRolePermissionsBoundary, DeleteRolePermissionsBoundary. */
import type { OperationTable } from '../../operation.js';
import { checkBoundaryArn } from '../policies/boundary.js';
import type { IamDeps } from '../deps.js';
import type { IamOperations } from '../generated/types.js';
import { requireRole, saveRole } from './records.js';

export function roleBoundaryOperations(deps: IamDeps): OperationTable<IamOperations> {
  const { store } = deps;
  return {
    async PutRolePermissionsBoundary(input, ctx) {
      await store.transaction(async (tx) => {
        const role = await requireRole(tx, ctx.accountId, input.RoleName);
        await checkBoundaryArn(tx, ctx.accountId, input.PermissionsBoundary);
        role.permissionsBoundaryArn = input.PermissionsBoundary;
        await saveRole(tx, ctx.accountId, role);
      });
      return {};
    },

    async DeleteRolePermissionsBoundary(input, ctx) {
      await store.transaction(async (tx) => {
        const role = await requireRole(tx, ctx.accountId, input.RoleName);
        delete role.permissionsBoundaryArn;
        await saveRole(tx, ctx.accountId, role);
      });
      return {};
    },
  };
}
