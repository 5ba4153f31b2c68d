/** Reading instance profiles, and the shape AWS gives one. */
import type { StoreSession } from '../../../store/types.js';
import { NoSuchEntityException } from '../generated/errors.js';
import type { InstanceProfile } from '../generated/types.js';
import {
  iamScope,
  INSTANCE_PROFILES,
  nameId,
  type InstanceProfileRecord,
  type RoleRecord,
} from '../records.js';
import { roles, roleSummary } from '../roles/records.js';
import { tagsMember } from '../tags.js';

export function instanceProfiles(session: StoreSession) {
  return session.collection<InstanceProfileRecord>(INSTANCE_PROFILES);
}

export function noSuchInstanceProfile(name: string): NoSuchEntityException {
  return new NoSuchEntityException(`Instance Profile ${name} cannot be found.`);
}

export async function requireInstanceProfile(
  session: StoreSession,
  accountId: string,
  name: string,
): Promise<InstanceProfileRecord> {
  const found = await instanceProfiles(session).get(iamScope(accountId), nameId(name));
  if (!found) throw noSuchInstanceProfile(name);
  return found;
}

/** The instance profiles holding a role, in name order. */
export async function instanceProfilesOfRole(
  session: StoreSession,
  accountId: string,
  roleName: string,
): Promise<InstanceProfileRecord[]> {
  const roleId = nameId(roleName);
  const all = await instanceProfiles(session).list(iamScope(accountId));
  return all.filter((entry) => entry.value.roleIds.includes(roleId)).map((entry) => entry.value);
}

/** The profile as AWS answers, its roles in their list form; `withTags` for GetInstanceProfile. */
export async function instanceProfileOutput(
  session: StoreSession,
  accountId: string,
  profile: InstanceProfileRecord,
  withTags: boolean,
): Promise<InstanceProfile> {
  const members: RoleRecord[] = [];
  for (const roleId of profile.roleIds) {
    const role = await roles(session).get(iamScope(accountId), roleId);
    if (role) members.push(role);
  }
  return {
    Path: profile.path,
    InstanceProfileName: profile.instanceProfileName,
    InstanceProfileId: profile.instanceProfileId,
    Arn: profile.arn,
    CreateDate: new Date(profile.createDate),
    Roles: members.map(roleSummary),
    ...(withTags ? tagsMember(profile.tags) : {}),
  };
}
