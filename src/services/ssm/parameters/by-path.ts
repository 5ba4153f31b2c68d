/**
 * GetParametersByPath: the parameters one level under a path, or every level with
 * Recursive, passing the ParameterFilters, 10 at most per page. `/` is the top level: the
 * parameters whose names have no hierarchy (stored without a leading slash).
 */
import { filteredPage } from '../../paging.js';
import type { RequestContext } from '../../context.js';
import type { SsmDeps } from '../deps.js';
import type { GetParametersByPathRequest, GetParametersByPathResult } from '../generated/types.js';
import { type ParameterRecord } from '../records.js';
import { checkParameterFilters, checkPathForm, matchesParameterFilters } from './filters.js';
import { parameters } from './lookup.js';
import { parameterOutput } from './output.js';
import { readToken } from './paging.js';
import { scopeOf } from '../../context.js';

const DEFAULT_PAGE = 10;

export async function getParametersByPath(
  deps: SsmDeps,
  input: GetParametersByPathRequest,
  ctx: RequestContext,
): Promise<GetParametersByPathResult> {
  const scope = scopeOf(ctx);
  checkPathForm(input.Path);
  const filters = input.ParameterFilters ?? [];
  checkParameterFilters(filters, 'by-path');
  const base = input.Path.replace(/\/+$/, '');
  const prefix = base === '' ? '' : `${base}/`;
  const recursive = input.Recursive === true;
  const underPath = (key: string) => {
    const rest = key.slice(prefix.length);
    return recursive || !rest.includes('/');
  };
  const page = await filteredPage<ParameterRecord>(parameters(deps.store), scope, {
    ...(prefix !== '' ? { prefix } : {}),
    afterId: readToken(input.NextToken),
    pageSize: input.MaxResults ?? DEFAULT_PAGE,
    keep: (record, key) => underPath(key) && matchesParameterFilters(record, filters),
  });
  const withDecryption = input.WithDecryption === true;
  return {
    Parameters: page.items.map(({ value }) =>
      parameterOutput(scope, value.name, value.latest, withDecryption),
    ),
    ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}),
  };
}
