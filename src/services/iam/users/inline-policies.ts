/** A user's inline policies: PutUserPolicy, GetUserPolicy, DeleteUserPolicy, ListUserPolicies. */
import type { OperationTable } from '../../operation.js';
import type { IamDeps } from '../deps.js';
import type { IamOperations } from '../generated/types.js';
import {
  deleteInlinePolicy,
  inlinePolicy,
  inlinePolicyNames,
  putInlinePolicy,
} from '../inline-policies.js';
import { requireUser, saveUser } from './records.js';

export function userPolicyOperations(deps: IamDeps): OperationTable<IamOperations> {
  const { store } = deps;
  return {
    async PutUserPolicy(input, ctx) {
      await store.transaction(async (tx) => {
        const user = await requireUser(tx, ctx.accountId, input.UserName);
        putInlinePolicy(user, 'user', user.userName, input.PolicyName, input.PolicyDocument);
        await saveUser(tx, ctx.accountId, user);
      });
      return {};
    },

    async GetUserPolicy(input, ctx) {
      const user = await requireUser(store, ctx.accountId, input.UserName);
      return { UserName: user.userName, ...inlinePolicy(user, 'user', input.PolicyName) };
    },

    async DeleteUserPolicy(input, ctx) {
      await store.transaction(async (tx) => {
        const user = await requireUser(tx, ctx.accountId, input.UserName);
        deleteInlinePolicy(user, 'user', input.PolicyName);
        await saveUser(tx, ctx.accountId, user);
      });
      return {};
    },

    async ListUserPolicies(input, ctx) {
      const user = await requireUser(store, ctx.accountId, input.UserName);
      return inlinePolicyNames(user, input);
    },
  };
}
