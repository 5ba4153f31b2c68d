/** A user's inline policies: PutUserPolicy, GetUserPolicy, DeleteUserPolicy, ListUserPolicies. */
import type { IamDeps } from '../deps.js';
import {
  deleteInlinePolicy,
  inlinePolicy,
  inlinePolicyNames,
  putInlinePolicy,
} from '../inline-policies.js';
import { requireUser, saveUser } from './records.js';
import type {
  DeleteUserPolicyRequest,
  GetUserPolicyRequest,
  GetUserPolicyResponse,
  ListUserPoliciesRequest,
  ListUserPoliciesResponse,
  PutUserPolicyRequest,
} from '../generated/types.js';
import type { RequestContext } from '../../context.js';

export async function putUserPolicy(
  deps: IamDeps,
  input: PutUserPolicyRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  await store.transaction(async (tx) => {
    const user = await requireUser(tx, ctx.accountId, input.UserName);
    putInlinePolicy(user, 'user', user.userName, input.PolicyName, input.PolicyDocument);
    await saveUser(tx, ctx.accountId, user);
  });
  return {};
}

export async function getUserPolicy(
  deps: IamDeps,
  input: GetUserPolicyRequest,
  ctx: RequestContext,
): Promise<GetUserPolicyResponse> {
  const { store } = deps;
  const user = await requireUser(store, ctx.accountId, input.UserName);
  return { UserName: user.userName, ...inlinePolicy(user, 'user', input.PolicyName) };
}

export async function deleteUserPolicy(
  deps: IamDeps,
  input: DeleteUserPolicyRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  await store.transaction(async (tx) => {
    const user = await requireUser(tx, ctx.accountId, input.UserName);
    deleteInlinePolicy(user, 'user', input.PolicyName);
    await saveUser(tx, ctx.accountId, user);
  });
  return {};
}

export async function listUserPolicies(
  deps: IamDeps,
  input: ListUserPoliciesRequest,
  ctx: RequestContext,
): Promise<ListUserPoliciesResponse> {
  const { store } = deps;
  const user = await requireUser(store, ctx.accountId, input.UserName);
  return inlinePolicyNames(user, input);
}
