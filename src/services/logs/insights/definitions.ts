/**
 * Saved queries: PutQueryDefinition (creates one, or replaces the one `queryDefinitionId`
 * names), DescribeQueryDefinitions (by name, a name prefix filter, paged) and
 * DeleteQueryDefinition. The query string is kept as given: AWS checks it when it runs.
 */
import { randomUUID } from 'node:crypto';
import type { Scope } from '../../../store/types.js';
import { compareIds } from '../../../store/ids.js';
import { decodePageToken, encodePageToken } from '../../paging.js';
import type { RequestContext } from '../../context.js';
import type { LogsDeps } from '../deps.js';
import { InvalidParameterException, ResourceNotFoundException } from '../generated/errors.js';
import type {
  DeleteQueryDefinitionRequest,
  DeleteQueryDefinitionResponse,
  DescribeQueryDefinitionsRequest,
  DescribeQueryDefinitionsResponse,
  PutQueryDefinitionRequest,
  PutQueryDefinitionResponse,
  QueryDefinition,
} from '../generated/types.js';
import { INVALID_NEXT_TOKEN } from '../lookup.js';
import { QUERY_DEFINITIONS, type QueryDefinitionRecord } from './records.js';
import { scopeOf } from '../../context.js';

const DEFINITION_NOT_FOUND = 'The specified query definition does not exist.';
const PAGE_DEFAULT = 1000;

export async function putQueryDefinition(
  deps: LogsDeps,
  input: PutQueryDefinitionRequest,
  ctx: RequestContext,
): Promise<PutQueryDefinitionResponse> {
  const scope = scopeOf(ctx);
  const definitions = deps.store.collection<QueryDefinitionRecord>(QUERY_DEFINITIONS);
  if (input.queryDefinitionId !== undefined) {
    const found = await definitions.get(scope, input.queryDefinitionId);
    if (!found) throw new ResourceNotFoundException(DEFINITION_NOT_FOUND);
  }
  const record: QueryDefinitionRecord = {
    queryDefinitionId: input.queryDefinitionId ?? randomUUID(),
    name: input.name,
    queryString: input.queryString,
    queryLanguage: input.queryLanguage ?? 'CWLI',
    ...(input.logGroupNames !== undefined ? { logGroupNames: input.logGroupNames } : {}),
    ...(input.parameters !== undefined ? { parameters: input.parameters } : {}),
    lastModified: deps.clock.nowMs(),
  };
  await definitions.put(scope, record.queryDefinitionId, record);
  return { queryDefinitionId: record.queryDefinitionId };
}

export async function describeQueryDefinitions(
  deps: LogsDeps,
  input: DescribeQueryDefinitionsRequest,
  ctx: RequestContext,
): Promise<DescribeQueryDefinitionsResponse> {
  const scope = scopeOf(ctx);
  const after = input.nextToken === undefined ? undefined : decodePageToken(input.nextToken);
  if (input.nextToken !== undefined && after === undefined) {
    throw new InvalidParameterException(INVALID_NEXT_TOKEN);
  }
  const all = (await listDefinitions(deps, scope))
    .filter(
      (d) =>
        (input.queryDefinitionNamePrefix === undefined ||
          d.name.startsWith(input.queryDefinitionNamePrefix)) &&
        (input.queryLanguage === undefined || d.queryLanguage === input.queryLanguage),
    )
    .sort(
      (a, b) => compareIds(a.name, b.name) || compareIds(a.queryDefinitionId, b.queryDefinitionId),
    );
  const start = after === undefined ? 0 : all.findIndex((d) => positionOf(d) > after);
  const size = input.maxResults ?? PAGE_DEFAULT;
  const page = start === -1 ? [] : all.slice(start, start + size);
  const last = page[page.length - 1];
  return {
    queryDefinitions: page.map(toWire),
    ...(last && start + size < all.length ? { nextToken: encodePageToken(positionOf(last)) } : {}),
  };
}

export async function deleteQueryDefinition(
  deps: LogsDeps,
  input: DeleteQueryDefinitionRequest,
  ctx: RequestContext,
): Promise<DeleteQueryDefinitionResponse> {
  const deleted = await deps.store
    .collection<QueryDefinitionRecord>(QUERY_DEFINITIONS)
    .delete(scopeOf(ctx), input.queryDefinitionId);
  if (!deleted) throw new ResourceNotFoundException(DEFINITION_NOT_FOUND);
  return { success: true };
}

async function listDefinitions(deps: LogsDeps, scope: Scope): Promise<QueryDefinitionRecord[]> {
  const rows = await deps.store.collection<QueryDefinitionRecord>(QUERY_DEFINITIONS).list(scope);
  return rows.map((r) => r.value);
}

function toWire(d: QueryDefinitionRecord): QueryDefinition {
  return {
    queryDefinitionId: d.queryDefinitionId,
    name: d.name,
    queryString: d.queryString,
    queryLanguage: d.queryLanguage,
    lastModified: d.lastModified,
    ...(d.logGroupNames !== undefined ? { logGroupNames: d.logGroupNames } : {}),
    ...(d.parameters !== undefined ? { parameters: d.parameters } : {}),
  };
}

/** Names may repeat; the id after a NUL keeps the order total and the token exact. */
function positionOf(d: QueryDefinitionRecord): string {
  return `${d.name}\u0000${d.queryDefinitionId}`;
}
