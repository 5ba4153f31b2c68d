import type { Scope } from '../store/types.js';

/** Who is calling: resolved by the gateway from the request's credentials. */
export interface CallerIdentity {
  accountId: string;
  /** `arn:aws:iam::123456789012:root`, `…:user/NAME`, `arn:aws:sts::…:assumed-role/ROLE/SESSION`. */
  arn: string;
  /** AWS's `UserId`: the account id for root, `AIDA…` for users, `AROA…:SESSION` for roles. */
  userId: string;
  accessKeyId: string;
  type: 'root' | 'user' | 'assumed-role';
  /** Temporary credentials only: what STS issued them for (their policies are evaluated too). */
  session?: CallerSession;
}

/** What a set of temporary credentials carries besides its principal. */
export interface CallerSession {
  /** `AssumeRole` (a role's session) or `GetSessionToken` (the user or root itself). */
  kind: 'role' | 'session-token';
  /** ISO-8601: when STS issued the credentials (`aws:TokenIssueTime`). */
  issuedAt: string;
  /** AssumeRole: the role's ARN with its path. */
  roleArn?: string;
  /** AssumeRole's `Policy`: an inline session policy, as given. */
  policy?: string;
  /** AssumeRole's `PolicyArns`: managed session policies. */
  policyArns?: string[];
}

/** What an operation knows about the request it serves, besides its input. */
export interface RequestContext {
  requestId: string;
  accountId: string;
  region: string;
  caller: CallerIdentity;
}

/** The (account, region) a request's state lives in. */
export function scopeOf(ctx: Pick<RequestContext, 'accountId' | 'region'>): Scope {
  return { accountId: ctx.accountId, region: ctx.region };
}
