/** A role's inline policies: PutRolePolicy, GetRolePolicy, DeleteRolePolicy, ListRolePolicies. */
import type { IamDeps } from '../deps.js';
import {
  deleteInlinePolicy,
  inlinePolicy,
  inlinePolicyNames,
  putInlinePolicy,
} from '../inline-policies.js';
import { requireRole, saveRole } from './records.js';
import type {
  DeleteRolePolicyRequest,
  GetRolePolicyRequest,
  GetRolePolicyResponse,
  ListRolePoliciesRequest,
  ListRolePoliciesResponse,
  PutRolePolicyRequest,
} from '../generated/types.js';
import type { RequestContext } from '../../context.js';

export async function putRolePolicy(
  deps: IamDeps,
  input: PutRolePolicyRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  await store.transaction(async (tx) => {
    const role = await requireRole(tx, ctx.accountId, input.RoleName);
    putInlinePolicy(role, 'role', role.roleName, input.PolicyName, input.PolicyDocument);
    await saveRole(tx, ctx.accountId, role);
  });
  return {};
}

export async function getRolePolicy(
  deps: IamDeps,
  input: GetRolePolicyRequest,
  ctx: RequestContext,
): Promise<GetRolePolicyResponse> {
  const { store } = deps;
  const role = await requireRole(store, ctx.accountId, input.RoleName);
  return { RoleName: role.roleName, ...inlinePolicy(role, 'role', input.PolicyName) };
}

export async function deleteRolePolicy(
  deps: IamDeps,
  input: DeleteRolePolicyRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  await store.transaction(async (tx) => {
    const role = await requireRole(tx, ctx.accountId, input.RoleName);
    deleteInlinePolicy(role, 'role', input.PolicyName);
    await saveRole(tx, ctx.accountId, role);
  });
  return {};
}

export async function listRolePolicies(
  deps: IamDeps,
  input: ListRolePoliciesRequest,
  ctx: RequestContext,
): Promise<ListRolePoliciesResponse> {
  const { store } = deps;
  const role = await requireRole(store, ctx.accountId, input.RoleName);
  return inlinePolicyNames(role, input);
}
