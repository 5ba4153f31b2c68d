/**
 * The request context as conditions and variables read it: keys are case-insensitive,
 * every key holds a list of values (a single value is a list of one), and an empty list
 * or undefined means the key is absent. Keys AWS derives from the caller
 * (`aws:PrincipalArn`, `aws:username`, …) are filled in unless the caller gave them.
 */
import type { AccessRequest, ConditionContext, Principal } from './api.js';

export type ContextScalar = string | number | boolean | Date;

export interface EvaluationContext {
  values(key: string): ContextScalar[] | undefined;
  /** The values as text (dates as ISO-8601, booleans as `true`/`false`). */
  strings(key: string): string[] | undefined;
}

export function contextFor(request: AccessRequest): EvaluationContext {
  const map = new Map<string, ContextScalar[]>();
  const put = (key: string, raw: ConditionContext[string]) => {
    if (raw === undefined) return;
    const list = (Array.isArray(raw) ? raw : [raw]).filter((v) => v !== undefined);
    if (list.length > 0) map.set(key.toLowerCase(), list);
    else map.delete(key.toLowerCase());
  };
  for (const [key, value] of Object.entries(derivedKeys(request.principal))) put(key, value);
  for (const [key, value] of Object.entries(request.context ?? {})) put(key, value);
  return {
    values: (key) => map.get(key.toLowerCase()),
    strings: (key) => map.get(key.toLowerCase())?.map(scalarText),
  };
}

export function scalarText(value: ContextScalar): string {
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

const USER_ARN = /^arn:[^:]+:iam::\d{12}:user\/(?:.*\/)?([^/]+)$/;
const SESSION_ARN = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/;

function derivedKeys(principal: Principal): ConditionContext {
  switch (principal.kind) {
    case 'service':
      return { 'aws:PrincipalServiceName': principal.service };
    case 'federated':
      return {};
    case 'aws': {
      const keys: ConditionContext = {
        'aws:PrincipalAccount': principal.accountId,
        'aws:PrincipalArn': principalArnKey(principal),
      };
      if (principal.userId) keys['aws:userid'] = principal.userId;
      const user = USER_ARN.exec(principal.arn);
      if (user?.[1]) {
        keys['aws:username'] = user[1];
        keys['aws:PrincipalType'] = 'User';
      } else if (SESSION_ARN.test(principal.arn)) {
        keys['aws:PrincipalType'] = 'AssumedRole';
      } else if (principal.arn.endsWith(':root')) {
        keys['aws:PrincipalType'] = 'Account';
      }
      return keys;
    }
  }
}

/** For a role session AWS gives the role's ARN, not the session's. */
function principalArnKey(principal: Extract<Principal, { kind: 'aws' }>): string {
  if (principal.roleArn) return principal.roleArn;
  const session = SESSION_ARN.exec(principal.arn);
  if (session) return `arn:${session[1]}:iam::${session[2]}:role/${session[3]}`;
  return principal.arn;
}
