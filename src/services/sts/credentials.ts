/**
 * Temporary credentials STS hands out, kept in the store so the gateway can recognise
 * them on later requests (and so they survive a restart, as AWS's do until they expire).
 * Keys are looked up by access key id alone, so they live in one index scope rather
 * than in their account's.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../engine/clock/types.js';
import { GLOBAL_REGION, type Scope, type Store } from '../../store/types.js';
import type { CallerIdentity } from '../context.js';
import { randomId } from '../ids.js';

export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiresAtMs: number;
  caller: CallerIdentity;
}

const KEY_INDEX: Scope = { accountId: '*', region: GLOBAL_REGION };
const COLLECTION = 'sts.credentials';
/** Expired keys are still recognised for a while, so callers get ExpiredToken rather than an unknown key. */
const KEEP_AFTER_EXPIRY_MS = 24 * 60 * 60 * 1000;

export class CredentialIssuer {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async issue(caller: CallerIdentity, durationSeconds: number): Promise<TemporaryCredentials> {
    const accessKeyId = `ASIA${randomId(16)}`;
    const credentials: TemporaryCredentials = {
      accessKeyId,
      secretAccessKey: randomBytes(30).toString('base64'),
      // AWS's tokens are long opaque base64 strings; clients only echo them back.
      sessionToken: `IQoJb3JpZ2luX2Vj${randomBytes(240).toString('base64')}`,
      // AWS reports expirations to the second.
      expiresAtMs: Math.floor(this.clock.nowMs() / 1000) * 1000 + durationSeconds * 1000,
      caller: { ...caller, accessKeyId },
    };
    await this.store
      .collection<TemporaryCredentials>(COLLECTION)
      .put(KEY_INDEX, credentials.accessKeyId, credentials);
    return credentials;
  }

  async lookup(accessKeyId: string): Promise<TemporaryCredentials | undefined> {
    if (!accessKeyId.startsWith('ASIA')) return undefined;
    const collection = this.store.collection<TemporaryCredentials>(COLLECTION);
    const found = await collection.get(KEY_INDEX, accessKeyId);
    if (found && found.expiresAtMs + KEEP_AFTER_EXPIRY_MS < this.clock.nowMs()) {
      await collection.delete(KEY_INDEX, accessKeyId);
      return undefined;
    }
    return found;
  }
}
