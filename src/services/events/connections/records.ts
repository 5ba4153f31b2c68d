/**
 * Connections as stored, per (account, region), in `events.connections` keyed by name.
 * The record holds what DescribeConnection may show; the credentials themselves live in
 * the connection's Secrets Manager secret (`secretArn`), as on AWS.
 */
import type { Scope } from '../../../store/types.js';
import type {
  ConnectionAuthResponseParameters,
  ConnectionAuthorizationType,
  ConnectionState,
} from '../generated/types.js';

export const CONNECTIONS = 'events.connections';

export interface ConnectionRecord {
  name: string;
  /** `arn:aws:events:REGION:ACCOUNT:connection/NAME/UUID`: a new UUID for each creation. */
  arn: string;
  description?: string;
  kmsKeyIdentifier?: string;
  authorizationType: ConnectionAuthorizationType;
  state: ConnectionState;
  stateReason?: string;
  /** The authorization parameters without secret values, as DescribeConnection shows them. */
  authParameters: ConnectionAuthResponseParameters;
  /** The secret holding the credentials; absent once the connection is deauthorized. */
  secretArn?: string;
  creationTime: number;
  lastModifiedTime: number;
  lastAuthorizedTime?: number;
  /** Bumped by every change, so a background authorization can tell it is stale. */
  version: number;
}

export function connectionArn(scope: Scope, name: string, uuid: string): string {
  return `arn:aws:events:${scope.region}:${scope.accountId}:connection/${name}/${uuid}`;
}

const CONNECTION_ARN =
  /^arn:aws[\w-]*:events:([a-z0-9-]+):(\d{12}):connection\/([.\-_A-Za-z0-9]+)\/[-A-Za-z0-9]+$/;

/** The scope and name a connection ARN designates, or undefined when it is not one. */
export function parseConnectionArn(arn: string): { scope: Scope; name: string } | undefined {
  const match = CONNECTION_ARN.exec(arn);
  if (!match) return undefined;
  return {
    scope: { region: match[1] as string, accountId: match[2] as string },
    name: match[3] as string,
  };
}
