/** PutUserPermissionsBoundary, DeleteUserPermissionsBoundary. */
import { checkBoundaryArn } from '../policies/boundary.js';
import type { IamDeps } from '../deps.js';
import { requireUser, saveUser } from './records.js';
import type {
  DeleteUserPermissionsBoundaryRequest,
  PutUserPermissionsBoundaryRequest,
} from '../generated/types.js';
import type { RequestContext } from '../../context.js';

export async function putUserPermissionsBoundary(
  deps: IamDeps,
  input: PutUserPermissionsBoundaryRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  await store.transaction(async (tx) => {
    const user = await requireUser(tx, ctx.accountId, input.UserName);
    await checkBoundaryArn(tx, ctx.accountId, input.PermissionsBoundary);
    user.permissionsBoundaryArn = input.PermissionsBoundary;
    await saveUser(tx, ctx.accountId, user);
  });
  return {};
}

export async function deleteUserPermissionsBoundary(
  deps: IamDeps,
  input: DeleteUserPermissionsBoundaryRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  await store.transaction(async (tx) => {
    const user = await requireUser(tx, ctx.accountId, input.UserName);
    delete user.permissionsBoundaryArn;
    await saveUser(tx, ctx.accountId, user);
  });
  return {};
}
