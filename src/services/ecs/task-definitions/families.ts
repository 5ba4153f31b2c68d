/**
 * ListTaskDefinitionFamilies: family names starting with `familyPrefix`, in name order.
 * A family is ACTIVE while it has an ACTIVE revision and INACTIVE once it has only
 * INACTIVE or deleting ones; a family whose revisions are all deleted is not listed
 * (though its revision count lives on for the next registration).
 */
import type { Store } from '../../../store/types.js';
import type { RequestContext } from '../../context.js';
import { encodePageToken } from '../../paging.js';
import type {
  ListTaskDefinitionFamiliesRequest,
  ListTaskDefinitionFamiliesResponse,
} from '../generated/types.js';
import { withoutFinishedDeletes } from './lifecycle.js';
import { afterKeyOf, compareStrings, pageSizeOf } from './page.js';
import { NAME_PATTERN } from './reference.js';
import { taskDefinitionCollection } from './resolve.js';
import { scopeOf } from '../../context.js';

export async function listTaskDefinitionFamilies(
  store: Store,
  input: ListTaskDefinitionFamiliesRequest,
  ctx: RequestContext,
): Promise<ListTaskDefinitionFamiliesResponse> {
  const pageSize = pageSizeOf(input.maxResults);
  const after = afterKeyOf(input.nextToken, (key) => NAME_PATTERN.test(key));
  const status = input.status ?? 'ALL';
  const prefix = input.familyPrefix ?? '';
  const scope = scopeOf(ctx);

  const revisions = await withoutFinishedDeletes(
    store,
    scope,
    await taskDefinitionCollection(store).list(scope),
  );
  const active = new Map<string, boolean>();
  for (const { value } of revisions) {
    const family = value.definition.family ?? '';
    active.set(family, (active.get(family) ?? false) || value.definition.status === 'ACTIVE');
  }
  const names = [...active.keys()]
    .filter((family) => family.startsWith(prefix))
    .filter((family) => status === 'ALL' || active.get(family) === (status === 'ACTIVE'))
    .filter((family) => after === undefined || compareStrings(family, after) > 0)
    .sort(compareStrings);
  const page = names.slice(0, pageSize);
  const last = page[page.length - 1];
  return {
    families: page,
    ...(names.length > pageSize && last !== undefined ? { nextToken: encodePageToken(last) } : {}),
  };
}
