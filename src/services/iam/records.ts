/**
 * IAM's records as stored. IAM is global: every record lives in its account's scope with
 * the region GLOBAL_REGION. Names are unique case-insensitively (as AWS enforces), so
 * ids are lower-cased names and each record keeps the name as written.
 *
 * Attachments are kept on the entity (role or user); a policy's AttachmentCount is
 * derived from them when read, never stored twice.
 */
import { GLOBAL_REGION, type Scope } from '../../store/types.js';

export const ROLES = 'iam.roles';
export const USERS = 'iam.users';
export const POLICIES = 'iam.policies';
export const INSTANCE_PROFILES = 'iam.instance-profiles';
/** Access keys are looked up by key id alone (the gateway), so they live in KEY_INDEX. */
export const ACCESS_KEYS = 'iam.access-keys';
export const KEY_INDEX: Scope = { accountId: '*', region: GLOBAL_REGION };

export function iamScope(accountId: string): Scope {
  return { accountId, region: GLOBAL_REGION };
}

export function nameId(name: string): string {
  return name.toLowerCase();
}

export interface TagRecord {
  Key: string;
  Value: string;
}

/** What roles and users share: inline policies, attachments, boundary, tags. */
export interface PrincipalRecord {
  path: string;
  arn: string;
  /** ISO-8601. */
  createDate: string;
  permissionsBoundaryArn?: string;
  tags: TagRecord[];
  /** Inline policy name → document, as given (AWS returns it URL-encoded). */
  inlinePolicies: Record<string, string>;
  /** Managed policy ARNs (customer or AWS managed), in attachment order. */
  attachedPolicyArns: string[];
}

export interface RoleRecord extends PrincipalRecord {
  roleName: string;
  roleId: string;
  assumeRolePolicyDocument: string;
  description?: string;
  maxSessionDuration: number;
  roleLastUsed?: { lastUsedDate?: string; region?: string };
}

export interface UserRecord extends PrincipalRecord {
  userName: string;
  userId: string;
  /** The user's access key ids (records in ACCESS_KEYS, KEY_INDEX scope), oldest first. */
  accessKeyIds?: string[];
}

export interface PolicyVersionRecord {
  versionId: string;
  document: string;
  createDate: string;
}

export interface ManagedPolicyRecord {
  policyName: string;
  policyId: string;
  arn: string;
  path: string;
  description?: string;
  createDate: string;
  updateDate: string;
  defaultVersionId: string;
  /** At most five, oldest first. */
  versions: PolicyVersionRecord[];
  /** Version numbers are never reused: v1, v2, … */
  nextVersionNumber: number;
  tags: TagRecord[];
}

export interface AccessKeyRecord {
  accessKeyId: string;
  secretAccessKey: string;
  accountId: string;
  userName: string;
  status: 'Active' | 'Inactive';
  createDate: string;
}

export interface InstanceProfileRecord {
  instanceProfileName: string;
  instanceProfileId: string;
  arn: string;
  path: string;
  createDate: string;
  /** Lower-cased role names (at most one, as AWS allows). */
  roleIds: string[];
  tags: TagRecord[];
}
