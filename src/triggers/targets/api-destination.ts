/**
 * An API destination target (a rule's, or reached through a Scheduler schedule's event
 * bus): the event really sent as an HTTP request (api-destination-request.ts), as the
 * target's role (which must trust events.amazonaws.com and allow
 * events:InvokeApiDestination), within the destination's invocation rate, with a 5-second
 * deadline. Retried as AWS documents: 401, 407, 409, 429, 5xx, timeouts and network
 * failures (an OAuth token is fetched again after a 401 or 407, and a Retry-After is
 * honoured); any other answer fails the invocation at once.
 */
import type { Clock } from '../../engine/clock/types.js';
import type { Scope, Store } from '../../store/types.js';
import type { CallerAuthorizer } from '../../services/authorization/authorizer.js';
import {
  apiDestinations,
  connectionOf,
  parseApiDestinationArn,
} from '../../services/events/api-destinations/records.js';
import type { ConnectionAuthorizer } from '../../services/events/connections/authorizer.js';
import type { ConnectionCredentials } from '../../services/events/connections/credentials.js';
import { OAuthError } from '../../services/events/connections/oauth.js';
import type { ConnectionRecord } from '../../services/events/connections/records.js';
import type { Target } from '../../services/events/generated/types.js';
import { OutboundError, schemeAllowed, sendHttp } from '../../services/events/http/outbound.js';
import { buildApiDestinationRequest } from './api-destination-request.js';
import type { RateLimiter } from '../rate-limiter.js';
import { authorizeRoleAction } from '../role-session.js';
import { TargetError } from '../target-error.js';

/** AWS's deadline for an API destination to answer. */
export const API_DESTINATION_TIMEOUT_MS = 5000;

const RETRIED_STATUSES = new Set([401, 407, 409, 429]);

export function isApiDestinationArn(arn: string): boolean {
  return parseApiDestinationArn(arn) !== undefined;
}

export interface ApiDestinationDeps {
  store: Store;
  clock: Clock;
  connections: ConnectionAuthorizer;
  limiter: RateLimiter;
  allowHttp: boolean;
  /** The callers' authorizer: the role's session is asked as a caller is. */
  authorizer: CallerAuthorizer;
}

export async function invokeApiDestination(
  deps: ApiDestinationDeps,
  call: { scope: Scope; target: Target; input: string; event: unknown; servicePrincipal: string },
): Promise<{ httpStatus: number }> {
  const { target, scope } = call;
  const parsed = parseApiDestinationArn(target.Arn);
  const destination = parsed && (await apiDestinations(deps.store).get(parsed.scope, parsed.name));
  if (
    !parsed ||
    !destination ||
    (target.Arn !== destination.arn && target.Arn.split('/').length > 2)
  ) {
    throw new TargetError(
      'ResourceNotFoundException',
      `API destination ${target.Arn} does not exist.`,
    );
  }
  await checkRole(deps, call.scope, call.servicePrincipal, target, destination.arn);
  const connection = await connectionOf(deps.store, parsed.scope, destination.connectionArn);
  if (!connection) {
    throw new TargetError(
      'ResourceNotFoundException',
      `Connection ${destination.connectionArn} does not exist.`,
    );
  }
  if (connection.state === 'AUTHORIZING') {
    throw new TargetError(
      'ConnectionAuthInProgress',
      `Connection ${connection.name} is being authorized.`,
      true,
    );
  }
  if (connection.state !== 'AUTHORIZED') {
    throw new TargetError(
      'ConnectionNotAuthorized',
      `Connection ${connection.name} is ${connection.state}${connection.stateReason ? `: ${connection.stateReason}` : ''}.`,
    );
  }
  const credentials = await deps.connections.credentials(scope, connection);
  if (!credentials) {
    throw new TargetError(
      'ConnectionNotAuthorized',
      `The secret of connection ${connection.name} cannot be read.`,
    );
  }
  await deps.limiter.acquire(destination.arn, destination.invocationRateLimitPerSecond);
  const authorization = await authorizationOf(deps, scope, connection, credentials);
  const request = buildApiDestinationRequest({
    destination,
    parameters: target.HttpParameters,
    credentials,
    authorization,
    payload: call.input,
    event: call.event,
  });
  if (!schemeAllowed(request.url, deps.allowHttp)) {
    throw new TargetError(
      'InvalidParameterException',
      `The endpoint ${request.url.origin} is not HTTPS.`,
    );
  }
  let response;
  try {
    response = await sendHttp({ ...request, timeoutMs: API_DESTINATION_TIMEOUT_MS });
  } catch (error) {
    if (error instanceof OutboundError) {
      throw new TargetError(
        error.kind === 'timeout' ? 'Timeout' : 'NetworkFailure',
        `Unable to invoke ApiDestination endpoint: ${error.message}`,
        true,
      );
    }
    throw error;
  }
  if (response.status >= 200 && response.status < 300) return { httpStatus: response.status };
  if (
    (response.status === 401 || response.status === 407) &&
    connection.authorizationType === 'OAUTH_CLIENT_CREDENTIALS'
  ) {
    deps.connections.tokens.drop(connection.arn);
  }
  const retriable =
    RETRIED_STATUSES.has(response.status) || (response.status >= 500 && response.status < 600);
  throw new TargetError(
    `HTTP${response.status}`,
    `Unable to invoke ApiDestination endpoint: the endpoint answered HTTP ${response.status}.`,
    retriable,
    retryAfterMs(response.headers['retry-after'], deps.clock.nowMs()),
    response.status,
  );
}

async function checkRole(
  deps: ApiDestinationDeps,
  scope: Scope,
  servicePrincipal: string,
  target: Target,
  destinationArn: string,
): Promise<void> {
  if (!target.RoleArn) {
    throw new TargetError(
      'AccessDeniedException',
      'The target has no RoleArn to invoke the API destination with.',
    );
  }
  const authorization = await authorizeRoleAction(deps, {
    scope,
    roleArn: target.RoleArn,
    servicePrincipal,
    action: 'events:InvokeApiDestination',
    resource: destinationArn,
  });
  if (!authorization.allowed) throw new TargetError('AccessDeniedException', authorization.reason);
}

async function authorizationOf(
  deps: ApiDestinationDeps,
  scope: Scope,
  connection: ConnectionRecord,
  credentials: ConnectionCredentials,
): Promise<{ header: string; value: string } | undefined> {
  switch (connection.authorizationType) {
    case 'BASIC': {
      const pair = Buffer.from(`${credentials.username ?? ''}:${credentials.password ?? ''}`);
      return { header: 'Authorization', value: `Basic ${pair.toString('base64')}` };
    }
    case 'API_KEY':
      return {
        header: credentials.api_key_name ?? 'x-api-key',
        value: credentials.api_key_value ?? '',
      };
    case 'OAUTH_CLIENT_CREDENTIALS':
      try {
        const token = await deps.connections.token(scope, connection, credentials);
        return { header: 'Authorization', value: `Bearer ${token.accessToken}` };
      } catch (error) {
        if (error instanceof OAuthError) {
          throw new TargetError('OAuthTokenFailure', error.message, error.retriable);
        }
        throw error;
      }
  }
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(header: string | string[] | undefined, nowMs: number): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
