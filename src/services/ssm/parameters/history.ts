/** GetParameterHistory: every kept version, oldest first, 50 at most per page. */
import { listPage } from '../../paging.js';
import type { RequestContext } from '../../context.js';
import type { SsmDeps } from '../deps.js';
import type { GetParameterHistoryRequest, GetParameterHistoryResult } from '../generated/types.js';
import { versionPrefix } from '../records.js';
import { parameterVersions, requireParameter } from './lookup.js';
import { parsePlainName } from './names.js';
import { historyOutput } from './output.js';
import { readToken } from './paging.js';
import { scopeOf } from '../../context.js';

const DEFAULT_PAGE = 50;

export async function getParameterHistory(
  deps: SsmDeps,
  input: GetParameterHistoryRequest,
  ctx: RequestContext,
): Promise<GetParameterHistoryResult> {
  const scope = scopeOf(ctx);
  const reference = parsePlainName(scope, input.Name);
  const record = await requireParameter(deps.store, scope, reference);
  const prefix = versionPrefix(reference?.key ?? '');
  const page = await listPage(parameterVersions(deps.store), scope, {
    prefix,
    afterId: readToken(input.NextToken),
    pageSize: input.MaxResults ?? DEFAULT_PAGE,
  });
  const withDecryption = input.WithDecryption === true;
  return {
    Parameters: page.items.map(({ value }) => historyOutput(scope, record, value, withDecryption)),
    ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}),
  };
}
