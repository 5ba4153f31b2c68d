/**
 * The IAM policy language, as the rest of teiki uses it. The implementation lives beside
 * this file; services and the scheduler import only from `./index.js`.
 *
 * One question, asked two ways:
 * - identity side: may this principal, holding these policies (and perhaps a permissions
 *   boundary), do action A on resource R with context C?
 * - resource side (trust policies): does this role's trust policy let principal P do
 *   `sts:AssumeRole`?
 * Every answer carries the deciding statement, so a denial can say why.
 */

/** What a policy is for: it changes which elements are allowed (Principal) and required (Version). */
export type PolicyKind =
  /** A customer managed policy (CreatePolicy/CreatePolicyVersion): Version 2012-10-17 required. */
  | 'managed'
  /** An inline identity policy (PutRolePolicy/PutUserPolicy). */
  | 'inline'
  /** A role's trust policy (CreateRole/UpdateAssumeRolePolicy): Principal required. */
  | 'trust';

/** A policy as the evaluator receives it: its JSON text and where it came from (for "why"). */
export interface NamedPolicy {
  /** e.g. `arn:aws:iam::123456789012:policy/EcsEventsPolicy` or `role/EcsEventsRole inline RunTask`. */
  source: string;
  document: string;
}

/** Who asks. For a service principal only `service` is set. */
export type Principal =
  | {
      kind: 'aws';
      /** A user, role, root or session ARN (`arn:aws:sts::…:assumed-role/Role/Session`). */
      arn: string;
      accountId: string;
      userId?: string;
      /**
       * For an assumed-role session: the role's ARN with its path. A session ARN carries no
       * path, so without this a role ARN in a trust policy matches on the role name alone.
       */
      roleArn?: string;
    }
  | { kind: 'service'; service: string }
  | { kind: 'federated'; provider: string };

/**
 * Condition keys and policy-variable values (`aws:SourceArn`, `aws:username`, `ecs:cluster`…),
 * matched case-insensitively; a list is a multi-valued key. The engine has no clock: callers
 * pass `aws:CurrentTime` / `aws:EpochTime` from theirs when policies may test them. Keys
 * derived from the principal (`aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:username`,
 * `aws:userid`, `aws:PrincipalType`, `aws:PrincipalServiceName`) are filled in unless given.
 */
export type ConditionContext = Record<
  string,
  string | string[] | number | boolean | Date | undefined
>;

export interface AccessRequest {
  principal: Principal;
  /** `service:Action`, matched case-insensitively. */
  action: string;
  /** A full ARN (or `*`), matched case-sensitively. */
  resource: string;
  context?: ConditionContext;
}

export interface DecidingStatement {
  source: string;
  /** The statement's Sid, when it has one. */
  sid?: string;
  /** 0-based position in the policy's Statement list. */
  index: number;
}

export interface Decision {
  decision: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
  /** The statement that allowed or denied; absent for an implicit deny. */
  statement?: DecidingStatement;
  /** One sentence a user can read: why this decision. */
  reason: string;
}

export interface IdentityEvaluation {
  identityPolicies: readonly NamedPolicy[];
  /** A permissions boundary: when present, an action must be allowed by it as well. */
  boundary?: NamedPolicy;
  /** Session policies (AssumeRole `Policy`): when present, must allow as well. */
  sessionPolicies?: readonly NamedPolicy[];
}

/**
 * The functions the implementation exports from `./index.js`:
 *
 *   validatePolicyDocument(document: string, kind: PolicyKind): string | undefined
 *     → undefined when the document is acceptable, else AWS's MalformedPolicyDocument
 *       message for the first problem AWS reports ("Policy document should not specify a
 *       principal.", "Syntax errors in policy.", …).
 *
 *   evaluateIdentity(request: AccessRequest, policies: IdentityEvaluation): Decision
 *   evaluateTrust(trustPolicy: NamedPolicy, request: AccessRequest): Decision
 *
 *   matchesArnPattern(pattern: string, arn: string): boolean   (IAM `*`/`?` wildcards)
 *
 *   trustPolicyAwsPrincipals(document: string): string[]
 *     → the user and role ARNs named under `"AWS"` in a trust policy, for the IAM service
 *       to check they exist (AWS answers `Invalid principal in policy: "AWS":"<arn>"`
 *       when one does not; see invalidPrincipalMessage).
 */
export type PolicyDocumentValidator = (document: string, kind: PolicyKind) => string | undefined;
export type IdentityEvaluator = (request: AccessRequest, policies: IdentityEvaluation) => Decision;
export type TrustEvaluator = (trustPolicy: NamedPolicy, request: AccessRequest) => Decision;
