/**
 * What each IAM operation needs permission for: the user, role, managed policy or
 * instance profile it acts on, by its ARN with its path (read from the record when it
 * exists, else built from the request), with `iam:PolicyARN` for attachments and
 * `iam:PermissionsBoundary` (the boundary the request sets, else the entity's own).
 * Operations on "the calling user" (no UserName) act on the caller's own user.
 */
import type { Store } from '../../store/types.js';
import {
  anyResource,
  tagMap,
  type AuthorizationTable,
  type Permission,
  type Tags,
} from '../authorization/permission.js';
import { arnOf } from '../authorization/reference.js';
import type { RequestContext } from '../context.js';
import { accessKeys } from './access-keys/records.js';
import type { IamOperations } from './generated/types.js';
import { instanceProfiles } from './instance-profiles/records.js';
import { findCustomerPolicy } from './policies/model.js';
import { iamScope, KEY_INDEX, nameId, type TagRecord } from './records.js';
import { findRole } from './roles/records.js';
import { users } from './users/records.js';

type Extra = Pick<Permission, 'context' | 'requestTags'>;

/** What the three kinds of entity share, as this reads them. */
interface EntityRecord {
  arn: string;
  tags: readonly TagRecord[];
  permissionsBoundaryArn?: string;
}

/** The reference's name for the path-and-name part of each kind's ARN. */
const TEMPLATE_NAMES = {
  user: (name: string) => ({ UserNameWithPath: name }),
  role: (name: string) => ({ RoleNameWithPath: name }),
  'instance-profile': (name: string) => ({ InstanceProfileNameWithPath: name }),
};

export function iamAuthorization(store: Store): AuthorizationTable<IamOperations> {
  const where = (ctx: RequestContext) => ({ accountId: ctx.accountId, region: '' });
  const tagsOf = (tags: readonly TagRecord[] | undefined): Tags | undefined =>
    tags && Object.fromEntries(tags.map((tag) => [tag.Key, tag.Value]));

  /** The calling user's own name, for operations that default to it. */
  const userNameOf = (name: string | undefined, ctx: RequestContext) =>
    name ?? ctx.caller.arn.slice(ctx.caller.arn.lastIndexOf('/') + 1);

  /**
   * An entity (user, role, instance profile) by name: the ARN of its record, with its path,
   * or, when there is none yet, the one the request would give it.
   */
  const onEntity =
    (
      kind: 'user' | 'role' | 'instance-profile',
      find: (ctx: RequestContext, name: string) => Promise<EntityRecord | undefined>,
    ) =>
    async (
      action: string,
      ctx: RequestContext,
      name: string,
      extra: Extra & { path?: string; boundary?: string } = {},
    ): Promise<Permission> => {
      const record = await find(ctx, name);
      const nameWithPath = `${trimPath(extra.path)}${name}`;
      const resource =
        record?.arn ?? arnOf(`iam:${kind}`, where(ctx), TEMPLATE_NAMES[kind](nameWithPath));
      const boundary = extra.boundary ?? record?.permissionsBoundaryArn;
      return {
        action,
        resource,
        context: { ...(boundary ? { 'iam:PermissionsBoundary': boundary } : {}), ...extra.context },
        ...(extra.requestTags ? { requestTags: extra.requestTags } : {}),
        resourceTags: () => Promise.resolve(tagsOf(record?.tags)),
      };
    };
  const onUser = onEntity('user', (ctx, name) =>
    users(store).get(iamScope(ctx.accountId), nameId(name)),
  );
  const onRole = onEntity('role', (ctx, name) => findRole(store, ctx.accountId, name));
  const onProfile = onEntity('instance-profile', (ctx, name) =>
    instanceProfiles(store).get(iamScope(ctx.accountId), nameId(name)),
  );
  const onPolicy = (
    action: string,
    ctx: RequestContext,
    arn: string,
    extra: Extra = {},
  ): Permission => ({
    action,
    resource: arn,
    ...extra,
    resourceTags: async () => tagsOf((await findCustomerPolicy(store, ctx.accountId, arn))?.tags),
  });

  const user = (action: string) => async (input: { UserName?: string }, ctx: RequestContext) => [
    await onUser(action, ctx, userNameOf(input.UserName, ctx)),
  ];
  const role = (action: string) => async (input: { RoleName: string }, ctx: RequestContext) => [
    await onRole(action, ctx, input.RoleName),
  ];
  const policy = (action: string) => (input: { PolicyArn: string }, ctx: RequestContext) => [
    onPolicy(action, ctx, input.PolicyArn),
  ];
  const profile =
    (action: string) => async (input: { InstanceProfileName: string }, ctx: RequestContext) => [
      await onProfile(action, ctx, input.InstanceProfileName),
    ];
  const untag =
    <I extends { TagKeys: string[] }>(
      on: (action: string, input: I, ctx: RequestContext, extra: Extra) => Promise<Permission>,
      action: string,
    ) =>
    async (input: I, ctx: RequestContext) => [
      await on(action, input, ctx, { context: { 'aws:TagKeys': input.TagKeys } }),
    ];

  return {
    ListUsers: anyResource('iam:ListUsers'),
    ListRoles: anyResource('iam:ListRoles'),
    ListPolicies: anyResource('iam:ListPolicies'),
    ListInstanceProfiles: anyResource('iam:ListInstanceProfiles'),

    async CreateUser(input, ctx) {
      const tags = tagMap(input.Tags);
      return [
        await onUser('iam:CreateUser', ctx, input.UserName, {
          ...(input.Path ? { path: input.Path } : {}),
          ...(input.PermissionsBoundary ? { boundary: input.PermissionsBoundary } : {}),
          ...(tags ? { requestTags: tags } : {}),
        }),
      ];
    },
    DeleteUser: user('iam:DeleteUser'),
    GetUser: user('iam:GetUser'),
    async UpdateUser(input, ctx) {
      return [await onUser('iam:UpdateUser', ctx, input.UserName)];
    },
    ListGroupsForUser: user('iam:ListGroupsForUser'),
    async TagUser(input, ctx) {
      return [
        await onUser('iam:TagUser', ctx, input.UserName, { requestTags: tagMap(input.Tags) ?? {} }),
      ];
    },
    UntagUser: untag(
      (action, input: { UserName: string; TagKeys: string[] }, ctx, extra) =>
        onUser(action, ctx, input.UserName, extra),
      'iam:UntagUser',
    ),
    ListUserTags: user('iam:ListUserTags'),
    PutUserPolicy: user('iam:PutUserPolicy'),
    DeleteUserPolicy: user('iam:DeleteUserPolicy'),
    GetUserPolicy: user('iam:GetUserPolicy'),
    ListUserPolicies: user('iam:ListUserPolicies'),
    async AttachUserPolicy(input, ctx) {
      return [
        await onUser('iam:AttachUserPolicy', ctx, input.UserName, {
          context: { 'iam:PolicyARN': input.PolicyArn },
        }),
      ];
    },
    async DetachUserPolicy(input, ctx) {
      return [
        await onUser('iam:DetachUserPolicy', ctx, input.UserName, {
          context: { 'iam:PolicyARN': input.PolicyArn },
        }),
      ];
    },
    ListAttachedUserPolicies: user('iam:ListAttachedUserPolicies'),
    async PutUserPermissionsBoundary(input, ctx) {
      return [
        await onUser('iam:PutUserPermissionsBoundary', ctx, input.UserName, {
          boundary: input.PermissionsBoundary,
        }),
      ];
    },
    DeleteUserPermissionsBoundary: user('iam:DeleteUserPermissionsBoundary'),

    CreateAccessKey: user('iam:CreateAccessKey'),
    DeleteAccessKey: user('iam:DeleteAccessKey'),
    UpdateAccessKey: user('iam:UpdateAccessKey'),
    ListAccessKeys: user('iam:ListAccessKeys'),
    async GetAccessKeyLastUsed(input, ctx) {
      // On the key's own user; a key that is not this account's acts on the caller's.
      const key = await accessKeys(store).get(KEY_INDEX, input.AccessKeyId);
      const owner = key?.accountId === ctx.accountId ? key.userName : undefined;
      return [await onUser('iam:GetAccessKeyLastUsed', ctx, userNameOf(owner, ctx))];
    },

    async CreateRole(input, ctx) {
      const tags = tagMap(input.Tags);
      return [
        await onRole('iam:CreateRole', ctx, input.RoleName, {
          ...(input.Path ? { path: input.Path } : {}),
          ...(input.PermissionsBoundary ? { boundary: input.PermissionsBoundary } : {}),
          ...(tags ? { requestTags: tags } : {}),
        }),
      ];
    },
    DeleteRole: role('iam:DeleteRole'),
    GetRole: role('iam:GetRole'),
    UpdateRole: role('iam:UpdateRole'),
    UpdateRoleDescription: role('iam:UpdateRoleDescription'),
    UpdateAssumeRolePolicy: role('iam:UpdateAssumeRolePolicy'),
    async TagRole(input, ctx) {
      return [
        await onRole('iam:TagRole', ctx, input.RoleName, { requestTags: tagMap(input.Tags) ?? {} }),
      ];
    },
    UntagRole: untag(
      (action, input: { RoleName: string; TagKeys: string[] }, ctx, extra) =>
        onRole(action, ctx, input.RoleName, extra),
      'iam:UntagRole',
    ),
    ListRoleTags: role('iam:ListRoleTags'),
    PutRolePolicy: role('iam:PutRolePolicy'),
    DeleteRolePolicy: role('iam:DeleteRolePolicy'),
    GetRolePolicy: role('iam:GetRolePolicy'),
    ListRolePolicies: role('iam:ListRolePolicies'),
    async AttachRolePolicy(input, ctx) {
      return [
        await onRole('iam:AttachRolePolicy', ctx, input.RoleName, {
          context: { 'iam:PolicyARN': input.PolicyArn },
        }),
      ];
    },
    async DetachRolePolicy(input, ctx) {
      return [
        await onRole('iam:DetachRolePolicy', ctx, input.RoleName, {
          context: { 'iam:PolicyARN': input.PolicyArn },
        }),
      ];
    },
    ListAttachedRolePolicies: role('iam:ListAttachedRolePolicies'),
    async PutRolePermissionsBoundary(input, ctx) {
      return [
        await onRole('iam:PutRolePermissionsBoundary', ctx, input.RoleName, {
          boundary: input.PermissionsBoundary,
        }),
      ];
    },
    DeleteRolePermissionsBoundary: role('iam:DeleteRolePermissionsBoundary'),
    ListInstanceProfilesForRole: role('iam:ListInstanceProfilesForRole'),

    CreatePolicy(input, ctx) {
      const tags = tagMap(input.Tags);
      const resource = arnOf('iam:policy', where(ctx), {
        PolicyNameWithPath: `${trimPath(input.Path)}${input.PolicyName}`,
      });
      return [{ action: 'iam:CreatePolicy', resource, ...(tags ? { requestTags: tags } : {}) }];
    },
    DeletePolicy: policy('iam:DeletePolicy'),
    GetPolicy: policy('iam:GetPolicy'),
    CreatePolicyVersion: policy('iam:CreatePolicyVersion'),
    DeletePolicyVersion: policy('iam:DeletePolicyVersion'),
    GetPolicyVersion: policy('iam:GetPolicyVersion'),
    ListPolicyVersions: policy('iam:ListPolicyVersions'),
    SetDefaultPolicyVersion: policy('iam:SetDefaultPolicyVersion'),
    ListEntitiesForPolicy: policy('iam:ListEntitiesForPolicy'),
    ListPolicyTags: policy('iam:ListPolicyTags'),
    TagPolicy(input, ctx) {
      return [
        onPolicy('iam:TagPolicy', ctx, input.PolicyArn, { requestTags: tagMap(input.Tags) ?? {} }),
      ];
    },
    UntagPolicy(input, ctx) {
      return [
        onPolicy('iam:UntagPolicy', ctx, input.PolicyArn, {
          context: { 'aws:TagKeys': input.TagKeys },
        }),
      ];
    },

    async CreateInstanceProfile(input, ctx) {
      const tags = tagMap(input.Tags);
      return [
        await onProfile('iam:CreateInstanceProfile', ctx, input.InstanceProfileName, {
          ...(input.Path ? { path: input.Path } : {}),
          ...(tags ? { requestTags: tags } : {}),
        }),
      ];
    },
    DeleteInstanceProfile: profile('iam:DeleteInstanceProfile'),
    GetInstanceProfile: profile('iam:GetInstanceProfile'),
    AddRoleToInstanceProfile: profile('iam:AddRoleToInstanceProfile'),
    RemoveRoleFromInstanceProfile: profile('iam:RemoveRoleFromInstanceProfile'),
    ListInstanceProfileTags: profile('iam:ListInstanceProfileTags'),
    async TagInstanceProfile(input, ctx) {
      return [
        await onProfile('iam:TagInstanceProfile', ctx, input.InstanceProfileName, {
          requestTags: tagMap(input.Tags) ?? {},
        }),
      ];
    },
    UntagInstanceProfile: untag(
      (action, input: { InstanceProfileName: string; TagKeys: string[] }, ctx, extra) =>
        onProfile(action, ctx, input.InstanceProfileName, extra),
      'iam:UntagInstanceProfile',
    ),
  };
}

/** A path (`/team/`) as the prefix of a name in an ARN (`team/`); `/` adds nothing. */
function trimPath(path: string | undefined): string {
  return (path ?? '/').replace(/^\//, '');
}
