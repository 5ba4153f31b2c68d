/**
 * Reading roles, and the shapes AWS gives a role in each answer: GetRole has everything,
 * the list operations (ListRoles, instance profiles) leave out the boundary, tags and
 * last use, as AWS documents.
 */
import type { StoreSession } from '../../../store/types.js';
import { encodePolicyDocument } from '../encode.js';
import { NoSuchEntityException } from '../generated/errors.js';
import type { Role } from '../generated/types.js';
import { iamScope, nameId, ROLES, type RoleRecord } from '../records.js';
import { tagsMember } from '../tags.js';

export function noSuchRole(roleName: string): NoSuchEntityException {
  return new NoSuchEntityException(`The role with name ${roleName} cannot be found.`);
}

export function roles(session: StoreSession) {
  return session.collection<RoleRecord>(ROLES);
}

export async function findRole(
  session: StoreSession,
  accountId: string,
  roleName: string,
): Promise<RoleRecord | undefined> {
  return roles(session).get(iamScope(accountId), nameId(roleName));
}

export async function requireRole(
  session: StoreSession,
  accountId: string,
  roleName: string,
): Promise<RoleRecord> {
  const role = await findRole(session, accountId, roleName);
  if (!role) throw noSuchRole(roleName);
  return role;
}

export async function saveRole(session: StoreSession, accountId: string, role: RoleRecord) {
  await roles(session).put(iamScope(accountId), nameId(role.roleName), role);
}

/** The members every answer about a role carries. */
export function roleSummary(role: RoleRecord): Role {
  return {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: new Date(role.createDate),
    AssumeRolePolicyDocument: encodePolicyDocument(role.assumeRolePolicyDocument),
    ...(role.description !== undefined ? { Description: role.description } : {}),
    MaxSessionDuration: role.maxSessionDuration,
  };
}

export function boundaryMember(arn: string | undefined) {
  return arn !== undefined
    ? {
        PermissionsBoundary: {
          PermissionsBoundaryType: 'PermissionsBoundaryPolicy' as const,
          PermissionsBoundaryArn: arn,
        },
      }
    : {};
}

/** GetRole's role: the summary with boundary, tags and last use. */
export function fullRole(role: RoleRecord): Role {
  return {
    ...roleSummary(role),
    ...boundaryMember(role.permissionsBoundaryArn),
    ...tagsMember(role.tags),
    RoleLastUsed: {
      ...(role.roleLastUsed?.lastUsedDate !== undefined
        ? { LastUsedDate: new Date(role.roleLastUsed.lastUsedDate) }
        : {}),
      ...(role.roleLastUsed?.region !== undefined ? { Region: role.roleLastUsed.region } : {}),
    },
  };
}
