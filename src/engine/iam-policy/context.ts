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

/**
 * Built lazily: most requests are decided by statements without conditions, so the keys
 * are read only when a condition or a variable asks. The caller's derived keys are kept
 * per principal object, which a caller's cached policies reuse across requests.
 */
export function contextFor(
  request: Pick<AccessRequest, 'principal' | 'context'>,
): EvaluationContext {
  const derived = derivedMap(request.principal);
  let given: Map<string, ContextScalar[] | null> | undefined;
  const read = (key: string): ContextScalar[] | undefined => {
    const lower = key.toLowerCase();
    given ??= normalized(request.context);
    const own = given.get(lower);
    // A key the caller gave wins; given empty, it removes the derived one.
    if (own !== undefined) return own ?? undefined;
    return derived.get(lower);
  };
  return {
    values: read,
    strings: (key) => read(key)?.map(scalarText),
  };
}

/** Lower-cased keys → their values as a list; null for a key given with no value left. */
function normalized(context: ConditionContext | undefined): Map<string, ContextScalar[] | null> {
  const map = new Map<string, ContextScalar[] | null>();
  for (const [key, raw] of Object.entries(context ?? {})) {
    if (raw === undefined) continue;
    const list = (Array.isArray(raw) ? raw : [raw]).filter((v) => v !== undefined);
    map.set(key.toLowerCase(), list.length > 0 ? list : null);
  }
  return map;
}

const derivedByPrincipal = new WeakMap<Principal, Map<string, ContextScalar[]>>();

function derivedMap(principal: Principal): Map<string, ContextScalar[]> {
  let map = derivedByPrincipal.get(principal);
  if (!map) {
    map = new Map();
    for (const [key, value] of normalized(derivedKeys(principal))) if (value) map.set(key, value);
    derivedByPrincipal.set(principal, map);
  }
  return map;
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
