/**
 * Access keys as stored (by key id alone, in KEY_INDEX, so the gateway finds them), and
 * the credential source that makes an Active key sign requests as its user.
 */
import type { CredentialRecord, CredentialSource } from '../../credentials.js';
import type { Store, StoreSession } from '../../../store/types.js';
import { iamEpoch, rememberedIamEpoch } from '../epoch.js';
import { NoSuchEntityException } from '../generated/errors.js';
import {
  ACCESS_KEYS,
  iamScope,
  KEY_INDEX,
  nameId,
  USERS,
  type AccessKeyRecord,
  type UserRecord,
} from '../records.js';

export function accessKeys(session: StoreSession) {
  return session.collection<AccessKeyRecord>(ACCESS_KEYS);
}

export function noSuchAccessKey(accessKeyId: string): NoSuchEntityException {
  return new NoSuchEntityException(`The Access Key with id ${accessKeyId} cannot be found.`);
}

/** Far more than one teiki's access keys, so eviction is rare. */
const CACHE_LIMIT = 1000;

/**
 * Active IAM user keys (`AKIA…`) as the gateway's credentials: the caller is the key's user.
 *
 * Every signed request looks its key up, which cost two store reads. What was found is
 * kept per key with the account's IAM epoch (epoch.ts) and read again once IAM has changed
 * since: a key deactivated or deleted, or its user renamed or deleted, is seen by the next
 * request here, and within the epoch's window when another node made the change.
 */
export function iamCredentialSource(store: Store): CredentialSource {
  const kept = new Map<
    string,
    { accountId: string; epoch: string; record: CredentialRecord | undefined }
  >();
  const read = async (accessKeyId: string) => {
    const cached = kept.get(accessKeyId);
    if (cached && cached.epoch === (await iamEpoch(store, cached.accountId))) return cached.record;
    const key = await accessKeys(store).get(KEY_INDEX, accessKeyId);
    if (!key) {
      // Unknown keys are not kept: whoever sends random ids must not fill the cache.
      kept.delete(accessKeyId);
      return undefined;
    }
    // The epoch first, then what it guards (read again): a change made after this read
    // moves the epoch, so nothing older than the epoch kept with it can be kept.
    const epoch = await iamEpoch(store, key.accountId);
    const record = await readCredential(store, accessKeyId);
    // No epoch yet (a data directory older than epochs): nothing would ever move it.
    if (epoch === '') return record;
    if (kept.size >= CACHE_LIMIT) kept.clear();
    kept.set(accessKeyId, { accountId: key.accountId, epoch, record });
    return record;
  };
  return (accessKeyId) => {
    if (!accessKeyId.startsWith('AKIA')) return undefined;
    // Kept, and the epoch is one this process remembers: answered without waiting.
    const cached = kept.get(accessKeyId);
    if (cached && cached.epoch === rememberedIamEpoch(store, cached.accountId)) {
      return cached.record;
    }
    return read(accessKeyId);
  };
}

async function readCredential(
  store: Store,
  accessKeyId: string,
): Promise<CredentialRecord | undefined> {
  const key = await accessKeys(store).get(KEY_INDEX, accessKeyId);
  if (!key || key.status !== 'Active') return undefined;
  const user = await store
    .collection<UserRecord>(USERS)
    .get(iamScope(key.accountId), nameId(key.userName));
  if (!user) return undefined;
  return {
    accessKeyId,
    secretAccessKey: key.secretAccessKey,
    caller: {
      type: 'user',
      accountId: key.accountId,
      arn: user.arn,
      userId: user.userId,
      accessKeyId,
    },
  };
}
