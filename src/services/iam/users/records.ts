/**
 * Reading users, and the shapes AWS gives a user: GetUser and CreateUser have the
 * boundary and tags, ListUsers leaves them out (as AWS documents).
 */
import type { StoreSession } from '../../../store/types.js';
import type { RequestContext } from '../../context.js';
import { NoSuchEntityException } from '../generated/errors.js';
import type { User } from '../generated/types.js';
import { iamValidationError } from '../errors.js';
import { iamScope, nameId, USERS, type UserRecord } from '../records.js';
import { boundaryMember } from '../roles/records.js';
import { tagsMember } from '../tags.js';

export function noSuchUser(userName: string): NoSuchEntityException {
  return new NoSuchEntityException(`The user with name ${userName} cannot be found.`);
}

export function users(session: StoreSession) {
  return session.collection<UserRecord>(USERS);
}

export async function requireUser(
  session: StoreSession,
  accountId: string,
  userName: string,
): Promise<UserRecord> {
  const user = await users(session).get(iamScope(accountId), nameId(userName));
  if (!user) throw noSuchUser(userName);
  return user;
}

export async function saveUser(session: StoreSession, accountId: string, user: UserRecord) {
  await users(session).put(iamScope(accountId), nameId(user.userName), user);
}

/** The user name an operation acts on: the one given, else the calling IAM user's own. */
export function targetUserName(userName: string | undefined, ctx: RequestContext): string {
  if (userName !== undefined) return userName;
  if (ctx.caller.type !== 'user') {
    throw iamValidationError('Must specify userName when calling with non-User credentials');
  }
  return ctx.caller.arn.slice(ctx.caller.arn.lastIndexOf('/') + 1);
}

export function userSummary(user: UserRecord): User {
  return {
    Path: user.path,
    UserName: user.userName,
    UserId: user.userId,
    Arn: user.arn,
    CreateDate: new Date(user.createDate),
  };
}

export function fullUser(user: UserRecord): User {
  return {
    ...userSummary(user),
    ...boundaryMember(user.permissionsBoundaryArn),
    ...tagsMember(user.tags),
  };
}
