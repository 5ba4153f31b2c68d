/** DescribeArchive and ListArchives; a describe also removes events past the retention. */
import type { RequestContext } from '../../context.js';
import type { EventsDeps } from '../deps.js';
import { validationError } from '../errors.js';
import type {
  DescribeArchiveRequest,
  DescribeArchiveResponse,
  ListArchivesRequest,
  ListArchivesResponse,
} from '../generated/types.js';
import { pageOf, pageStart } from '../pages.js';
import { archiveNotFound } from './errors.js';
import { archives, expired } from './events-store.js';
import { describedArchive, listedArchive } from './output.js';
import { archiveSourceBus } from './source.js';
import { scopeOf } from '../../context.js';

export async function describeArchive(
  deps: EventsDeps,
  input: DescribeArchiveRequest,
  ctx: RequestContext,
): Promise<DescribeArchiveResponse> {
  const scope = scopeOf(ctx);
  const archive = await deps.store.transaction(async (tx) => {
    const current = await archives(tx).get(scope, input.ArchiveName);
    if (!current) throw archiveNotFound(input.ArchiveName);
    const next = await expired(tx, scope, current, deps.clock.nowMs());
    if (next !== current) await archives(tx).put(scope, next.name, next);
    return next;
  });
  return describedArchive(archive);
}

export async function listArchives(
  deps: EventsDeps,
  input: ListArchivesRequest,
  ctx: RequestContext,
): Promise<ListArchivesResponse> {
  const scope = scopeOf(ctx);
  const filters = [input.NamePrefix, input.EventSourceArn, input.State].filter(
    (f) => f !== undefined,
  );
  if (filters.length > 1) {
    // A peer implementation's record of AWS's wording (not confirmed here).
    throw validationError(
      'At most one filter is allowed for ListArchives. Use either : State, EventSourceArn, or NamePrefix.',
    );
  }
  if (input.EventSourceArn !== undefined)
    await archiveSourceBus(deps.store, scope, input.EventSourceArn);
  const after = pageStart(input.NextToken);
  const all = (await archives(deps.store).list(scope, { prefix: input.NamePrefix ?? '' })).map(
    (entry) => entry.value,
  );
  const kept = all.filter(
    (archive) =>
      (input.State === undefined || archive.state === input.State) &&
      (input.EventSourceArn === undefined || archive.eventSourceArn === input.EventSourceArn),
  );
  const page = pageOf(kept, (archive) => archive.name, after, input.Limit);
  return {
    Archives: page.items.map(listedArchive),
    ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}),
  };
}
