/**
 * Access keys of IAM users: at most two per user, Active or Inactive. Without a UserName
 * an operation acts on the calling user's keys.
 */
import { randomBytes } from 'node:crypto';
import type { StoreSession } from '../../../store/types.js';
import type { RequestContext } from '../../context.js';
import { randomId } from '../../ids.js';
import { accessKeys, noSuchAccessKey } from './records.js';
import type { IamDeps } from '../deps.js';
import { LimitExceededException } from '../generated/errors.js';
import { iamValidationError } from '../errors.js';
import { arrayPage, pagingMembers } from '../listing.js';
import { KEY_INDEX, type AccessKeyRecord, type UserRecord } from '../records.js';
import { requireUser, saveUser, targetUserName } from '../users/records.js';
import type {
  AccessKeyMetadata,
  CreateAccessKeyRequest,
  CreateAccessKeyResponse,
  DeleteAccessKeyRequest,
  GetAccessKeyLastUsedRequest,
  GetAccessKeyLastUsedResponse,
  ListAccessKeysRequest,
  ListAccessKeysResponse,
  UpdateAccessKeyRequest,
} from '../generated/types.js';

const MAX_KEYS_PER_USER = 2;

function metadata(key: AccessKeyRecord): AccessKeyMetadata {
  return {
    UserName: key.userName,
    AccessKeyId: key.accessKeyId,
    Status: key.status,
    CreateDate: new Date(key.createDate),
  };
}

/** The user's key with this id; another user's key, or another account's, is not found. */
async function requireUserKey(
  session: StoreSession,
  user: UserRecord,
  accessKeyId: string,
): Promise<AccessKeyRecord> {
  const key = (user.accessKeyIds ?? []).includes(accessKeyId)
    ? await accessKeys(session).get(KEY_INDEX, accessKeyId)
    : undefined;
  if (!key) throw noSuchAccessKey(accessKeyId);
  return key;
}

async function targetUser(
  session: StoreSession,
  userName: string | undefined,
  ctx: RequestContext,
) {
  return requireUser(session, ctx.accountId, targetUserName(userName, ctx));
}

export async function createAccessKey(
  deps: IamDeps,
  input: CreateAccessKeyRequest,
  ctx: RequestContext,
): Promise<CreateAccessKeyResponse> {
  const { store, clock } = deps;
  return store.transaction(async (tx) => {
    const user = await targetUser(tx, input.UserName, ctx);
    const keyIds = user.accessKeyIds ?? [];
    if (keyIds.length >= MAX_KEYS_PER_USER) {
      throw new LimitExceededException(
        `Cannot exceed quota for AccessKeysPerUser: ${MAX_KEYS_PER_USER}`,
      );
    }
    const key: AccessKeyRecord = {
      accessKeyId: `AKIA${randomId(16)}`,
      // 30 random bytes are 40 base64 characters, the length and alphabet of AWS's secrets.
      secretAccessKey: randomBytes(30).toString('base64'),
      accountId: ctx.accountId,
      userName: user.userName,
      status: 'Active',
      createDate: clock.now().toISOString(),
    };
    await accessKeys(tx).put(KEY_INDEX, key.accessKeyId, key);
    await saveUser(tx, ctx.accountId, { ...user, accessKeyIds: [...keyIds, key.accessKeyId] });
    return {
      AccessKey: {
        UserName: key.userName,
        AccessKeyId: key.accessKeyId,
        Status: key.status,
        SecretAccessKey: key.secretAccessKey,
        CreateDate: new Date(key.createDate),
      },
    };
  });
}

export async function listAccessKeys(
  deps: IamDeps,
  input: ListAccessKeysRequest,
  ctx: RequestContext,
): Promise<ListAccessKeysResponse> {
  const { store } = deps;
  const user = await targetUser(store, input.UserName, ctx);
  const keys: AccessKeyRecord[] = [];
  for (const keyId of user.accessKeyIds ?? []) {
    const key = await accessKeys(store).get(KEY_INDEX, keyId);
    if (key) keys.push(key);
  }
  const page = arrayPage(keys, input, (key) => key.accessKeyId);
  return { AccessKeyMetadata: page.items.map(metadata), ...pagingMembers(page) };
}

export async function updateAccessKey(
  deps: IamDeps,
  input: UpdateAccessKeyRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  if (input.Status === 'Expired') {
    throw iamValidationError(
      'Invalid value for parameter Status, value: Expired, valid values: Active, Inactive',
    );
  }
  const status = input.Status;
  await store.transaction(async (tx) => {
    const user = await targetUser(tx, input.UserName, ctx);
    const key = await requireUserKey(tx, user, input.AccessKeyId);
    await accessKeys(tx).put(KEY_INDEX, key.accessKeyId, { ...key, status });
  });
  return {};
}

export async function deleteAccessKey(
  deps: IamDeps,
  input: DeleteAccessKeyRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  await store.transaction(async (tx) => {
    const user = await targetUser(tx, input.UserName, ctx);
    const key = await requireUserKey(tx, user, input.AccessKeyId);
    await accessKeys(tx).delete(KEY_INDEX, key.accessKeyId);
    await saveUser(tx, ctx.accountId, {
      ...user,
      accessKeyIds: (user.accessKeyIds ?? []).filter((id) => id !== key.accessKeyId),
    });
  });
  return {};
}

export async function getAccessKeyLastUsed(
  deps: IamDeps,
  input: GetAccessKeyLastUsedRequest,
  ctx: RequestContext,
): Promise<GetAccessKeyLastUsedResponse> {
  const { store } = deps;
  const key = await accessKeys(store).get(KEY_INDEX, input.AccessKeyId);
  if (!key || key.accountId !== ctx.accountId) throw noSuchAccessKey(input.AccessKeyId);
  // teiki does not record key use; AWS reports a never-used key as N/A.
  return {
    UserName: key.userName,
    AccessKeyLastUsed: { Region: 'N/A', ServiceName: 'N/A' },
  };
}
