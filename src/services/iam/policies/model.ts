/**
 * One view over both kinds of managed policy (customer managed, stored per account; AWS
 * managed, from the catalog), the per-account usage counts derived from roles and users,
 * and the wire shapes built from them.
 */
import type { StoreSession } from '../../../store/types.js';
import { awsManagedPolicy, type AwsManagedPolicy } from './aws-managed/catalog.js';
import { encodePolicyDocument } from '../encode.js';
import type { Policy, PolicyVersion } from '../generated/types.js';
import { parsePolicyArn } from './arn.js';
import {
  iamScope,
  nameId,
  POLICIES,
  ROLES,
  USERS,
  type ManagedPolicyRecord,
  type PolicyVersionRecord,
  type PrincipalRecord,
  type RoleRecord,
  type TagRecord,
  type UserRecord,
} from '../records.js';
import { tagsMember } from '../tags.js';

export interface PolicyView {
  arn: string;
  policyName: string;
  policyId: string;
  path: string;
  description?: string;
  createDate: string;
  updateDate: string;
  defaultVersionId: string;
  tags: TagRecord[];
  /** Oldest first. */
  versions: PolicyVersionRecord[];
  awsManaged: boolean;
}

function awsView(policy: AwsManagedPolicy): PolicyView {
  return {
    arn: policy.arn,
    policyName: policy.policyName,
    policyId: policy.policyId,
    path: policy.path,
    description: policy.description,
    createDate: policy.createDate,
    updateDate: policy.updateDate,
    defaultVersionId: policy.defaultVersionId,
    tags: [],
    versions: [
      {
        versionId: policy.defaultVersionId,
        document: policy.document,
        createDate: policy.updateDate,
      },
    ],
    awsManaged: true,
  };
}

export function customerView(record: ManagedPolicyRecord): PolicyView {
  return {
    arn: record.arn,
    policyName: record.policyName,
    policyId: record.policyId,
    path: record.path,
    ...(record.description !== undefined ? { description: record.description } : {}),
    createDate: record.createDate,
    updateDate: record.updateDate,
    defaultVersionId: record.defaultVersionId,
    tags: record.tags,
    versions: record.versions,
    awsManaged: false,
  };
}

/** The customer managed policy an ARN names in this account, if it exists. */
export async function findCustomerPolicy(
  session: StoreSession,
  accountId: string,
  arn: string,
): Promise<ManagedPolicyRecord | undefined> {
  const parts = parsePolicyArn(arn);
  if (!parts || parts.accountId !== accountId) return undefined;
  const record = await session
    .collection<ManagedPolicyRecord>(POLICIES)
    .get(iamScope(accountId), nameId(parts.policyName));
  return record?.arn === arn ? record : undefined;
}

/** Any managed policy the account can see by this ARN: its own or an AWS managed one. */
export async function findPolicy(
  session: StoreSession,
  accountId: string,
  arn: string,
): Promise<PolicyView | undefined> {
  const aws = awsManagedPolicy(arn);
  if (aws) return awsView(aws);
  const record = await findCustomerPolicy(session, accountId, arn);
  return record ? customerView(record) : undefined;
}

export async function allPolicies(
  session: StoreSession,
  accountId: string,
  scope: 'All' | 'AWS' | 'Local',
  awsPolicies: readonly AwsManagedPolicy[],
): Promise<PolicyView[]> {
  const views: PolicyView[] = [];
  if (scope !== 'Local') views.push(...awsPolicies.map(awsView));
  if (scope !== 'AWS') {
    const rows = await session.collection<ManagedPolicyRecord>(POLICIES).list(iamScope(accountId));
    views.push(...rows.map((row) => customerView(row.value)));
  }
  return views;
}

export interface PolicyUsage {
  /** Roles and users with the policy attached. */
  attachments: number;
  /** Roles and users whose permissions boundary it is. */
  boundaries: number;
}

export type AttachedEntity =
  { kind: 'role'; record: RoleRecord } | { kind: 'user'; record: UserRecord };

/** Every role and user of the account: attachments are kept on them. */
export async function principalsOf(
  session: StoreSession,
  accountId: string,
): Promise<AttachedEntity[]> {
  const scope = iamScope(accountId);
  const [roles, users] = await Promise.all([
    session.collection<RoleRecord>(ROLES).list(scope),
    session.collection<UserRecord>(USERS).list(scope),
  ]);
  return [
    ...roles.map((row): AttachedEntity => ({ kind: 'role', record: row.value })),
    ...users.map((row): AttachedEntity => ({ kind: 'user', record: row.value })),
  ];
}

export async function usageByArn(
  session: StoreSession,
  accountId: string,
): Promise<Map<string, PolicyUsage>> {
  const usage = new Map<string, PolicyUsage>();
  const entry = (arn: string): PolicyUsage => {
    let found = usage.get(arn);
    if (!found) {
      found = { attachments: 0, boundaries: 0 };
      usage.set(arn, found);
    }
    return found;
  };
  for (const { record } of await principalsOf(session, accountId)) {
    for (const arn of new Set(attachedArns(record))) entry(arn).attachments++;
    if (record.permissionsBoundaryArn) entry(record.permissionsBoundaryArn).boundaries++;
  }
  return usage;
}

/** Records written before attachments existed may lack the list. */
export function attachedArns(record: PrincipalRecord): string[] {
  return Array.isArray(record.attachedPolicyArns) ? record.attachedPolicyArns : [];
}

const NO_USAGE: PolicyUsage = { attachments: 0, boundaries: 0 };

/**
 * `Policy` as CreatePolicy, GetPolicy and ListPolicies return it. Description and tags are
 * GetPolicy's alone (CreatePolicy echoes only the tags it was given); ListPolicies has neither.
 */
export function wirePolicy(
  view: PolicyView,
  usage: PolicyUsage | undefined,
  form: 'create' | 'get' | 'list',
): Policy {
  const counts = usage ?? NO_USAGE;
  return {
    PolicyName: view.policyName,
    PolicyId: view.policyId,
    Arn: view.arn,
    Path: view.path,
    DefaultVersionId: view.defaultVersionId,
    AttachmentCount: counts.attachments,
    PermissionsBoundaryUsageCount: counts.boundaries,
    IsAttachable: true,
    ...(form === 'get' && view.description !== undefined ? { Description: view.description } : {}),
    CreateDate: new Date(view.createDate),
    UpdateDate: new Date(view.updateDate),
    ...(form !== 'list' ? tagsMember(view.tags) : {}),
  };
}

export function wireVersion(
  view: Pick<PolicyView, 'defaultVersionId'>,
  version: PolicyVersionRecord,
  withDocument: boolean,
): PolicyVersion {
  return {
    ...(withDocument ? { Document: encodePolicyDocument(version.document) } : {}),
    VersionId: version.versionId,
    IsDefaultVersion: version.versionId === view.defaultVersionId,
    CreateDate: new Date(version.createDate),
  };
}
