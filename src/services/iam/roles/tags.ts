/** TagRole, UntagRole, ListRoleTags. */
import type { OperationTable } from '../../operation.js';
import type { IamDeps } from '../deps.js';
import type { IamOperations } from '../generated/types.js';
import { arrayPage, pagingMembers } from '../listing.js';
import { requireRole, saveRole } from './records.js';
import { checkedTags, mergeTags, withoutTags } from '../tags.js';

export function roleTagOperations(deps: IamDeps): OperationTable<IamOperations> {
  const { store } = deps;
  return {
    async TagRole(input, ctx) {
      const incoming = checkedTags(input.Tags);
      await store.transaction(async (tx) => {
        const role = await requireRole(tx, ctx.accountId, input.RoleName);
        role.tags = mergeTags(role.tags, incoming, 'TagsPerRole');
        await saveRole(tx, ctx.accountId, role);
      });
      return {};
    },

    async UntagRole(input, ctx) {
      await store.transaction(async (tx) => {
        const role = await requireRole(tx, ctx.accountId, input.RoleName);
        role.tags = withoutTags(role.tags, input.TagKeys);
        await saveRole(tx, ctx.accountId, role);
      });
      return {};
    },

    async ListRoleTags(input, ctx) {
      const role = await requireRole(store, ctx.accountId, input.RoleName);
      const page = arrayPage(role.tags, input, (tag) => tag.Key);
      return { Tags: page.items, ...pagingMembers(page) };
    },
  };
}
