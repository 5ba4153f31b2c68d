/**
 * CreateConnection: the credentials go into a new Secrets Manager secret
 * (`events!connection/NAME/UUID`, in the same store transaction as the connection), the
 * connection keeps only their public part. BASIC and API_KEY connections are AUTHORIZED at
 * once; an OAuth connection answers AUTHORIZING and is authorized in the background (the
 * states AWS answered in LocalStack's recorded snapshots).
 */
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../context.js';
import { createManagedSecret } from '../../secretsmanager/managed.js';
import type { EventsDeps } from '../deps.js';
import type { CreateConnectionRequest, CreateConnectionResponse } from '../generated/types.js';
import { schemeAllowed } from '../http/outbound.js';
import {
  credentialsOnCreate,
  publicParameters,
  serializeCredentials,
  type ConnectionCredentials,
} from './credentials.js';
import { connectionExists, invalidEndpoint, noResourceConfiguration } from './errors.js';
import { createOutput } from './output.js';
import { CONNECTIONS, connectionArn, type ConnectionRecord } from './records.js';
import { scopeOf } from '../../context.js';

/** The OAuth endpoint must be one EventBridge may call. */
export function checkOAuthEndpoint(deps: EventsDeps, credentials: ConnectionCredentials): void {
  const endpoint = credentials.authorization_endpoint;
  if (endpoint === undefined) return;
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (!url || !schemeAllowed(url, deps.allowHttpDestinations) || url.username !== '') {
    throw invalidEndpoint('AuthorizationEndpoint', endpoint);
  }
}

export function secretNameOf(connectionName: string): string {
  return `events!connection/${connectionName}/${randomUUID()}`;
}

export async function createConnection(
  deps: EventsDeps,
  input: CreateConnectionRequest,
  ctx: RequestContext,
): Promise<CreateConnectionResponse> {
  const scope = scopeOf(ctx);
  const connectivity =
    input.InvocationConnectivityParameters ?? input.AuthParameters.ConnectivityParameters;
  if (connectivity) {
    throw noResourceConfiguration(connectivity.ResourceParameters.ResourceConfigurationArn);
  }
  const credentials = credentialsOnCreate(input.AuthorizationType, input.AuthParameters);
  checkOAuthEndpoint(deps, credentials);
  const oauth = input.AuthorizationType === 'OAUTH_CLIENT_CREDENTIALS';
  const record = await deps.store.transaction(async (tx) => {
    const connections = tx.collection<ConnectionRecord>(CONNECTIONS);
    if (await connections.get(scope, input.Name)) throw connectionExists(input.Name);
    const now = deps.clock.nowMs();
    const secret = await createManagedSecret(tx, scope, {
      name: secretNameOf(input.Name),
      secretString: serializeCredentials(credentials),
      owningService: 'events',
      nowMs: now,
    });
    const created: ConnectionRecord = {
      name: input.Name,
      arn: connectionArn(scope, input.Name, randomUUID()),
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      ...(input.KmsKeyIdentifier !== undefined ? { kmsKeyIdentifier: input.KmsKeyIdentifier } : {}),
      authorizationType: input.AuthorizationType,
      state: oauth ? 'AUTHORIZING' : 'AUTHORIZED',
      authParameters: publicParameters(input.AuthorizationType, credentials),
      secretArn: secret.arn,
      creationTime: now,
      lastModifiedTime: now,
      lastAuthorizedTime: now,
      version: 1,
    };
    await connections.insert(scope, input.Name, created);
    return created;
  });
  if (oauth) deps.connectionAuthorizer.begin(scope, record.name, record.version);
  return createOutput(record);
}
