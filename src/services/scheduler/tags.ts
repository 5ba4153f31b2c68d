/**
 * TagResource, UntagResource and ListTagsForResource. Only schedule groups carry tags on
 * AWS: the model's `TagResourceArn` pattern admits `…:schedule-group/NAME` alone, so the
 * gateway answers a schedule's ARN with AWS's pattern violation before this runs.
 */
import type { Scope } from '../../store/types.js';
import type { RequestContext } from '../context.js';
import type { SchedulerDeps } from './deps.js';
import { groupNotFound } from './errors.js';
import type {
  ListTagsForResourceInput,
  ListTagsForResourceOutput,
  Tag,
  TagResourceInput,
  TagResourceOutput,
  UntagResourceInput,
  UntagResourceOutput,
} from './generated/types.js';
import { groups, requireGroup } from './groups.js';
import { mergeTags, removeTags } from './tag-rules.js';
import { scopeOf } from '../context.js';

const GROUP_ARN = /^arn:aws[\w-]*:scheduler:([a-z0-9-]+):(\d{12}):schedule-group\/(.+)$/;

/** The group an ARN names in the caller's scope; one elsewhere cannot be reached from here. */
function groupNameOf(scope: Scope, arn: string): string {
  const match = GROUP_ARN.exec(arn);
  const [, region, accountId, name] = (match ?? []) as (string | undefined)[];
  if (name === undefined) throw groupNotFound(arn);
  if (region !== scope.region || accountId !== scope.accountId) throw groupNotFound(name);
  return name;
}

async function retag(
  deps: SchedulerDeps,
  scope: Scope,
  name: string,
  change: (tags: Tag[]) => Tag[],
): Promise<void> {
  await deps.store.transaction(async (tx) => {
    const group = await requireGroup(tx, scope, name);
    // Tags are not a change of the group's settings: its dates stay as they were.
    await groups(tx).put(scope, name, { ...group, tags: change(group.tags) });
  });
}

export async function tagResource(
  deps: SchedulerDeps,
  input: TagResourceInput,
  ctx: RequestContext,
): Promise<TagResourceOutput> {
  const scope = scopeOf(ctx);
  await retag(deps, scope, groupNameOf(scope, input.ResourceArn), (tags) =>
    mergeTags(tags, input.Tags),
  );
  return {};
}

export async function untagResource(
  deps: SchedulerDeps,
  input: UntagResourceInput,
  ctx: RequestContext,
): Promise<UntagResourceOutput> {
  const scope = scopeOf(ctx);
  await retag(deps, scope, groupNameOf(scope, input.ResourceArn), (tags) =>
    removeTags(tags, input.TagKeys),
  );
  return {};
}

export async function listTagsForResource(
  deps: SchedulerDeps,
  input: ListTagsForResourceInput,
  ctx: RequestContext,
): Promise<ListTagsForResourceOutput> {
  const scope = scopeOf(ctx);
  const group = await requireGroup(deps.store, scope, groupNameOf(scope, input.ResourceArn));
  return { Tags: group.tags.map((tag) => ({ ...tag })) };
}
