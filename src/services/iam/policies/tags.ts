/**
 * TagPolicy, UntagPolicy, ListPolicyTags: tags on customer managed policies (AWS managed
 * policies have none and take none).
 */
import type { Store } from '../../../store/types.js';
import type { IamDeps } from '../deps.js';
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
import type {
  ListPolicyTagsRequest,
  ListPolicyTagsResponse,
  TagPolicyRequest,
  UntagPolicyRequest,
} from '../generated/types.js';
import type { RequestContext } from '../../context.js';

async function update(
  store: Store,
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

export async function tagPolicy(
  deps: IamDeps,
  input: TagPolicyRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const arn = requirePolicyArn(input.PolicyArn);
  if (isAwsManagedArn(arn)) throw awsManagedPolicyDenied(ctx, 'TagPolicy', arn);
  await update(deps.store, ctx.accountId, arn, (tags) =>
    mergeTags(tags, checkedTags(input.Tags), 'TagsPerPolicy'),
  );
  return {};
}

export async function untagPolicy(
  deps: IamDeps,
  input: UntagPolicyRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const arn = requirePolicyArn(input.PolicyArn);
  if (isAwsManagedArn(arn)) throw awsManagedPolicyDenied(ctx, 'UntagPolicy', arn);
  await update(deps.store, ctx.accountId, arn, (tags) => withoutTags(tags, input.TagKeys));
  return {};
}

export async function listPolicyTags(
  deps: IamDeps,
  input: ListPolicyTagsRequest,
  ctx: RequestContext,
): Promise<ListPolicyTagsResponse> {
  const { store } = deps;
  const arn = requirePolicyArn(input.PolicyArn);
  const view = await findPolicy(store, ctx.accountId, arn);
  if (!view) throw policyNotFound(arn);
  const page = arrayPage(view.tags, input, (tag) => tag.Key);
  return { Tags: page.items, ...pagingMembers(page) };
}
