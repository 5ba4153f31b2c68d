/**
 * TagPolicy, UntagPolicy, ListPolicyTags: tags on customer managed policies (AWS managed
 * policies have none and take none).
 */
import type { OperationTable } from '../../operation.js';
import type { IamDeps } from '../deps.js';
import type { IamOperations } from '../generated/types.js';
import { isAwsManagedArn, requirePolicyArn } from './arn.js';
import { awsManagedPolicyDenied, policyNotFound } from './errors.js';
import { findCustomerPolicy, findPolicy } from './model.js';
import { arrayPage, pagingMembers } from '../listing.js';
import {
  iamScope,
  nameId,
  POLICIES,
  type ManagedPolicyRecord,
  type TagRecord,
} from '../records.js';
import { checkedTags, mergeTags, withoutTags } from '../tags.js';

export function policyTaggingOperations(deps: IamDeps): OperationTable<IamOperations> {
  const { store } = deps;

  async function update(
    accountId: string,
    arn: string,
    change: (tags: TagRecord[]) => TagRecord[],
  ): Promise<void> {
    await store.transaction(async (tx) => {
      const record = await findCustomerPolicy(tx, accountId, arn);
      if (!record) throw policyNotFound(arn);
      await tx
        .collection<ManagedPolicyRecord>(POLICIES)
        .put(iamScope(accountId), nameId(record.policyName), {
          ...record,
          tags: change(record.tags),
        });
    });
  }

  return {
    async TagPolicy(input, ctx) {
      const arn = requirePolicyArn(input.PolicyArn);
      if (isAwsManagedArn(arn)) throw awsManagedPolicyDenied(ctx, 'TagPolicy', arn);
      await update(ctx.accountId, arn, (tags) =>
        mergeTags(tags, checkedTags(input.Tags), 'TagsPerPolicy'),
      );
      return {};
    },

    async UntagPolicy(input, ctx) {
      const arn = requirePolicyArn(input.PolicyArn);
      if (isAwsManagedArn(arn)) throw awsManagedPolicyDenied(ctx, 'UntagPolicy', arn);
      await update(ctx.accountId, arn, (tags) => withoutTags(tags, input.TagKeys));
      return {};
    },

    async ListPolicyTags(input, ctx) {
      const arn = requirePolicyArn(input.PolicyArn);
      const view = await findPolicy(store, ctx.accountId, arn);
      if (!view) throw policyNotFound(arn);
      const page = arrayPage(view.tags, input, (tag) => tag.Key);
      return { Tags: page.items, ...pagingMembers(page) };
    },
  };
}
