/**
 * The policies a caller's requests are evaluated against, as AWS gathers them:
 * - an IAM user's key: the user's inline and attached managed policies, and its
 *   permissions boundary (teiki has no groups);
 * - a GetSessionToken session: the user's, unchanged;
 * - an AssumeRole session: the role's policies and boundary, and the session policies
 *   the session was given (`Policy`, `PolicyArns`), which must allow as well.
 *
 * Reading them costs a store read per policy, so each caller's set is kept with the
 * account's IAM epoch (epoch.ts) and read again only when IAM has changed since.
 */
import type { IdentityEvaluation, NamedPolicy, Principal } from '../../engine/iam-policy/index.js';
import type { Store } from '../../store/types.js';
import type { CallerIdentity } from '../context.js';
import { parseRoleArn } from '../sts/roles.js';
import { iamEpoch, rememberedIamEpoch } from './epoch.js';
import { boundaryDocumentOf, defaultDocument, policyDocumentsOf } from './policy-documents.js';
import { iamScope, nameId, USERS, type RoleRecord, type UserRecord } from './records.js';
import { findRole } from './roles/records.js';

export interface CallerPolicies {
  /** The caller as the policy engine names it (a session keeps its role's ARN beside it). */
  principal: Principal;
  policies: IdentityEvaluation;
  /** The user's or role's tags: `aws:PrincipalTag/…`. */
  principalTags: Readonly<Record<string, string>>;
  /** Whether any policy tests a resource's tags: only then are a resource's tags read. */
  readsResourceTags: boolean;
}

/** Kept per caller; far more than one teiki's users and sessions, so eviction is rare. */
const CACHE_LIMIT = 1000;

export class CallerPolicyCache {
  private readonly entries = new Map<string, { epoch: string; value: CallerPolicies }>();

  constructor(private readonly store: Store) {}

  /** The caller's policies; for the root user there are none to read (root is never denied). */
  async of(caller: CallerIdentity): Promise<CallerPolicies> {
    const epoch = await iamEpoch(this.store, caller.accountId);
    const key = keyOf(caller);
    const cached = this.entries.get(key);
    if (cached?.epoch === epoch) return cached.value;
    const value = await this.read(caller);
    if (this.entries.size >= CACHE_LIMIT) this.entries.clear();
    this.entries.set(key, { epoch, value });
    return value;
  }

  /**
   * The caller's policies when they are kept and the epoch is one this process remembers,
   * without waiting (every await costs a request time); undefined sends the caller to of().
   */
  peek(caller: CallerIdentity): CallerPolicies | undefined {
    const epoch = rememberedIamEpoch(this.store, caller.accountId);
    if (epoch === undefined) return undefined;
    const cached = this.entries.get(keyOf(caller));
    return cached?.epoch === epoch ? cached.value : undefined;
  }

  private async read(caller: CallerIdentity): Promise<CallerPolicies> {
    if (caller.type === 'assumed-role') return this.readSession(caller);
    const userName = caller.arn.slice(caller.arn.lastIndexOf('/') + 1);
    const user =
      caller.type === 'user'
        ? await this.store
            .collection<UserRecord>(USERS)
            .get(iamScope(caller.accountId), nameId(userName))
        : undefined;
    const principal: Principal = {
      kind: 'aws',
      arn: caller.arn,
      accountId: caller.accountId,
      userId: caller.userId,
    };
    if (!user) return finish(principal, { identityPolicies: [] }, {});
    return finish(principal, await this.entityPolicies(caller.accountId, user), tagMap(user));
  }

  private async readSession(caller: CallerIdentity): Promise<CallerPolicies> {
    const roleArn = caller.session?.roleArn ?? roleArnOfSession(caller.arn);
    const parsed = roleArn ? parseRoleArn(roleArn) : undefined;
    const role = parsed ? await findRole(this.store, parsed.accountId, parsed.roleName) : undefined;
    const principal: Principal = {
      kind: 'aws',
      arn: caller.arn,
      accountId: caller.accountId,
      userId: caller.userId,
      ...(role ? { roleArn: role.arn } : roleArn ? { roleArn } : {}),
    };
    // A session of a role deleted since has no policies left: everything is denied.
    const policies = role
      ? await this.entityPolicies(caller.accountId, role)
      : { identityPolicies: [] };
    const sessionPolicies = await this.sessionPolicies(caller);
    return finish(
      principal,
      sessionPolicies.length > 0 ? { ...policies, sessionPolicies } : policies,
      role ? tagMap(role) : {},
    );
  }

  private async entityPolicies(
    accountId: string,
    entity: RoleRecord | UserRecord,
  ): Promise<IdentityEvaluation> {
    const identityPolicies = await policyDocumentsOf(this.store, accountId, entity);
    const boundary = await boundaryDocumentOf(this.store, accountId, entity);
    return boundary ? { identityPolicies, boundary } : { identityPolicies };
  }

  private async sessionPolicies(caller: CallerIdentity): Promise<NamedPolicy[]> {
    const session = caller.session;
    if (!session) return [];
    const policies: NamedPolicy[] = [];
    if (session.policy !== undefined) {
      policies.push({ source: `${caller.arn} session policy`, document: session.policy });
    }
    for (const arn of session.policyArns ?? []) {
      // A managed session policy that no longer exists allows nothing: keep the layer.
      policies.push(
        (await defaultDocument(this.store, caller.accountId, arn)) ?? {
          source: arn,
          document: '{}',
        },
      );
    }
    return policies;
  }
}

/**
 * A role session's policies are its own (session policies), so sessions are keyed apart; a
 * service's session of a target's role has no key and no session policy: its ARN.
 */
function keyOf(caller: CallerIdentity): string {
  return caller.type === 'assumed-role' ? caller.accessKeyId || caller.arn : caller.arn;
}

function finish(
  principal: Principal,
  policies: IdentityEvaluation,
  principalTags: Record<string, string>,
): CallerPolicies {
  const texts = [
    ...policies.identityPolicies,
    ...(policies.boundary ? [policies.boundary] : []),
    ...(policies.sessionPolicies ?? []),
  ];
  return {
    principal,
    policies,
    principalTags,
    readsResourceTags: texts.some((p) => /resourcetag\//i.test(p.document)),
  };
}

function tagMap(entity: RoleRecord | UserRecord): Record<string, string> {
  return Object.fromEntries((entity.tags ?? []).map((tag) => [tag.Key, tag.Value]));
}

/** `arn:aws:sts::A:assumed-role/R/S` → `arn:aws:iam::A:role/R` (the path is unknown). */
function roleArnOfSession(arn: string): string | undefined {
  const match = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(arn);
  return match ? `arn:${match[1]}:iam::${match[2]}:role/${match[3]}` : undefined;
}
