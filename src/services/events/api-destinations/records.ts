/**
 * API destinations as stored, per (account, region), in `events.api-destinations` keyed by
 * name. Their state is not stored: it follows their connection (ACTIVE while the
 * connection is AUTHORIZED), as AWS reports it.
 */
import type { Scope, StoreSession } from '../../../store/types.js';
import type { ApiDestinationHttpMethod, ApiDestinationState } from '../generated/types.js';
import { parseConnectionArn, CONNECTIONS, type ConnectionRecord } from '../connections/records.js';

export const API_DESTINATIONS = 'events.api-destinations';

/** AWS's default and maximum invocation rate. */
export const MAX_RATE_PER_SECOND = 300;

export interface ApiDestinationRecord {
  name: string;
  /** `arn:aws:events:REGION:ACCOUNT:api-destination/NAME/UUID`. */
  arn: string;
  description?: string;
  connectionArn: string;
  invocationEndpoint: string;
  httpMethod: ApiDestinationHttpMethod;
  invocationRateLimitPerSecond: number;
  creationTime: number;
  lastModifiedTime: number;
}

export function apiDestinationArn(scope: Scope, name: string, uuid: string): string {
  return `arn:aws:events:${scope.region}:${scope.accountId}:api-destination/${name}/${uuid}`;
}

const API_DESTINATION_ARN =
  /^arn:aws[\w-]*:events:([a-z0-9-]+):(\d{12}):api-destination\/([.\-_A-Za-z0-9]+)(?:\/[-A-Za-z0-9]+)?$/;

/** The scope and name an API destination ARN designates (with or without its UUID). */
export function parseApiDestinationArn(arn: string): { scope: Scope; name: string } | undefined {
  const match = API_DESTINATION_ARN.exec(arn);
  if (!match) return undefined;
  return {
    scope: { region: match[1] as string, accountId: match[2] as string },
    name: match[3] as string,
  };
}

export function apiDestinations(session: StoreSession) {
  return session.collection<ApiDestinationRecord>(API_DESTINATIONS);
}

/** The connection an ARN designates, in this very incarnation (a recreated one is another). */
export async function connectionOf(
  session: StoreSession,
  scope: Scope,
  arn: string,
): Promise<ConnectionRecord | undefined> {
  const parsed = parseConnectionArn(arn);
  if (
    !parsed ||
    parsed.scope.accountId !== scope.accountId ||
    parsed.scope.region !== scope.region
  ) {
    return undefined;
  }
  const record = await session.collection<ConnectionRecord>(CONNECTIONS).get(scope, parsed.name);
  return record?.arn === arn ? record : undefined;
}

export function stateOf(connection: ConnectionRecord | undefined): ApiDestinationState {
  return connection?.state === 'AUTHORIZED' ? 'ACTIVE' : 'INACTIVE';
}
