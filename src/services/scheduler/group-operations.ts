/**
 * CreateScheduleGroup, GetScheduleGroup, DeleteScheduleGroup and ListScheduleGroups.
 * Deleting a group deletes its schedules with it, as AWS documents; AWS does that in the
 * background (the group shows DELETING meanwhile), teiki in the one transaction, so the
 * group and its schedules are gone when the call returns.
 */
import type { RequestContext } from '../context.js';
import {
  forgetToken,
  groupTokenId,
  isReplay,
  keepToken,
  scheduleTokenId,
} from './client-tokens.js';
import type { SchedulerDeps } from './deps.js';
import { defaultGroupNotDeletable, groupExists, groupQuotaExceeded } from './errors.js';
import type {
  CreateScheduleGroupInput,
  CreateScheduleGroupOutput,
  DeleteScheduleGroupInput,
  DeleteScheduleGroupOutput,
  GetScheduleGroupInput,
  GetScheduleGroupOutput,
  ListScheduleGroupsInput,
  ListScheduleGroupsOutput,
} from './generated/types.js';
import { groupOutput } from './group-output.js';
import { findGroup, groups, implicitDefaultGroup, requireGroup } from './groups.js';
import { DEFAULT_PAGE, nextToken, pageStart } from './pages.js';
import { DEFAULT_GROUP, SCHEDULES, scheduleGroupArn, type ScheduleRecord } from './records.js';
import { initialTags } from './tag-rules.js';
import { scopeOf } from '../context.js';

/** AWS's default quota of schedule groups per account and Region, the default group included. */
export const MAX_GROUPS = 500;

export async function createScheduleGroup(
  deps: SchedulerDeps,
  input: CreateScheduleGroupInput,
  ctx: RequestContext,
): Promise<CreateScheduleGroupOutput> {
  const scope = scopeOf(ctx);
  const tags = initialTags(input.Tags);
  const arn = scheduleGroupArn(scope, input.Name);
  await deps.store.transaction(async (tx) => {
    if (await findGroup(tx, scope, input.Name)) {
      if (await isReplay(tx, scope, groupTokenId(input.Name), input)) return;
      throw groupExists(input.Name);
    }
    const stored = await groups(tx).count(scope);
    const defaultStored = (await groups(tx).get(scope, DEFAULT_GROUP)) !== undefined;
    if (stored + (defaultStored ? 0 : 1) >= MAX_GROUPS) throw groupQuotaExceeded();
    const now = deps.clock.nowMs();
    await groups(tx).put(scope, input.Name, {
      name: input.Name,
      arn,
      state: 'ACTIVE',
      tags,
      creationDate: now,
      lastModificationDate: now,
    });
    await keepToken(tx, scope, groupTokenId(input.Name), input);
  });
  return { ScheduleGroupArn: arn };
}

export async function getScheduleGroup(
  deps: SchedulerDeps,
  input: GetScheduleGroupInput,
  ctx: RequestContext,
): Promise<GetScheduleGroupOutput> {
  return groupOutput(await requireGroup(deps.store, scopeOf(ctx), input.Name));
}

export async function deleteScheduleGroup(
  deps: SchedulerDeps,
  input: DeleteScheduleGroupInput,
  ctx: RequestContext,
): Promise<DeleteScheduleGroupOutput> {
  const scope = scopeOf(ctx);
  if (input.Name === DEFAULT_GROUP) throw defaultGroupNotDeletable();
  const removed = await deps.store.transaction(async (tx) => {
    await requireGroup(tx, scope, input.Name);
    const schedules = tx.collection<ScheduleRecord>(SCHEDULES);
    const members = await schedules.list(scope, { prefix: `${input.Name}|` });
    for (const { id } of members) {
      await schedules.delete(scope, id);
      await forgetToken(tx, scope, scheduleTokenId(id));
    }
    await groups(tx).delete(scope, input.Name);
    await forgetToken(tx, scope, groupTokenId(input.Name));
    return members.map((entry) => entry.id);
  });
  for (const id of removed) deps.onScheduleChanged(scope, undefined, id);
  return {};
}

export async function listScheduleGroups(
  deps: SchedulerDeps,
  input: ListScheduleGroupsInput,
  ctx: RequestContext,
): Promise<ListScheduleGroupsOutput> {
  const scope = scopeOf(ctx);
  const prefix = input.NamePrefix ?? '';
  const after = pageStart(input.NextToken, prefix);
  const size = input.MaxResults ?? DEFAULT_PAGE;
  // Groups are few (at most 500), so the implicit default is merged in memory.
  const stored = (await groups(deps.store).list(scope, { prefix })).map((entry) => entry.value);
  const all = stored.some((group) => group.name === DEFAULT_GROUP)
    ? stored
    : [...stored, implicitDefaultGroup(scope)].filter((group) => group.name.startsWith(prefix));
  all.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const rest = after === undefined ? all : all.filter((group) => group.name > after);
  const page = rest.slice(0, size);
  const token = nextToken(page[page.length - 1]?.name, rest.length > size);
  return {
    ScheduleGroups: page.map(groupOutput),
    ...(token !== undefined ? { NextToken: token } : {}),
  };
}
