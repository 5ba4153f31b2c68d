/**
 * Tags of log groups, by ARN (TagResource and friends) and by name (the deprecated
 * TagLogGroup and friends). The ARN is the group's ARN without the trailing `:*` that
 * DescribeLogGroups' `arn` carries; AWS refuses that form as an invalid ARN.
 */
import type { Scope } from '../../store/types.js';
import type { RequestContext } from '../context.js';
import type { LogsDeps } from './deps.js';
import {
  ResourceNotFoundException,
  TooManyTagsException,
  ValidationException,
} from './generated/errors.js';
import type {
  ListTagsForResourceRequest,
  ListTagsForResourceResponse,
  ListTagsLogGroupRequest,
  ListTagsLogGroupResponse,
  TagLogGroupRequest,
  TagResourceRequest,
  UntagLogGroupRequest,
  UntagResourceRequest,
} from './generated/types.js';
import { updateGroup } from './groups.js';
import { GROUP_NOT_FOUND, parseLogGroupArn, requireGroup } from './lookup.js';
import { logGroupArn } from './records.js';
import { scopeOf } from '../context.js';

type Empty = Record<string, never>;

const MAX_TAGS = 50;

function groupOfArn(scope: Scope, resourceArn: string): string {
  const arn = parseLogGroupArn(resourceArn);
  if (!arn || arn.wildcard) throw new ValidationException('Invalid resourceArn');
  if (arn.accountId !== scope.accountId || arn.region !== scope.region) {
    throw new ResourceNotFoundException(GROUP_NOT_FOUND);
  }
  return arn.logGroupName;
}

async function addTags(
  deps: LogsDeps,
  ctx: RequestContext,
  logGroupName: string,
  tags: Record<string, string>,
): Promise<void> {
  await updateGroup(deps, ctx, logGroupName, (group) => {
    const merged = { ...group.tags, ...tags };
    if (Object.keys(merged).length > MAX_TAGS) {
      throw new TooManyTagsException('A resource can have no more than 50 tags.', {
        resourceName: logGroupArn(scopeOf(ctx), logGroupName),
      });
    }
    return { ...group, tags: merged };
  });
}

async function removeTags(
  deps: LogsDeps,
  ctx: RequestContext,
  logGroupName: string,
  keys: readonly string[],
): Promise<void> {
  await updateGroup(deps, ctx, logGroupName, (group) => {
    const tags = { ...group.tags };
    for (const key of keys) delete tags[key];
    return { ...group, tags };
  });
}

export async function tagResource(
  deps: LogsDeps,
  input: TagResourceRequest,
  ctx: RequestContext,
): Promise<Empty> {
  await addTags(deps, ctx, groupOfArn(scopeOf(ctx), input.resourceArn), input.tags);
  return {};
}

export async function untagResource(
  deps: LogsDeps,
  input: UntagResourceRequest,
  ctx: RequestContext,
): Promise<Empty> {
  await removeTags(deps, ctx, groupOfArn(scopeOf(ctx), input.resourceArn), input.tagKeys);
  return {};
}

export async function listTagsForResource(
  deps: LogsDeps,
  input: ListTagsForResourceRequest,
  ctx: RequestContext,
): Promise<ListTagsForResourceResponse> {
  const scope = scopeOf(ctx);
  const group = await requireGroup(deps, scope, groupOfArn(scope, input.resourceArn));
  return { tags: { ...group.tags } };
}

export async function tagLogGroup(
  deps: LogsDeps,
  input: TagLogGroupRequest,
  ctx: RequestContext,
): Promise<Empty> {
  await addTags(deps, ctx, input.logGroupName, input.tags);
  return {};
}

export async function untagLogGroup(
  deps: LogsDeps,
  input: UntagLogGroupRequest,
  ctx: RequestContext,
): Promise<Empty> {
  await removeTags(deps, ctx, input.logGroupName, input.tags);
  return {};
}

export async function listTagsLogGroup(
  deps: LogsDeps,
  input: ListTagsLogGroupRequest,
  ctx: RequestContext,
): Promise<ListTagsLogGroupResponse> {
  const group = await requireGroup(deps, scopeOf(ctx), input.logGroupName);
  return { tags: { ...group.tags } };
}
