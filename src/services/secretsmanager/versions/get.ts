/**
 * GetSecretValue and BatchGetSecretValue. A batch names its secrets by SecretIdList (up to
 * 20, each failure answered in Errors) or by Filters (paged, 20 at most per page, secrets
 * scheduled for deletion left out), never both.
 */
import type { RequestContext } from '../../context.js';
import { isServiceError } from '../../error.js';
import type { SecretsDeps } from '../deps.js';
import { InvalidParameterException } from '../errors.js';
import type {
  APIErrorType,
  BatchGetSecretValueRequest,
  BatchGetSecretValueResponse,
  GetSecretValueRequest,
  GetSecretValueResponse,
  SecretValueEntry,
} from '../generated/types.js';
import { matchesFilters } from '../secrets/filters.js';
import { allSecrets, pageOf, readOffset } from '../secrets/list.js';
import { readSecretValue } from './read.js';
import { scopeOf } from '../../context.js';

const BATCH_PAGE = 20;

export async function getSecretValue(
  deps: SecretsDeps,
  input: GetSecretValueRequest,
  ctx: RequestContext,
): Promise<GetSecretValueResponse> {
  const scope = scopeOf(ctx);
  return deps.store.transaction((tx) =>
    readSecretValue(
      tx,
      scope,
      input.SecretId,
      {
        ...(input.VersionId !== undefined ? { versionId: input.VersionId } : {}),
        ...(input.VersionStage !== undefined ? { versionStage: input.VersionStage } : {}),
      },
      deps.clock.nowMs(),
    ),
  );
}

export async function batchGetSecretValue(
  deps: SecretsDeps,
  input: BatchGetSecretValueRequest,
  ctx: RequestContext,
): Promise<BatchGetSecretValueResponse> {
  const scope = scopeOf(ctx);
  const ids = input.SecretIdList;
  const filters = input.Filters;
  if ((ids === undefined) === (filters === undefined)) {
    throw new InvalidParameterException(
      "Either 'SecretIdList' or 'Filters' must be provided, but not both.",
    );
  }
  if (input.MaxResults !== undefined && filters === undefined) {
    throw new InvalidParameterException(
      "'Filters' not specified. 'Filters' must also be specified when 'MaxResults' is provided.",
    );
  }
  return deps.store.transaction(async (tx) => {
    const nowMs = deps.clock.nowMs();
    const values: SecretValueEntry[] = [];
    const errors: APIErrorType[] = [];
    if (ids !== undefined) {
      for (const secretId of ids) {
        try {
          values.push(await readSecretValue(tx, scope, secretId, {}, nowMs));
        } catch (error) {
          if (!isServiceError(error)) throw error;
          errors.push({ SecretId: secretId, ErrorCode: error.code, Message: error.message });
        }
      }
      return { SecretValues: values, Errors: errors };
    }
    const offset = readOffset(input.NextToken);
    const matching = (await allSecrets(tx, scope, nowMs)).filter(
      (record) => record.deletedDate === undefined && matchesFilters(record, filters ?? []),
    );
    const page = pageOf(matching, offset, input.MaxResults ?? BATCH_PAGE);
    for (const record of page.items) {
      try {
        values.push(await readSecretValue(tx, scope, record.arn, {}, nowMs));
      } catch (error) {
        if (!isServiceError(error)) throw error;
        errors.push({ SecretId: record.arn, ErrorCode: error.code, Message: error.message });
      }
    }
    return {
      SecretValues: values,
      Errors: errors,
      ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}),
    };
  });
}
