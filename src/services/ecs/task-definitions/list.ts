/**
 * ListTaskDefinitions: ARNs of one status (ACTIVE unless asked), by family name and then
 * revision number (DESC reverses both), of one family when `familyPrefix` names it.
 * Despite its name, `familyPrefix` is the full family name, as on AWS.
 */
import type { Entry, Scope, Store } from '../../../store/types.js';
import type { RequestContext } from '../../context.js';
import { encodePageToken } from '../../paging.js';
import type {
  ListTaskDefinitionsRequest,
  ListTaskDefinitionsResponse,
} from '../generated/types.js';
import type { TaskDefinitionRecord } from '../records.js';
import { withoutFinishedDeletes } from './lifecycle.js';
import { afterKeyOf, compareStrings, pageSizeOf } from './page.js';
import { familyRevisions, taskDefinitionCollection } from './resolve.js';
import { scopeOf } from '../../context.js';

const RECORD_ID = /^(.+):(\d{8,})$/;

/** Family and revision of a record id (`FAMILY:0000000N`), the page token's key. */
function keyOf(id: string): { family: string; revision: number } | undefined {
  const match = RECORD_ID.exec(id);
  return match?.[1] !== undefined && match[2] !== undefined
    ? { family: match[1], revision: Number(match[2]) }
    : undefined;
}

function compareIds(a: string, b: string): number {
  const ka = keyOf(a);
  const kb = keyOf(b);
  if (!ka || !kb) return compareStrings(a, b);
  return compareStrings(ka.family, kb.family) || ka.revision - kb.revision;
}

async function candidates(
  store: Store,
  scope: Scope,
  family: string | undefined,
): Promise<Entry<TaskDefinitionRecord>[]> {
  if (family !== undefined) return familyRevisions(store, scope, family);
  const all = await taskDefinitionCollection(store).list(scope);
  return withoutFinishedDeletes(store, scope, all);
}

export async function listTaskDefinitions(
  store: Store,
  input: ListTaskDefinitionsRequest,
  ctx: RequestContext,
): Promise<ListTaskDefinitionsResponse> {
  const pageSize = pageSizeOf(input.maxResults);
  const after = afterKeyOf(input.nextToken, (key) => keyOf(key) !== undefined);
  const status = input.status ?? 'ACTIVE';
  const direction = input.sort === 'DESC' ? -1 : 1;
  const scope = scopeOf(ctx);

  const ordered = (await candidates(store, scope, input.familyPrefix))
    .filter((e) => e.value.definition.status === status)
    .sort((a, b) => direction * compareIds(a.id, b.id));
  const rest =
    after === undefined ? ordered : ordered.filter((e) => direction * compareIds(e.id, after) > 0);
  const page = rest.slice(0, pageSize);
  const last = page[page.length - 1];
  return {
    taskDefinitionArns: page.map((e) => e.value.definition.taskDefinitionArn ?? ''),
    ...(rest.length > pageSize && last ? { nextToken: encodePageToken(last.id) } : {}),
  };
}
