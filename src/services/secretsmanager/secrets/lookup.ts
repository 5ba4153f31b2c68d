/**
 * Finding a secret by SecretId, and the end of a scheduled deletion: a secret whose
 * deletion date has passed on the teiki clock is removed (with its values) the first time
 * anything looks for it or lists it, and is then as absent as if it never existed.
 */
import type { Scope, StoreSession } from '../../../store/types.js';
import { InvalidRequestException, ResourceNotFoundException } from '../errors.js';
import {
  SECRET_VALUES,
  SECRETS,
  valuePrefix,
  type SecretRecord,
  type SecretValueRecord,
} from '../records.js';
import { arnMatches, identify } from './names.js';

export const SECRET_NOT_FOUND = "Secrets Manager can't find the specified secret.";

export const MARKED_FOR_DELETION =
  "You can't perform this operation on the secret because it was marked for deletion.";

export function secrets(session: StoreSession) {
  return session.collection<SecretRecord>(SECRETS);
}

export function secretValues(session: StoreSession) {
  return session.collection<SecretValueRecord>(SECRET_VALUES);
}

export function notFound(): ResourceNotFoundException {
  return new ResourceNotFoundException(SECRET_NOT_FOUND);
}

/** Removes a secret and every value it holds. */
export async function removeSecret(
  session: StoreSession,
  scope: Scope,
  name: string,
): Promise<void> {
  await secrets(session).delete(scope, name);
  const values = secretValues(session);
  for (const { id } of await values.list(scope, { prefix: valuePrefix(name) })) {
    await values.delete(scope, id);
  }
}

export function isExpired(record: SecretRecord, nowMs: number): boolean {
  return record.deletedDate !== undefined && record.deletedDate <= nowMs;
}

/** The secret a SecretId names, scheduled for deletion or not; undefined when none. */
export async function findSecret(
  session: StoreSession,
  scope: Scope,
  secretId: string,
  nowMs: number,
): Promise<SecretRecord | undefined> {
  const identity = identify(scope, secretId);
  for (const name of identity.names) {
    const record = await secrets(session).get(scope, name);
    if (!record || !arnMatches(identity, record.arn)) continue;
    if (isExpired(record, nowMs)) {
      await removeSecret(session, scope, record.name);
      return undefined;
    }
    return record;
  }
  return undefined;
}

export async function requireSecret(
  session: StoreSession,
  scope: Scope,
  secretId: string,
  nowMs: number,
): Promise<SecretRecord> {
  const record = await findSecret(session, scope, secretId, nowMs);
  if (!record) throw notFound();
  return record;
}

/** A secret that is not scheduled for deletion, as every change to one requires. */
export async function requireLiveSecret(
  session: StoreSession,
  scope: Scope,
  secretId: string,
  nowMs: number,
): Promise<SecretRecord> {
  const record = await requireSecret(session, scope, secretId, nowMs);
  if (record.deletedDate !== undefined) throw new InvalidRequestException(MARKED_FOR_DELETION);
  return record;
}
