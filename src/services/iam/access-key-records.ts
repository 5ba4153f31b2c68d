/**
 * Access keys as stored (by key id alone, in KEY_INDEX, so the gateway finds them), and
 * the credential source that makes an Active key sign requests as its user.
 */
import type { CredentialSource } from '../../gateway/identity.js';
import type { Store, StoreSession } from '../../store/types.js';
import { NoSuchEntityException } from './generated/errors.js';
import {
  ACCESS_KEYS,
  iamScope,
  KEY_INDEX,
  nameId,
  USERS,
  type AccessKeyRecord,
  type UserRecord,
} from './records.js';

export function accessKeys(session: StoreSession) {
  return session.collection<AccessKeyRecord>(ACCESS_KEYS);
}

export function noSuchAccessKey(accessKeyId: string): NoSuchEntityException {
  return new NoSuchEntityException(`The Access Key with id ${accessKeyId} cannot be found.`);
}

/** Active IAM user keys (`AKIA…`) as the gateway's credentials: the caller is the key's user. */
export function iamCredentialSource(store: Store): CredentialSource {
  return async (accessKeyId) => {
    if (!accessKeyId.startsWith('AKIA')) return undefined;
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
  };
}
