/** PutRolePermissionsBoundary, DeleteRolePermissionsBoundary. */
import { checkBoundaryArn } from '../policies/boundary.js';
import type { IamDeps } from '../deps.js';
import { requireRole, saveRole } from './records.js';
import type {
  DeleteRolePermissionsBoundaryRequest,
  PutRolePermissionsBoundaryRequest,
} from '../generated/types.js';
import type { RequestContext } from '../../context.js';

export async function putRolePermissionsBoundary(
  deps: IamDeps,
  input: PutRolePermissionsBoundaryRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  await store.transaction(async (tx) => {
    const role = await requireRole(tx, ctx.accountId, input.RoleName);
    await checkBoundaryArn(tx, ctx.accountId, input.PermissionsBoundary);
    role.permissionsBoundaryArn = input.PermissionsBoundary;
    await saveRole(tx, ctx.accountId, role);
  });
  return {};
}

export async function deleteRolePermissionsBoundary(
  deps: IamDeps,
  input: DeleteRolePermissionsBoundaryRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  await store.transaction(async (tx) => {
    const role = await requireRole(tx, ctx.accountId, input.RoleName);
    delete role.permissionsBoundaryArn;
    await saveRole(tx, ctx.accountId, role);
  });
  return {};
}
