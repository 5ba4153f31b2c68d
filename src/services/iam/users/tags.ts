/** TagUser, UntagUser, ListUserTags. */
import type { IamDeps } from '../deps.js';
import { arrayPage, pagingMembers } from '../listing.js';
import { checkedTags, mergeTags, withoutTags } from '../tags.js';
import { requireUser, saveUser } from './records.js';
import type {
  ListUserTagsRequest,
  ListUserTagsResponse,
  TagUserRequest,
  UntagUserRequest,
} from '../generated/types.js';
import type { RequestContext } from '../../context.js';

export async function tagUser(
  deps: IamDeps,
  input: TagUserRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  const incoming = checkedTags(input.Tags);
  await store.transaction(async (tx) => {
    const user = await requireUser(tx, ctx.accountId, input.UserName);
    user.tags = mergeTags(user.tags, incoming, 'TagsPerUser');
    await saveUser(tx, ctx.accountId, user);
  });
  return {};
}

export async function untagUser(
  deps: IamDeps,
  input: UntagUserRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  await store.transaction(async (tx) => {
    const user = await requireUser(tx, ctx.accountId, input.UserName);
    user.tags = withoutTags(user.tags, input.TagKeys);
    await saveUser(tx, ctx.accountId, user);
  });
  return {};
}

export async function listUserTags(
  deps: IamDeps,
  input: ListUserTagsRequest,
  ctx: RequestContext,
): Promise<ListUserTagsResponse> {
  const { store } = deps;
  const user = await requireUser(store, ctx.accountId, input.UserName);
  const page = arrayPage(user.tags, input, (tag) => tag.Key);
  return { Tags: page.items, ...pagingMembers(page) };
}
