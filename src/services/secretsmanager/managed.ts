/**
 * Secrets another AWS service keeps for itself, written in-process inside that service's
 * own store transaction (so a resource and its secret change together). EventBridge keeps
 * a connection's credentials this way, in `events!connection/NAME/UUID`: a name the API's
 * own name rule refuses (`!`), which is how AWS keeps such secrets apart from the
 * customer's. The owning service does its own authorization; this module knows none.
 */
import { randomUUID } from 'node:crypto';
import type { Scope, StoreSession } from '../../store/types.js';
import { AWSCURRENT, type SecretRecord } from './records.js';
import { findSecret, removeSecret, secrets } from './secrets/lookup.js';
import { newSecretArn } from './secrets/names.js';
import { readSecretValue } from './versions/read.js';
import { addVersion } from './versions/write.js';

export interface ManagedSecret {
  arn: string;
  name: string;
}

/** Creates the secret with its first (AWSCURRENT) version. */
export async function createManagedSecret(
  session: StoreSession,
  scope: Scope,
  options: { name: string; secretString: string; owningService: string; nowMs: number },
): Promise<ManagedSecret> {
  const record: SecretRecord = {
    arn: newSecretArn(scope, options.name),
    name: options.name,
    createdDate: options.nowMs,
    lastChangedDate: options.nowMs,
    versions: [],
    owningService: options.owningService,
  };
  const { record: written } = await addVersion(session, scope, record, {
    versionId: randomUUID(),
    value: { secretString: options.secretString },
    nowMs: options.nowMs,
  });
  await secrets(session).put(scope, written.name, written);
  return { arn: written.arn, name: written.name };
}

/** A new AWSCURRENT version; false when the secret is gone (deleted by hand). */
export async function putManagedSecretValue(
  session: StoreSession,
  scope: Scope,
  options: { arn: string; secretString: string; nowMs: number },
): Promise<boolean> {
  const record = await findSecret(session, scope, options.arn, options.nowMs);
  if (!record || record.deletedDate !== undefined) return false;
  const { record: written } = await addVersion(session, scope, record, {
    versionId: randomUUID(),
    value: { secretString: options.secretString },
    nowMs: options.nowMs,
  });
  await secrets(session).put(scope, written.name, written);
  return true;
}

/** The current string value, or undefined when the secret or its value is gone. */
export async function readManagedSecret(
  session: StoreSession,
  scope: Scope,
  arn: string,
  nowMs: number,
): Promise<string | undefined> {
  const record = await findSecret(session, scope, arn, nowMs);
  if (!record || record.deletedDate !== undefined) return undefined;
  const value = await readSecretValue(session, scope, arn, { versionStage: AWSCURRENT }, nowMs);
  return value.SecretString;
}

/** Removes the secret at once (no recovery window), as the owning service does. */
export async function deleteManagedSecret(
  session: StoreSession,
  scope: Scope,
  arn: string,
  nowMs: number,
): Promise<void> {
  const record = await findSecret(session, scope, arn, nowMs);
  if (record) await removeSecret(session, scope, record.name);
}
