/**
 * Users: create, read (GetUser without a name reads the caller), list, rename or move,
 * delete. Tags, boundaries and inline policies are in their own modules.
 */
import type { Clock } from '../../../engine/clock/types.js';
import type { Store } from '../../../store/types.js';
import { iamArn, iamUniqueId } from '../arns.js';
import { accessKeys } from '../access-keys/records.js';
import { checkBoundaryArn } from '../policies/boundary.js';
import type { IamDeps } from '../deps.js';
import { DeleteConflictException, EntityAlreadyExistsException } from '../generated/errors.js';
import { collectionPage, pagingMembers } from '../listing.js';
import { iamScope, KEY_INDEX, nameId, type UserRecord } from '../records.js';
import { checkedTags } from '../tags.js';
import { fullUser, requireUser, targetUserName, users, userSummary } from './records.js';
import type {
  CreateUserRequest,
  CreateUserResponse,
  DeleteUserRequest,
  GetUserRequest,
  GetUserResponse,
  ListGroupsForUserRequest,
  ListGroupsForUserResponse,
  ListUsersRequest,
  ListUsersResponse,
  UpdateUserRequest,
  User,
} from '../generated/types.js';
import type { RequestContext } from '../../context.js';

/** When the account came into being, as far as IAM knows: the first time it was asked. */
const ACCOUNT = 'iam.account';

async function accountCreateDate(store: Store, clock: Clock, accountId: string): Promise<Date> {
  const collection = store.collection<{ createDate: string }>(ACCOUNT);
  const scope = iamScope(accountId);
  await collection.insert(scope, 'account', { createDate: clock.now().toISOString() });
  const found = await collection.get(scope, 'account');
  return new Date(found?.createDate ?? clock.now().toISOString());
}

function alreadyExists(userName: string) {
  return new EntityAlreadyExistsException(`User with name ${userName} already exists.`);
}

export async function createUser(
  deps: IamDeps,
  input: CreateUserRequest,
  ctx: RequestContext,
): Promise<CreateUserResponse> {
  const { store, clock } = deps;
  const tags = checkedTags(input.Tags);
  const path = input.Path ?? '/';
  return store.transaction(async (tx) => {
    if (input.PermissionsBoundary !== undefined) {
      await checkBoundaryArn(tx, ctx.accountId, input.PermissionsBoundary);
    }
    const user: UserRecord = {
      userName: input.UserName,
      userId: iamUniqueId('AIDA'),
      path,
      arn: iamArn(ctx.accountId, 'user', path, input.UserName),
      createDate: clock.now().toISOString(),
      ...(input.PermissionsBoundary !== undefined
        ? { permissionsBoundaryArn: input.PermissionsBoundary }
        : {}),
      tags,
      inlinePolicies: {},
      attachedPolicyArns: [],
      accessKeyIds: [],
    };
    if (!(await users(tx).insert(iamScope(ctx.accountId), nameId(input.UserName), user))) {
      throw alreadyExists(input.UserName);
    }
    return { User: fullUser(user) };
  });
}

export async function getUser(
  deps: IamDeps,
  input: GetUserRequest,
  ctx: RequestContext,
): Promise<GetUserResponse> {
  const { store, clock } = deps;
  if (input.UserName === undefined && ctx.caller.type === 'root') {
    // AWS answers for the root user with only its id, ARN and the account's creation.
    const root = {
      UserId: ctx.caller.accountId,
      Arn: ctx.caller.arn,
      CreateDate: await accountCreateDate(store, clock, ctx.accountId),
    };
    return { User: root as User };
  }
  const userName = targetUserName(input.UserName, ctx);
  return { User: fullUser(await requireUser(store, ctx.accountId, userName)) };
}

export async function listUsers(
  deps: IamDeps,
  input: ListUsersRequest,
  ctx: RequestContext,
): Promise<ListUsersResponse> {
  const { store } = deps;
  const prefix = input.PathPrefix ?? '/';
  const page = await collectionPage(users(store), iamScope(ctx.accountId), input, (user) =>
    user.path.startsWith(prefix),
  );
  return { Users: page.items.map((entry) => userSummary(entry.value)), ...pagingMembers(page) };
}

export async function updateUser(
  deps: IamDeps,
  input: UpdateUserRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  await store.transaction(async (tx) => {
    const scope = iamScope(ctx.accountId);
    const user = await requireUser(tx, ctx.accountId, input.UserName);
    const oldId = nameId(user.userName);
    const newName = input.NewUserName ?? user.userName;
    const newPath = input.NewPath ?? user.path;
    const renamed: UserRecord = {
      ...user,
      userName: newName,
      path: newPath,
      arn: iamArn(ctx.accountId, 'user', newPath, newName),
    };
    if (nameId(newName) === oldId) {
      await users(tx).put(scope, oldId, renamed);
    } else {
      if (!(await users(tx).insert(scope, nameId(newName), renamed))) {
        throw alreadyExists(newName);
      }
      await users(tx).delete(scope, oldId);
    }
    // Access keys name their user; keep them pointing at the new name.
    for (const keyId of user.accessKeyIds ?? []) {
      const key = await accessKeys(tx).get(KEY_INDEX, keyId);
      if (key) await accessKeys(tx).put(KEY_INDEX, keyId, { ...key, userName: newName });
    }
  });
  return {};
}

export async function listGroupsForUser(
  deps: IamDeps,
  input: ListGroupsForUserRequest,
  ctx: RequestContext,
): Promise<ListGroupsForUserResponse> {
  const { store } = deps;
  await requireUser(store, ctx.accountId, input.UserName);
  // teiki has no IAM groups (CreateGroup is not implemented), so no user is in one.
  return { Groups: [], IsTruncated: false };
}

export async function deleteUser(
  deps: IamDeps,
  input: DeleteUserRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  await store.transaction(async (tx) => {
    const user = await requireUser(tx, ctx.accountId, input.UserName);
    if ((user.accessKeyIds ?? []).length > 0) {
      throw new DeleteConflictException('Cannot delete entity, must delete access keys first.');
    }
    if (Object.keys(user.inlinePolicies).length > 0) {
      throw new DeleteConflictException('Cannot delete entity, must delete policies first.');
    }
    if (user.attachedPolicyArns.length > 0) {
      throw new DeleteConflictException('Cannot delete entity, must detach all policies first.');
    }
    await users(tx).delete(iamScope(ctx.accountId), nameId(user.userName));
  });
  return {};
}
