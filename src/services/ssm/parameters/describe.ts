/**
 * DescribeParameters: every parameter's metadata (never its value), through either the
 * older Filters or ParameterFilters, 50 at most per page. `Shared` lists parameters other
 * accounts share with this one: teiki shares none.
 */
import { filteredPage } from '../../paging.js';
import type { RequestContext } from '../../context.js';
import type { SsmDeps } from '../deps.js';
import { ValidationException } from '../errors.js';
import type { DescribeParametersRequest, DescribeParametersResult } from '../generated/types.js';
import { type ParameterRecord } from '../records.js';
import { checkParameterFilters, matchesLegacyFilters, matchesParameterFilters } from './filters.js';
import { parameters } from './lookup.js';
import { metadataOutput } from './output.js';
import { readToken } from './paging.js';
import { scopeOf } from '../../context.js';

const DEFAULT_PAGE = 50;

export async function describeParameters(
  deps: SsmDeps,
  input: DescribeParametersRequest,
  ctx: RequestContext,
): Promise<DescribeParametersResult> {
  const scope = scopeOf(ctx);
  const legacy = input.Filters ?? [];
  const filters = input.ParameterFilters ?? [];
  if (legacy.length > 0 && filters.length > 0) {
    throw new ValidationException(
      'You can use either Filters or ParameterFilters in a single request.',
    );
  }
  checkParameterFilters(filters, 'describe');
  const afterId = readToken(input.NextToken);
  if (input.Shared === true) return { Parameters: [] };
  const page = await filteredPage<ParameterRecord>(parameters(deps.store), scope, {
    afterId,
    pageSize: input.MaxResults ?? DEFAULT_PAGE,
    keep: (record) =>
      matchesLegacyFilters(record, legacy) && matchesParameterFilters(record, filters),
  });
  return {
    Parameters: page.items.map(({ value }) => metadataOutput(scope, value)),
    ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}),
  };
}
