/**
 * Managed policy attachments: Attach/Detach/ListAttached for roles and users, and
 * ListEntitiesForPolicy. Attachments live on the role or user record (`attachedPolicyArns`)
 * and change only inside a store transaction, so a policy cannot be deleted while an
 * attachment to it is being made.
 */
import type { Store, StoreSession } from '../../../store/types.js';
import type { IamDeps } from '../deps.js';
import { arrayPage, pagingMembers } from '../listing.js';
import { parsePolicyArn, requirePolicyArn } from './arn.js';
import { policyNotAttachable, policyNotFound, quotaExceeded } from './errors.js';
import { attachedArns, findPolicy, principalsOf, type AttachedEntity } from './model.js';
import type { RoleRecord, UserRecord } from '../records.js';
import { requireRole, saveRole } from '../roles/records.js';
import { requireUser, saveUser } from '../users/records.js';
import type {
  AttachRolePolicyRequest,
  AttachUserPolicyRequest,
  AttachedPolicy,
  DetachRolePolicyRequest,
  DetachUserPolicyRequest,
  ListAttachedRolePoliciesRequest,
  ListAttachedRolePoliciesResponse,
  ListAttachedUserPoliciesRequest,
  ListAttachedUserPoliciesResponse,
  ListEntitiesForPolicyRequest,
  ListEntitiesForPolicyResponse,
  PolicyRole,
  PolicyUser,
} from '../generated/types.js';
import type { RequestContext } from '../../context.js';

/** The default quota for managed policies attached to one role or user. */
export const MAX_ATTACHED_POLICIES = 10;

/** Roles and users hold attachments alike; this is how each is read, written and limited. */
interface PrincipalKind<R extends RoleRecord | UserRecord> {
  quota: string;
  load(session: StoreSession, accountId: string, name: string): Promise<R>;
  save(session: StoreSession, accountId: string, record: R): Promise<void>;
}

const ROLE: PrincipalKind<RoleRecord> = {
  quota: 'PoliciesPerRole',
  load: requireRole,
  save: saveRole,
};
const USER: PrincipalKind<UserRecord> = {
  quota: 'PoliciesPerUser',
  load: requireUser,
  save: saveUser,
};

interface Listed {
  key: string;
  user?: PolicyUser;
  role?: PolicyRole;
}

async function attach<R extends RoleRecord | UserRecord>(
  store: Store,
  kind: PrincipalKind<R>,
  accountId: string,
  name: string,
  policyArn: string,
) {
  const arn = requirePolicyArn(policyArn);
  await store.transaction(async (tx) => {
    if (!(await findPolicy(tx, accountId, arn))) throw policyNotAttachable(arn);
    const record = await kind.load(tx, accountId, name);
    const attached = attachedArns(record);
    if (attached.includes(arn)) return;
    if (attached.length >= MAX_ATTACHED_POLICIES) {
      throw quotaExceeded(kind.quota, MAX_ATTACHED_POLICIES);
    }
    await kind.save(tx, accountId, { ...record, attachedPolicyArns: [...attached, arn] });
  });
}

async function detach<R extends RoleRecord | UserRecord>(
  store: Store,
  kind: PrincipalKind<R>,
  accountId: string,
  name: string,
  policyArn: string,
) {
  const arn = requirePolicyArn(policyArn);
  await store.transaction(async (tx) => {
    const record = await kind.load(tx, accountId, name);
    const attached = attachedArns(record);
    if (!attached.includes(arn)) throw policyNotFound(arn);
    await kind.save(tx, accountId, {
      ...record,
      attachedPolicyArns: attached.filter((attachedArn) => attachedArn !== arn),
    });
  });
}

async function listAttached<R extends RoleRecord | UserRecord>(
  store: Store,
  kind: PrincipalKind<R>,
  accountId: string,
  input: { Marker?: string; MaxItems?: number; PathPrefix?: string },
  name: string,
) {
  const record = await kind.load(store, accountId, name);
  const prefix = input.PathPrefix ?? '/';
  const policies: AttachedPolicy[] = [];
  for (const arn of attachedArns(record)) {
    const parts = parsePolicyArn(arn);
    if (parts && parts.path.startsWith(prefix)) {
      policies.push({ PolicyName: parts.policyName, PolicyArn: arn });
    }
  }
  const page = arrayPage(policies, input, (policy) => policy.PolicyArn ?? '');
  return { AttachedPolicies: page.items, ...pagingMembers(page) };
}

export async function attachRolePolicy(
  deps: IamDeps,
  input: AttachRolePolicyRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  await attach(deps.store, ROLE, ctx.accountId, input.RoleName, input.PolicyArn);
  return {};
}

export async function detachRolePolicy(
  deps: IamDeps,
  input: DetachRolePolicyRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  await detach(deps.store, ROLE, ctx.accountId, input.RoleName, input.PolicyArn);
  return {};
}

export function listAttachedRolePolicies(
  deps: IamDeps,
  input: ListAttachedRolePoliciesRequest,
  ctx: RequestContext,
): Promise<ListAttachedRolePoliciesResponse> {
  return listAttached(deps.store, ROLE, ctx.accountId, input, input.RoleName);
}

export async function attachUserPolicy(
  deps: IamDeps,
  input: AttachUserPolicyRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  await attach(deps.store, USER, ctx.accountId, input.UserName, input.PolicyArn);
  return {};
}

export async function detachUserPolicy(
  deps: IamDeps,
  input: DetachUserPolicyRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  await detach(deps.store, USER, ctx.accountId, input.UserName, input.PolicyArn);
  return {};
}

export function listAttachedUserPolicies(
  deps: IamDeps,
  input: ListAttachedUserPoliciesRequest,
  ctx: RequestContext,
): Promise<ListAttachedUserPoliciesResponse> {
  return listAttached(deps.store, USER, ctx.accountId, input, input.UserName);
}

export async function listEntitiesForPolicy(
  deps: IamDeps,
  input: ListEntitiesForPolicyRequest,
  ctx: RequestContext,
): Promise<ListEntitiesForPolicyResponse> {
  const { store } = deps;
  const arn = requirePolicyArn(input.PolicyArn);
  const view = await findPolicy(store, ctx.accountId, arn);
  if (!view) throw policyNotFound(arn);
  const filter = input.EntityFilter;
  const policyKindExcluded =
    (filter === 'LocalManagedPolicy' && view.awsManaged) ||
    (filter === 'AWSManagedPolicy' && !view.awsManaged) ||
    filter === 'Group';
  const prefix = input.PathPrefix ?? '/';
  const uses = (entity: AttachedEntity): boolean => {
    const attached = attachedArns(entity.record).includes(arn);
    const boundary = entity.record.permissionsBoundaryArn === arn;
    if (input.PolicyUsageFilter === 'PermissionsPolicy') return attached;
    if (input.PolicyUsageFilter === 'PermissionsBoundary') return boundary;
    return attached || boundary;
  };
  const entities = policyKindExcluded
    ? []
    : (await principalsOf(store, ctx.accountId))
        .filter((entity) => filter !== 'User' || entity.kind === 'user')
        .filter((entity) => filter !== 'Role' || entity.kind === 'role')
        .filter((entity) => entity.record.path.startsWith(prefix))
        .filter(uses);
  // Users then roles, each by name: the key the marker remembers says which.
  const listed = entities.map((entity): Listed =>
    entity.kind === 'user'
      ? {
          key: `1:${entity.record.userName}`,
          user: { UserName: entity.record.userName, UserId: entity.record.userId },
        }
      : {
          key: `2:${entity.record.roleName}`,
          role: { RoleName: entity.record.roleName, RoleId: entity.record.roleId },
        },
  );
  const page = arrayPage(listed, input, (item) => item.key);
  return {
    PolicyGroups: [],
    PolicyUsers: page.items.flatMap((item) => (item.user ? [item.user] : [])),
    PolicyRoles: page.items.flatMap((item) => (item.role ? [item.role] : [])),
    ...pagingMembers(page),
  };
}
