/**
 * What an operation needs before it runs, as the Service Authorization Reference states it:
 * each permission is one action on one resource, with the request's condition keys. An
 * operation's authorizer (one per service, beside its operations) turns the decoded input
 * into these; the caller authorizer evaluates them against the caller's policies.
 */
import type { ConditionContext } from '../../engine/iam-policy/index.js';
import type { RequestContext } from '../context.js';
import type { OperationShapes } from '../operation.js';

export type Tags = Readonly<Record<string, string>>;

export interface Permission {
  /** `ecs:RunTask`, as the reference spells it. */
  action: string;
  /** The resource's ARN, or `*` where the reference names no resource type. */
  resource: string;
  /**
   * Service-specific condition keys (`ecs:cluster`, `iam:PassedToService`…). Only the keys
   * the reference lists for the action reach the policies.
   */
  context?: ConditionContext;
  /** Tags the request puts on a resource: `aws:RequestTag/…` and `aws:TagKeys`. */
  requestTags?: Tags;
  /** The resource's tags (`aws:ResourceTag/…`), read only when a policy tests them. */
  resourceTags?: () => Promise<Tags | undefined>;
  /**
   * Identity policies need not allow this, though an explicit deny in them still denies:
   * a resource-based policy (a role's trust policy) names the caller itself, or the
   * action needs no permission (sts:GetSessionToken).
   */
  allowedWithoutIdentityPolicy?: boolean;
  /**
   * The resource's own policy, where the service has one that decides too (an event bus's
   * policy for PutEvents): within the resource's account an allow in it or in the caller's
   * identity policies admits; from another account both must allow; an explicit deny in
   * either refuses. `document` is undefined when the resource has no policy.
   */
  resourcePolicy?: ResourcePolicy;
  /** The service's own words for this denial, where it does not use IAM's sentence. */
  deniedMessage?: string;
}

export interface ResourcePolicy {
  /** The account the resource belongs to. */
  accountId: string;
  /** Its policy's JSON text, undefined when it has none. */
  document: () => Promise<string | undefined>;
}

/** The permissions one operation needs, from its decoded and validated input. */
export type Authorize<I> = (input: I, ctx: RequestContext) => Promise<Permission[]> | Permission[];

/** A service's authorizers, by operation: every operation it implements has one. */
export type AuthorizationTable<Ops extends OperationShapes> = {
  [K in keyof Ops]?: Authorize<Ops[K]['input']>;
};

/** The form the gateway calls, once a table is registered. */
export type AnyAuthorize = Authorize<Record<string, unknown>>;

const RESOURCE_POLICY_MAPPINGS = new WeakSet<object>();

/**
 * Marks an operation's authorizer as naming permissions with a `resourcePolicy`: only such
 * operations are mapped for the root user, whom nothing else can deny.
 */
export function withResourcePolicy<I>(authorize: Authorize<I>): Authorize<I> {
  RESOURCE_POLICY_MAPPINGS.add(authorize);
  return authorize;
}

export function decidesWithResourcePolicy(authorize: object): boolean {
  return RESOURCE_POLICY_MAPPINGS.has(authorize);
}

/** One action on `*`: what the reference says for actions with no resource type. */
export function onAnyResource(action: string, context?: ConditionContext): Permission {
  return context ? { action, resource: '*', context } : { action, resource: '*' };
}

/** The authorizer of an operation that needs only its action on `*`. */
export function anyResource(action: string): Authorize<unknown> {
  const permissions = [onAnyResource(action)];
  return () => permissions;
}

/** Key/value tag lists (`[{key, value}]`, `[{Key, Value}]`) or maps, as a map. */
export function tagMap(
  tags:
    | ReadonlyArray<{ key?: string; value?: string; Key?: string; Value?: string }>
    | Tags
    | undefined,
): Tags | undefined {
  if (tags === undefined) return undefined;
  if (!Array.isArray(tags)) return tags as Tags;
  const entries = (
    tags as ReadonlyArray<{ key?: string; value?: string; Key?: string; Value?: string }>
  ).map((tag) => [tag.key ?? tag.Key ?? '', tag.value ?? tag.Value ?? ''] as const);
  return Object.fromEntries(entries);
}
