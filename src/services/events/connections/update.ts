/**
 * UpdateConnection: Description, KmsKeyIdentifier, and the authorization (type and
 * parameters, merged into the secret's credentials). A changed authorization makes a new
 * secret version; a connection deauthorized before gets a new secret. BASIC and API_KEY
 * are AUTHORIZED at once, OAuth goes back to AUTHORIZING and is authorized again in the
 * background, its old token dropped.
 */
import type { RequestContext } from '../../context.js';
import {
  createManagedSecret,
  putManagedSecretValue,
  readManagedSecret,
} from '../../secretsmanager/managed.js';
import type { EventsDeps } from '../deps.js';
import { validationError } from '../errors.js';
import type { UpdateConnectionRequest, UpdateConnectionResponse } from '../generated/types.js';
import { checkOAuthEndpoint, secretNameOf } from './create.js';
import {
  credentialsOnUpdate,
  parseCredentials,
  publicParameters,
  serializeCredentials,
} from './credentials.js';
import { noResourceConfiguration } from './errors.js';
import { stateOutput } from './output.js';
import { connections, requireConnection } from './read.js';
import type { ConnectionRecord } from './records.js';
import { scopeOf } from '../../context.js';

export async function updateConnection(
  deps: EventsDeps,
  input: UpdateConnectionRequest,
  ctx: RequestContext,
): Promise<UpdateConnectionResponse> {
  const scope = scopeOf(ctx);
  const connectivity =
    input.InvocationConnectivityParameters ?? input.AuthParameters?.ConnectivityParameters;
  if (connectivity) {
    throw noResourceConfiguration(connectivity.ResourceParameters.ResourceConfigurationArn);
  }
  const authChange = input.AuthorizationType !== undefined || input.AuthParameters !== undefined;
  if (!authChange && input.Description === undefined && input.KmsKeyIdentifier === undefined) {
    // Wording recorded by a peer implementation, not confirmed against AWS.
    throw validationError(
      'Failed to update the connection(s). At least one of the following is required: Description, KmsKeyIdentifier, AuthorizationType with BasicAuthParameters, ApiKeyAuthParameters, or OAuthParameters.',
    );
  }
  const record = await deps.store.transaction(async (tx) => {
    const current = await requireConnection(tx, scope, input.Name);
    const now = deps.clock.nowMs();
    let next: ConnectionRecord = {
      ...current,
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      ...(input.KmsKeyIdentifier !== undefined ? { kmsKeyIdentifier: input.KmsKeyIdentifier } : {}),
      lastModifiedTime: now,
      version: current.version + 1,
    };
    if (authChange) {
      const type = input.AuthorizationType ?? current.authorizationType;
      const previous =
        current.secretArn !== undefined
          ? parseCredentials(await readManagedSecret(tx, scope, current.secretArn, now))
          : undefined;
      const credentials = credentialsOnUpdate(
        type,
        type !== current.authorizationType || previous === undefined,
        input.AuthParameters,
        previous ?? {},
      );
      checkOAuthEndpoint(deps, credentials);
      const text = serializeCredentials(credentials);
      let secretArn = current.secretArn;
      const rewritten =
        secretArn !== undefined &&
        (await putManagedSecretValue(tx, scope, {
          arn: secretArn,
          secretString: text,
          nowMs: now,
        }));
      if (!rewritten) {
        secretArn = (
          await createManagedSecret(tx, scope, {
            name: secretNameOf(current.name),
            secretString: text,
            owningService: 'events',
            nowMs: now,
          })
        ).arn;
      }
      const { stateReason: _cleared, ...rest } = next;
      const oauth = type === 'OAUTH_CLIENT_CREDENTIALS';
      next = {
        ...rest,
        authorizationType: type,
        authParameters: publicParameters(type, credentials),
        ...(secretArn !== undefined ? { secretArn } : {}),
        state: oauth ? 'AUTHORIZING' : 'AUTHORIZED',
        ...(oauth ? {} : { lastAuthorizedTime: now }),
      };
    }
    await connections(tx).put(scope, current.name, next);
    return next;
  });
  deps.connectionAuthorizer.tokens.drop(record.arn);
  if (record.state === 'AUTHORIZING') {
    deps.connectionAuthorizer.begin(scope, record.name, record.version);
  }
  return stateOutput(record);
}
