/**
 * DeleteConnection and DeauthorizeConnection. Both delete the connection's secret at once
 * (AWS removes it without a recovery window). DeleteConnection answers DELETING and the
 * connection is gone for the next call (as recorded against AWS); DeauthorizeConnection
 * answers DEAUTHORIZING and leaves a DEAUTHORIZED connection without credentials, which
 * UpdateConnection can authorize again. The answers carry the LastModifiedTime the
 * connection had before the call.
 */
import type { RequestContext } from '../../context.js';
import { deleteManagedSecret } from '../../secretsmanager/managed.js';
import type { EventsDeps } from '../deps.js';
import type {
  DeauthorizeConnectionRequest,
  DeauthorizeConnectionResponse,
  DeleteConnectionRequest,
  DeleteConnectionResponse,
} from '../generated/types.js';
import { stateOutput } from './output.js';
import { connections, requireConnection } from './read.js';
import type { ConnectionRecord } from './records.js';
import { scopeOf } from '../../context.js';

/** Reason recorded by a peer implementation for this state; AWS's is not confirmed. */
export const DEAUTHORIZED_REASON =
  'The authorization parameters were removed from this connection by a DeauthorizeConnection operation.';

export async function deleteConnection(
  deps: EventsDeps,
  input: DeleteConnectionRequest,
  ctx: RequestContext,
): Promise<DeleteConnectionResponse> {
  const scope = scopeOf(ctx);
  const record = await deps.store.transaction(async (tx) => {
    const current = await requireConnection(tx, scope, input.Name);
    if (current.secretArn !== undefined) {
      await deleteManagedSecret(tx, scope, current.secretArn, deps.clock.nowMs());
    }
    await connections(tx).delete(scope, current.name);
    return current;
  });
  deps.connectionAuthorizer.tokens.drop(record.arn);
  return stateOutput({ ...record, state: 'DELETING' });
}

export async function deauthorizeConnection(
  deps: EventsDeps,
  input: DeauthorizeConnectionRequest,
  ctx: RequestContext,
): Promise<DeauthorizeConnectionResponse> {
  const scope = scopeOf(ctx);
  const before = await deps.store.transaction(async (tx) => {
    const current = await requireConnection(tx, scope, input.Name);
    const now = deps.clock.nowMs();
    if (current.secretArn !== undefined) {
      await deleteManagedSecret(tx, scope, current.secretArn, now);
    }
    const { secretArn: _gone, ...rest } = current;
    const next: ConnectionRecord = {
      ...rest,
      state: 'DEAUTHORIZED',
      stateReason: DEAUTHORIZED_REASON,
      authParameters: {},
      lastModifiedTime: now,
      version: current.version + 1,
    };
    await connections(tx).put(scope, current.name, next);
    return current;
  });
  deps.connectionAuthorizer.tokens.drop(before.arn);
  return stateOutput({ ...before, state: 'DEAUTHORIZING' });
}
