/**
 * GetLogGroupFields: the fields in a group's events and the percentage of events holding
 * each, over the 15 minutes up to now, or the 8 minutes either side of `time` (epoch
 * seconds). System fields are in every event; JSON fields as Insights discovers them. Most
 * frequent first. At most the window's first 10,000 events are read, so a busy group
 * answers quickly (AWS does not say how much it samples).
 */
import { discoverJsonFields } from '../../../engine/logs-insights/index.js';
import type { RequestContext } from '../../context.js';
import type { LogsDeps } from '../deps.js';
import type {
  GetLogGroupFieldsRequest,
  GetLogGroupFieldsResponse,
  LogGroupField,
} from '../generated/types.js';
import { groupNameOf, requireGroup } from '../lookup.js';
import { visibleStart } from '../retention.js';
import { scopeOf } from '../../context.js';

const RECENT_MS = 15 * 60 * 1000;
const AROUND_MS = 8 * 60 * 1000;
export const MAX_SAMPLED_EVENTS = 10_000;
const SYSTEM_FIELDS = ['@ingestionTime', '@log', '@logStream', '@message', '@timestamp'];

export async function getLogGroupFields(
  deps: LogsDeps,
  input: GetLogGroupFieldsRequest,
  ctx: RequestContext,
): Promise<GetLogGroupFieldsResponse> {
  const scope = scopeOf(ctx);
  const name = groupNameOf(scope, input);
  const group = await requireGroup(deps, scope, name);
  const now = deps.clock.nowMs();
  const [from, to] =
    input.time === undefined
      ? [now - RECENT_MS, now + 1]
      : [input.time * 1000 - AROUND_MS, input.time * 1000 + AROUND_MS + 1];
  const startTime = visibleStart(group, now, from) ?? from;

  const counts = new Map<string, number>();
  let total = 0;
  for await (const batch of deps.store.logEvents.scanGroup(scope, name, {
    startTime,
    endTime: to,
  })) {
    for (const event of batch) {
      total++;
      for (const field of discoverJsonFields(event.message)?.keys() ?? []) {
        counts.set(field, (counts.get(field) ?? 0) + 1);
      }
    }
    if (total >= MAX_SAMPLED_EVENTS) break;
  }
  if (total === 0) return { logGroupFields: [] };
  const fields: LogGroupField[] = [
    ...SYSTEM_FIELDS.map((field) => ({ name: field, percent: 100 })),
    ...[...counts].map(([field, n]) => ({ name: field, percent: Math.round((n * 100) / total) })),
  ];
  fields.sort((a, b) => b.percent! - a.percent! || a.name!.localeCompare(b.name!));
  return { logGroupFields: fields };
}
