/**
 * Roles: create, read, list, update and delete. Tags, boundaries and inline policies are
 * in their own modules; a role's managed-policy attachments are kept on the role by the
 * managed-policy module.
 */
import type { IamDeps } from '../deps.js';
import { iamArn, iamUniqueId } from '../arns.js';
import { checkBoundaryArn } from '../policies/boundary.js';
import { DeleteConflictException, EntityAlreadyExistsException } from '../generated/errors.js';
import { checkPolicyDocument } from '../errors.js';
import { instanceProfilesOfRole } from '../instance-profiles/records.js';
import { collectionPage, pagingMembers } from '../listing.js';
import { iamScope, nameId, type RoleRecord } from '../records.js';
import { fullRole, requireRole, roleSummary, roles, saveRole } from './records.js';
import { checkedTags } from '../tags.js';
import { checkTrustPrincipals } from './trust-principals.js';
import type {
  CreateRoleRequest,
  CreateRoleResponse,
  DeleteRoleRequest,
  GetRoleRequest,
  GetRoleResponse,
  ListRolesRequest,
  ListRolesResponse,
  UpdateAssumeRolePolicyRequest,
  UpdateRoleDescriptionRequest,
  UpdateRoleDescriptionResponse,
  UpdateRoleRequest,
  UpdateRoleResponse,
} from '../generated/types.js';
import type { RequestContext } from '../../context.js';

const DEFAULT_MAX_SESSION_SECONDS = 3600;

export async function createRole(
  deps: IamDeps,
  input: CreateRoleRequest,
  ctx: RequestContext,
): Promise<CreateRoleResponse> {
  const { store, clock } = deps;
  checkPolicyDocument(input.AssumeRolePolicyDocument, 'trust');
  const tags = checkedTags(input.Tags);
  const path = input.Path ?? '/';
  return store.transaction(async (tx) => {
    await checkTrustPrincipals(tx, input.AssumeRolePolicyDocument);
    if (input.PermissionsBoundary !== undefined) {
      await checkBoundaryArn(tx, ctx.accountId, input.PermissionsBoundary);
    }
    const role: RoleRecord = {
      roleName: input.RoleName,
      roleId: iamUniqueId('AROA'),
      path,
      arn: iamArn(ctx.accountId, 'role', path, input.RoleName),
      createDate: clock.now().toISOString(),
      assumeRolePolicyDocument: input.AssumeRolePolicyDocument,
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      maxSessionDuration: input.MaxSessionDuration ?? DEFAULT_MAX_SESSION_SECONDS,
      ...(input.PermissionsBoundary !== undefined
        ? { permissionsBoundaryArn: input.PermissionsBoundary }
        : {}),
      tags,
      inlinePolicies: {},
      attachedPolicyArns: [],
    };
    const inserted = await roles(tx).insert(iamScope(ctx.accountId), nameId(input.RoleName), role);
    if (!inserted) {
      throw new EntityAlreadyExistsException(`Role with name ${input.RoleName} already exists.`);
    }
    // CreateRole's answer is GetRole's without the (not yet meaningful) last use.
    const { RoleLastUsed: _lastUsed, ...created } = fullRole(role);
    return { Role: created };
  });
}

export async function getRole(
  deps: IamDeps,
  input: GetRoleRequest,
  ctx: RequestContext,
): Promise<GetRoleResponse> {
  const { store } = deps;
  return { Role: fullRole(await requireRole(store, ctx.accountId, input.RoleName)) };
}

export async function listRoles(
  deps: IamDeps,
  input: ListRolesRequest,
  ctx: RequestContext,
): Promise<ListRolesResponse> {
  const { store } = deps;
  const prefix = input.PathPrefix ?? '/';
  const page = await collectionPage(roles(store), iamScope(ctx.accountId), input, (role) =>
    role.path.startsWith(prefix),
  );
  return { Roles: page.items.map((entry) => roleSummary(entry.value)), ...pagingMembers(page) };
}

export async function updateRole(
  deps: IamDeps,
  input: UpdateRoleRequest,
  ctx: RequestContext,
): Promise<UpdateRoleResponse> {
  const { store } = deps;
  await store.transaction(async (tx) => {
    const role = await requireRole(tx, ctx.accountId, input.RoleName);
    if (input.Description !== undefined) role.description = input.Description;
    if (input.MaxSessionDuration !== undefined) {
      role.maxSessionDuration = input.MaxSessionDuration;
    }
    await saveRole(tx, ctx.accountId, role);
  });
  return {};
}

export async function updateRoleDescription(
  deps: IamDeps,
  input: UpdateRoleDescriptionRequest,
  ctx: RequestContext,
): Promise<UpdateRoleDescriptionResponse> {
  const { store } = deps;
  const role = await store.transaction(async (tx) => {
    const found = await requireRole(tx, ctx.accountId, input.RoleName);
    found.description = input.Description;
    await saveRole(tx, ctx.accountId, found);
    return found;
  });
  return { Role: fullRole(role) };
}

export async function updateAssumeRolePolicy(
  deps: IamDeps,
  input: UpdateAssumeRolePolicyRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  await store.transaction(async (tx) => {
    const role = await requireRole(tx, ctx.accountId, input.RoleName);
    checkPolicyDocument(input.PolicyDocument, 'trust');
    await checkTrustPrincipals(tx, input.PolicyDocument);
    role.assumeRolePolicyDocument = input.PolicyDocument;
    await saveRole(tx, ctx.accountId, role);
  });
  return {};
}

export async function deleteRole(
  deps: IamDeps,
  input: DeleteRoleRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  await store.transaction(async (tx) => {
    const role = await requireRole(tx, ctx.accountId, input.RoleName);
    if ((await instanceProfilesOfRole(tx, ctx.accountId, role.roleName)).length > 0) {
      throw new DeleteConflictException(
        'Cannot delete entity, must remove roles from instance profile first.',
      );
    }
    if (role.attachedPolicyArns.length > 0) {
      throw new DeleteConflictException('Cannot delete entity, must detach all policies first.');
    }
    if (Object.keys(role.inlinePolicies).length > 0) {
      throw new DeleteConflictException('Cannot delete entity, must delete policies first.');
    }
    await roles(tx).delete(iamScope(ctx.accountId), nameId(role.roleName));
  });
  return {};
}
