/**
 * DeleteSecret and RestoreSecret. A deletion is scheduled after a recovery window of 7 to
 * 30 days (default 30) on the teiki clock, during which the secret can be described,
 * listed with IncludePlannedDeletion and restored, and nothing else; then it is gone (see
 * lookup.ts). ForceDeleteWithoutRecovery removes it at once, also one already scheduled.
 */
import type { RequestContext } from '../../context.js';
import type { SecretsDeps } from '../deps.js';
import { InvalidParameterException, InvalidRequestException } from '../errors.js';
import type {
  DeleteSecretRequest,
  DeleteSecretResponse,
  RestoreSecretRequest,
  RestoreSecretResponse,
} from '../generated/types.js';
import { removeSecret, requireSecret, secrets } from './lookup.js';
import { scopeOf } from '../../context.js';

const DAY_MS = 86_400_000;

export async function deleteSecret(
  deps: SecretsDeps,
  input: DeleteSecretRequest,
  ctx: RequestContext,
): Promise<DeleteSecretResponse> {
  const scope = scopeOf(ctx);
  const days = input.RecoveryWindowInDays;
  const force = input.ForceDeleteWithoutRecovery === true;
  if (days !== undefined && force) {
    throw new InvalidParameterException(
      "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
    );
  }
  if (days !== undefined && (days < 7 || days > 30)) {
    throw new InvalidParameterException(
      'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).',
    );
  }
  return deps.store.transaction(async (tx) => {
    const nowMs = deps.clock.nowMs();
    const record = await requireSecret(tx, scope, input.SecretId, nowMs);
    if (force) {
      await removeSecret(tx, scope, record.name);
      return { ARN: record.arn, Name: record.name, DeletionDate: new Date(nowMs) };
    }
    if (record.deletedDate !== undefined) {
      throw new InvalidRequestException(
        "You tried to perform the operation on a secret that's currently marked deleted.",
      );
    }
    const deletedDate = nowMs + (days ?? 30) * DAY_MS;
    await secrets(tx).put(scope, record.name, { ...record, deletedDate });
    return { ARN: record.arn, Name: record.name, DeletionDate: new Date(deletedDate) };
  });
}

export async function restoreSecret(
  deps: SecretsDeps,
  input: RestoreSecretRequest,
  ctx: RequestContext,
): Promise<RestoreSecretResponse> {
  const scope = scopeOf(ctx);
  return deps.store.transaction(async (tx) => {
    const nowMs = deps.clock.nowMs();
    const record = await requireSecret(tx, scope, input.SecretId, nowMs);
    if (record.deletedDate !== undefined) {
      const { deletedDate: _scheduled, ...restored } = record;
      await secrets(tx).put(scope, record.name, { ...restored, lastChangedDate: nowMs });
    }
    return { ARN: record.arn, Name: record.name };
  });
}
