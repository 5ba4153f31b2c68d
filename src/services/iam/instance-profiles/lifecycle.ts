/**
 * Instance profiles: a container for (at most) one role. Terraform's aws_iam_role lists a
 * role's instance profiles before deleting it.
 */
import { iamArn, iamUniqueId } from '../arns.js';
import type { IamDeps } from '../deps.js';
import {
  DeleteConflictException,
  EntityAlreadyExistsException,
  LimitExceededException,
} from '../generated/errors.js';
import {
  instanceProfileOutput,
  instanceProfiles,
  instanceProfilesOfRole,
  requireInstanceProfile,
} from './records.js';
import { arrayPage, collectionPage, pagingMembers } from '../listing.js';
import { iamScope, nameId, type InstanceProfileRecord } from '../records.js';
import { noSuchRole, requireRole } from '../roles/records.js';
import { checkedTags, mergeTags, withoutTags } from '../tags.js';
import type {
  AddRoleToInstanceProfileRequest,
  CreateInstanceProfileRequest,
  CreateInstanceProfileResponse,
  DeleteInstanceProfileRequest,
  GetInstanceProfileRequest,
  GetInstanceProfileResponse,
  ListInstanceProfileTagsRequest,
  ListInstanceProfileTagsResponse,
  ListInstanceProfilesForRoleRequest,
  ListInstanceProfilesForRoleResponse,
  ListInstanceProfilesRequest,
  ListInstanceProfilesResponse,
  RemoveRoleFromInstanceProfileRequest,
  TagInstanceProfileRequest,
  UntagInstanceProfileRequest,
} from '../generated/types.js';
import type { RequestContext } from '../../context.js';

const ROLES_PER_PROFILE = 1;

export async function createInstanceProfile(
  deps: IamDeps,
  input: CreateInstanceProfileRequest,
  ctx: RequestContext,
): Promise<CreateInstanceProfileResponse> {
  const { store, clock } = deps;
  const tags = checkedTags(input.Tags);
  const path = input.Path ?? '/';
  const profile: InstanceProfileRecord = {
    instanceProfileName: input.InstanceProfileName,
    instanceProfileId: iamUniqueId('AIPA'),
    arn: iamArn(ctx.accountId, 'instance-profile', path, input.InstanceProfileName),
    path,
    createDate: clock.now().toISOString(),
    roleIds: [],
    tags,
  };
  const inserted = await instanceProfiles(store).insert(
    iamScope(ctx.accountId),
    nameId(input.InstanceProfileName),
    profile,
  );
  if (!inserted) {
    throw new EntityAlreadyExistsException(
      `Instance Profile ${input.InstanceProfileName} already exists.`,
    );
  }
  return { InstanceProfile: await instanceProfileOutput(store, ctx.accountId, profile, true) };
}

export async function getInstanceProfile(
  deps: IamDeps,
  input: GetInstanceProfileRequest,
  ctx: RequestContext,
): Promise<GetInstanceProfileResponse> {
  const { store } = deps;
  const profile = await requireInstanceProfile(store, ctx.accountId, input.InstanceProfileName);
  return { InstanceProfile: await instanceProfileOutput(store, ctx.accountId, profile, true) };
}

export async function deleteInstanceProfile(
  deps: IamDeps,
  input: DeleteInstanceProfileRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  await store.transaction(async (tx) => {
    const profile = await requireInstanceProfile(tx, ctx.accountId, input.InstanceProfileName);
    if (profile.roleIds.length > 0) {
      throw new DeleteConflictException(
        'Cannot delete entity, must remove roles from instance profile first.',
      );
    }
    await instanceProfiles(tx).delete(iamScope(ctx.accountId), nameId(profile.instanceProfileName));
  });
  return {};
}

export async function listInstanceProfiles(
  deps: IamDeps,
  input: ListInstanceProfilesRequest,
  ctx: RequestContext,
): Promise<ListInstanceProfilesResponse> {
  const { store } = deps;
  const prefix = input.PathPrefix ?? '/';
  const page = await collectionPage(
    instanceProfiles(store),
    iamScope(ctx.accountId),
    input,
    (profile) => profile.path.startsWith(prefix),
  );
  const out = [];
  for (const entry of page.items) {
    out.push(await instanceProfileOutput(store, ctx.accountId, entry.value, false));
  }
  return { InstanceProfiles: out, ...pagingMembers(page) };
}

export async function addRoleToInstanceProfile(
  deps: IamDeps,
  input: AddRoleToInstanceProfileRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  await store.transaction(async (tx) => {
    const profile = await requireInstanceProfile(tx, ctx.accountId, input.InstanceProfileName);
    const role = await requireRole(tx, ctx.accountId, input.RoleName);
    if (profile.roleIds.length >= ROLES_PER_PROFILE) {
      throw new LimitExceededException(
        `Cannot exceed quota for InstanceSessionsPerInstanceProfile: ${ROLES_PER_PROFILE}`,
      );
    }
    await instanceProfiles(tx).put(iamScope(ctx.accountId), nameId(profile.instanceProfileName), {
      ...profile,
      roleIds: [...profile.roleIds, nameId(role.roleName)],
    });
  });
  return {};
}

export async function removeRoleFromInstanceProfile(
  deps: IamDeps,
  input: RemoveRoleFromInstanceProfileRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  await store.transaction(async (tx) => {
    const profile = await requireInstanceProfile(tx, ctx.accountId, input.InstanceProfileName);
    const role = await requireRole(tx, ctx.accountId, input.RoleName);
    const roleId = nameId(role.roleName);
    if (!profile.roleIds.includes(roleId)) throw noSuchRole(input.RoleName);
    await instanceProfiles(tx).put(iamScope(ctx.accountId), nameId(profile.instanceProfileName), {
      ...profile,
      roleIds: profile.roleIds.filter((id) => id !== roleId),
    });
  });
  return {};
}

export async function listInstanceProfilesForRole(
  deps: IamDeps,
  input: ListInstanceProfilesForRoleRequest,
  ctx: RequestContext,
): Promise<ListInstanceProfilesForRoleResponse> {
  const { store } = deps;
  const role = await requireRole(store, ctx.accountId, input.RoleName);
  const profiles = await instanceProfilesOfRole(store, ctx.accountId, role.roleName);
  const page = arrayPage(profiles, input, (profile) => nameId(profile.instanceProfileName));
  const out = [];
  for (const profile of page.items) {
    out.push(await instanceProfileOutput(store, ctx.accountId, profile, false));
  }
  return { InstanceProfiles: out, ...pagingMembers(page) };
}

export async function tagInstanceProfile(
  deps: IamDeps,
  input: TagInstanceProfileRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  const incoming = checkedTags(input.Tags);
  await store.transaction(async (tx) => {
    const profile = await requireInstanceProfile(tx, ctx.accountId, input.InstanceProfileName);
    profile.tags = mergeTags(profile.tags, incoming, 'TagsPerInstanceProfile');
    await instanceProfiles(tx).put(
      iamScope(ctx.accountId),
      nameId(profile.instanceProfileName),
      profile,
    );
  });
  return {};
}

export async function untagInstanceProfile(
  deps: IamDeps,
  input: UntagInstanceProfileRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  await store.transaction(async (tx) => {
    const profile = await requireInstanceProfile(tx, ctx.accountId, input.InstanceProfileName);
    profile.tags = withoutTags(profile.tags, input.TagKeys);
    await instanceProfiles(tx).put(
      iamScope(ctx.accountId),
      nameId(profile.instanceProfileName),
      profile,
    );
  });
  return {};
}

export async function listInstanceProfileTags(
  deps: IamDeps,
  input: ListInstanceProfileTagsRequest,
  ctx: RequestContext,
): Promise<ListInstanceProfileTagsResponse> {
  const { store } = deps;
  const profile = await requireInstanceProfile(store, ctx.accountId, input.InstanceProfileName);
  const page = arrayPage(profile.tags, input, (tag) => tag.Key);
  return { Tags: page.items, ...pagingMembers(page) };
}
