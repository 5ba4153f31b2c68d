/**
 * ListSchedules: every schedule of the account and Region, or of one group, filtered by
 * name prefix and state, in key order (`GROUP|NAME`). The store is read in chunks so a
 * filter that matches little never loads every schedule at once.
 */
import type { RequestContext } from '../context.js';
import type { SchedulerDeps } from './deps.js';
import type { ListSchedulesInput, ListSchedulesOutput } from './generated/types.js';
import { requireGroup } from './groups.js';
import { DEFAULT_PAGE, nextToken, pageStart } from './pages.js';
import { SCHEDULES, type ScheduleRecord } from './records.js';
import { scheduleSummary } from './schedule-output.js';
import { scopeOf } from '../context.js';

const CHUNK = 500;

export async function listSchedules(
  deps: SchedulerDeps,
  input: ListSchedulesInput,
  ctx: RequestContext,
): Promise<ListSchedulesOutput> {
  const scope = scopeOf(ctx);
  if (input.GroupName !== undefined) await requireGroup(deps.store, scope, input.GroupName);
  const groupPrefix = input.GroupName !== undefined ? `${input.GroupName}|` : '';
  const keyPrefix = groupPrefix + (input.GroupName !== undefined ? (input.NamePrefix ?? '') : '');
  const size = input.MaxResults ?? DEFAULT_PAGE;
  const matches = (schedule: ScheduleRecord) =>
    (input.NamePrefix === undefined || schedule.name.startsWith(input.NamePrefix)) &&
    (input.State === undefined || schedule.state === input.State);

  const collection = deps.store.collection<ScheduleRecord>(SCHEDULES);
  const found: { id: string; value: ScheduleRecord }[] = [];
  let after = pageStart(input.NextToken, groupPrefix);
  // One more than a page, to know whether another page follows.
  while (found.length <= size) {
    const chunk = await collection.list(scope, {
      ...(keyPrefix !== '' ? { prefix: keyPrefix } : {}),
      ...(after !== undefined ? { after } : {}),
      limit: CHUNK,
    });
    for (const entry of chunk) if (matches(entry.value)) found.push(entry);
    if (chunk.length < CHUNK) break;
    after = chunk[chunk.length - 1]?.id;
  }
  const page = found.slice(0, size);
  const token = nextToken(page[page.length - 1]?.id, found.length > size);
  return {
    Schedules: page.map((entry) => scheduleSummary(entry.value)),
    ...(token !== undefined ? { NextToken: token } : {}),
  };
}
