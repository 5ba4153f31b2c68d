/**
 * CreateApiDestination, UpdateApiDestination and DeleteApiDestination. The endpoint must
 * be HTTPS (HTTP too with `--allow-http-destinations`); `*` in its path stands for the
 * target's PathParameterValues. The rate defaults to, and may not exceed, 300 per second.
 */
import { randomUUID } from 'node:crypto';
import type { Scope, StoreSession } from '../../../store/types.js';
import type { RequestContext } from '../../context.js';
import type { EventsDeps } from '../deps.js';
import type {
  CreateApiDestinationRequest,
  CreateApiDestinationResponse,
  DeleteApiDestinationRequest,
  DeleteApiDestinationResponse,
  UpdateApiDestinationRequest,
  UpdateApiDestinationResponse,
} from '../generated/types.js';
import { schemeAllowed } from '../http/outbound.js';
import {
  apiDestinationExists,
  apiDestinationNotFound,
  connectionMissing,
  invalidInvocationEndpoint,
  rateTooHigh,
  type Action,
} from './errors.js';
import { writeOutput } from './output.js';
import {
  apiDestinationArn,
  apiDestinations,
  connectionOf,
  MAX_RATE_PER_SECOND,
  stateOf,
  type ApiDestinationRecord,
} from './records.js';
import { scopeOf } from '../../context.js';

function checkEndpoint(deps: EventsDeps, action: Action, endpoint: string): void {
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  const fine =
    url !== undefined &&
    schemeAllowed(url, deps.allowHttpDestinations) &&
    url.hostname !== '' &&
    !url.hostname.includes('*') &&
    url.username === '' &&
    url.hash === '';
  if (!fine) throw invalidInvocationEndpoint(action, endpoint);
}

function checkRate(action: Action, rate: number | undefined, name: string): void {
  if (rate !== undefined && rate > MAX_RATE_PER_SECOND) throw rateTooHigh(action, rate, name);
}

async function liveConnection(session: StoreSession, scope: Scope, action: Action, arn: string) {
  const connection = await connectionOf(session, scope, arn);
  if (!connection) throw connectionMissing(action, arn);
  return connection;
}

export async function createApiDestination(
  deps: EventsDeps,
  input: CreateApiDestinationRequest,
  ctx: RequestContext,
): Promise<CreateApiDestinationResponse> {
  const scope = scopeOf(ctx);
  checkEndpoint(deps, 'create', input.InvocationEndpoint);
  checkRate('create', input.InvocationRateLimitPerSecond, input.Name);
  return deps.store.transaction(async (tx) => {
    if (await apiDestinations(tx).get(scope, input.Name)) throw apiDestinationExists(input.Name);
    const connection = await liveConnection(tx, scope, 'create', input.ConnectionArn);
    const now = deps.clock.nowMs();
    const record: ApiDestinationRecord = {
      name: input.Name,
      arn: apiDestinationArn(scope, input.Name, randomUUID()),
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      connectionArn: input.ConnectionArn,
      invocationEndpoint: input.InvocationEndpoint,
      httpMethod: input.HttpMethod,
      invocationRateLimitPerSecond: input.InvocationRateLimitPerSecond ?? MAX_RATE_PER_SECOND,
      creationTime: now,
      lastModifiedTime: now,
    };
    await apiDestinations(tx).insert(scope, input.Name, record);
    return writeOutput(record, stateOf(connection));
  });
}

/** What is given replaces what was; what is left out stays. */
export async function updateApiDestination(
  deps: EventsDeps,
  input: UpdateApiDestinationRequest,
  ctx: RequestContext,
): Promise<UpdateApiDestinationResponse> {
  const scope = scopeOf(ctx);
  if (input.InvocationEndpoint !== undefined) {
    checkEndpoint(deps, 'update', input.InvocationEndpoint);
  }
  checkRate('update', input.InvocationRateLimitPerSecond, input.Name);
  return deps.store.transaction(async (tx) => {
    const current = await apiDestinations(tx).get(scope, input.Name);
    if (!current) throw apiDestinationNotFound('update', input.Name);
    const connectionArn = input.ConnectionArn ?? current.connectionArn;
    const connection =
      input.ConnectionArn !== undefined
        ? await liveConnection(tx, scope, 'update', input.ConnectionArn)
        : await connectionOf(tx, scope, connectionArn);
    const next: ApiDestinationRecord = {
      ...current,
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      connectionArn,
      ...(input.InvocationEndpoint !== undefined
        ? { invocationEndpoint: input.InvocationEndpoint }
        : {}),
      ...(input.HttpMethod !== undefined ? { httpMethod: input.HttpMethod } : {}),
      ...(input.InvocationRateLimitPerSecond !== undefined
        ? { invocationRateLimitPerSecond: input.InvocationRateLimitPerSecond }
        : {}),
      lastModifiedTime: deps.clock.nowMs(),
    };
    await apiDestinations(tx).put(scope, input.Name, next);
    return writeOutput(next, stateOf(connection));
  });
}

export async function deleteApiDestination(
  deps: EventsDeps,
  input: DeleteApiDestinationRequest,
  ctx: RequestContext,
): Promise<DeleteApiDestinationResponse> {
  const scope = scopeOf(ctx);
  const deleted = await apiDestinations(deps.store).delete(scope, input.Name);
  if (!deleted) throw apiDestinationNotFound('delete', input.Name);
  return {};
}
