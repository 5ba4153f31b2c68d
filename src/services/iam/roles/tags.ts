/** TagRole, UntagRole, ListRoleTags. */
import type { IamDeps } from '../deps.js';
import { arrayPage, pagingMembers } from '../listing.js';
import { requireRole, saveRole } from './records.js';
import { checkedTags, mergeTags, withoutTags } from '../tags.js';
import type {
  ListRoleTagsRequest,
  ListRoleTagsResponse,
  TagRoleRequest,
  UntagRoleRequest,
} from '../generated/types.js';
import type { RequestContext } from '../../context.js';

export async function tagRole(
  deps: IamDeps,
  input: TagRoleRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  const incoming = checkedTags(input.Tags);
  await store.transaction(async (tx) => {
    const role = await requireRole(tx, ctx.accountId, input.RoleName);
    role.tags = mergeTags(role.tags, incoming, 'TagsPerRole');
    await saveRole(tx, ctx.accountId, role);
  });
  return {};
}

export async function untagRole(
  deps: IamDeps,
  input: UntagRoleRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  await store.transaction(async (tx) => {
    const role = await requireRole(tx, ctx.accountId, input.RoleName);
    role.tags = withoutTags(role.tags, input.TagKeys);
    await saveRole(tx, ctx.accountId, role);
  });
  return {};
}

export async function listRoleTags(
  deps: IamDeps,
  input: ListRoleTagsRequest,
  ctx: RequestContext,
): Promise<ListRoleTagsResponse> {
  const { store } = deps;
  const role = await requireRole(store, ctx.accountId, input.RoleName);
  const page = arrayPage(role.tags, input, (tag) => tag.Key);
  return { Tags: page.items, ...pagingMembers(page) };
}
