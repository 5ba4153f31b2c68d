/**
 * Whether a statement's Principal names the caller. `"*"` (or `{"AWS": "*"}`) names
 * everyone; an account id or `arn:aws:iam::<account>:root` names every principal of
 * that account; a role ARN names the role's sessions; other ARNs must be exact.
 */
import type { Principal } from './api.js';
import type { PrincipalSpec } from './parse.js';

const ROOT = /^arn:[^:]+:iam::(\d{12}):root$/;
const SESSION = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/;
const ROLE = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

export function principalMatches(spec: PrincipalSpec, principal: Principal): boolean {
  if (spec === '*') return true;
  return Object.entries(spec).some(([type, values]) =>
    values.some((value) => valueMatches(type, value, principal)),
  );
}

function valueMatches(type: string, value: string, principal: Principal): boolean {
  switch (type) {
    case 'AWS':
      return value === '*' || (principal.kind === 'aws' && awsValueMatches(value, principal));
    case 'Service':
      return (
        principal.kind === 'service' && value.toLowerCase() === principal.service.toLowerCase()
      );
    case 'Federated':
      return principal.kind === 'federated' && value === principal.provider;
    default:
      return false;
  }
}

function awsValueMatches(value: string, principal: Extract<Principal, { kind: 'aws' }>): boolean {
  if (/^\d{12}$/.test(value)) return value === principal.accountId;
  const root = ROOT.exec(value);
  if (root) return root[1] === principal.accountId;
  if (value === principal.arn) return true;
  const session = SESSION.exec(principal.arn);
  const role = ROLE.exec(value);
  if (!session || !role) return false;
  if (principal.roleArn !== undefined) return value === principal.roleArn;
  // Without the role's path, a role ARN names the session's role by account and name.
  return role[1] === session[1] && role[2] === session[2] && role[3] === session[3];
}

/** How a reason names the caller. */
export function describePrincipal(principal: Principal): string {
  switch (principal.kind) {
    case 'aws':
      return principal.arn;
    case 'service':
      return principal.service;
    case 'federated':
      return principal.provider;
  }
}
