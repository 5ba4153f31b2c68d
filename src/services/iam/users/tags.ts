/** TagUser, UntagUser, ListUserTags, PutUserPermissionsBoundary, DeleteUserPermissionsBoundary. */
import type { OperationTable } from '../../operation.js';
import { checkBoundaryArn } from '../policies/boundary.js';
import type { IamDeps } from '../deps.js';
import type { IamOperations } from '../generated/types.js';
import { arrayPage, pagingMembers } from '../listing.js';
import { checkedTags, mergeTags, withoutTags } from '../tags.js';
import { requireUser, saveUser } from './records.js';

export function userTagOperations(deps: IamDeps): OperationTable<IamOperations> {
  const { store } = deps;
  return {
    async TagUser(input, ctx) {
      const incoming = checkedTags(input.Tags);
      await store.transaction(async (tx) => {
        const user = await requireUser(tx, ctx.accountId, input.UserName);
        user.tags = mergeTags(user.tags, incoming, 'TagsPerUser');
        await saveUser(tx, ctx.accountId, user);
      });
      return {};
    },

    async UntagUser(input, ctx) {
      await store.transaction(async (tx) => {
        const user = await requireUser(tx, ctx.accountId, input.UserName);
        user.tags = withoutTags(user.tags, input.TagKeys);
        await saveUser(tx, ctx.accountId, user);
      });
      return {};
    },

    async ListUserTags(input, ctx) {
      const user = await requireUser(store, ctx.accountId, input.UserName);
      const page = arrayPage(user.tags, input, (tag) => tag.Key);
      return { Tags: page.items, ...pagingMembers(page) };
    },

    async PutUserPermissionsBoundary(input, ctx) {
      await store.transaction(async (tx) => {
        const user = await requireUser(tx, ctx.accountId, input.UserName);
        await checkBoundaryArn(tx, ctx.accountId, input.PermissionsBoundary);
        user.permissionsBoundaryArn = input.PermissionsBoundary;
        await saveUser(tx, ctx.accountId, user);
      });
      return {};
    },

    async DeleteUserPermissionsBoundary(input, ctx) {
      await store.transaction(async (tx) => {
        const user = await requireUser(tx, ctx.accountId, input.UserName);
        delete user.permissionsBoundaryArn;
        await saveUser(tx, ctx.accountId, user);
      });
      return {};
    },
  };
}
