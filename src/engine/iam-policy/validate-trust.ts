/**
 * What a role's trust policy must be beyond the shared grammar: no resources, a
 * principal in every statement, principals of a known form, and only STS actions.
 */
import { compileGlob } from './wildcard.js';
import {
  isJsonObject,
  parseJson,
  statementList,
  stringList,
  type Json,
  type JsonObject,
} from './grammar.js';

const NO_PRINCIPALS =
  'Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: ' +
  'The passed in policy has a statement with no principals!';
const ONLY_STS = 'AssumeRole policy may only specify STS AssumeRole actions.';

/** The actions a trust policy may grant; a wildcard must cover at least one of them. */
const TRUST_ACTIONS = [
  'sts:AssumeRole',
  'sts:AssumeRoleWithSAML',
  'sts:AssumeRoleWithWebIdentity',
  'sts:TagSession',
  'sts:SetSourceIdentity',
  'sts:SetContext',
];

const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

/** AWS's message for a principal value it cannot use: `"AWS":"arn:…"`. */
export function invalidPrincipalMessage(value: string, type = 'AWS'): string {
  return `Invalid principal in policy: "${type}":"${value}"`;
}

export function prohibitedResourceError(statements: readonly JsonObject[]): string | undefined {
  for (const statement of statements) {
    if ('Resource' in statement) return 'Has prohibited field Resource';
    if ('NotResource' in statement) return 'Has prohibited field NotResource';
  }
  return undefined;
}

export function trustPrincipalError(statements: readonly JsonObject[]): string | undefined {
  for (const statement of statements) {
    if (!('Principal' in statement) && !('NotPrincipal' in statement)) {
      return 'Missing required field Principal';
    }
  }
  for (const statement of statements) {
    const error = principalValueError(statement['Principal'] ?? statement['NotPrincipal']);
    if (error) return error;
  }
  return undefined;
}

export function trustActionError(statements: readonly JsonObject[]): string | undefined {
  for (const statement of statements) {
    const actions = stringList(statement['Action'] ?? statement['NotAction']);
    if (!actions.every(isTrustAction)) return ONLY_STS;
  }
  return undefined;
}

function isTrustAction(action: string): boolean {
  if (!action.toLowerCase().startsWith('sts:')) return false;
  const pattern = compileGlob([{ glob: action }], { caseInsensitive: true });
  return TRUST_ACTIONS.some((a) => pattern.test(a));
}

function principalValueError(principal: Json | undefined): string | undefined {
  if (typeof principal === 'string') {
    return principal === '*' ? undefined : `Invalid principal in policy: "${principal}"`;
  }
  if (typeof principal !== 'object' || principal === null || Array.isArray(principal)) {
    return NO_PRINCIPALS;
  }
  let count = 0;
  for (const [type, raw] of Object.entries(principal)) {
    const values = stringList(raw);
    count += values.length;
    for (const value of values) {
      if (!PRINCIPAL_TYPES.includes(type)) return invalidPrincipalMessage(value, type);
      if (!principalValueOk(type, value)) return invalidPrincipalMessage(value, type);
    }
  }
  return count === 0 ? NO_PRINCIPALS : undefined;
}

const ACCOUNT = /^\d{12}$/;
const IAM_PRINCIPAL = /^arn:aws[a-z-]*:iam::\d{12}:(root|user\/[^*]+|role\/[^*]+)$/;
const STS_PRINCIPAL =
  /^arn:aws[a-z-]*:sts::\d{12}:(assumed-role\/[^*/]+\/[^*]+|federated-user\/[^*]+)$/;

function principalValueOk(type: string, value: string): boolean {
  if (type === 'AWS') {
    return (
      value === '*' || ACCOUNT.test(value) || IAM_PRINCIPAL.test(value) || STS_PRINCIPAL.test(value)
    );
  }
  return value.trim() !== '' && !/\s/.test(value);
}

/**
 * The user and role ARNs a trust policy names under `"AWS"`. On AWS they must exist when
 * the policy is set: the IAM service checks them and answers invalidPrincipalMessage.
 */
export function trustPolicyAwsPrincipals(document: string): string[] {
  const json = parseJson(document);
  if (!isJsonObject(json)) return [];
  const found = new Set<string>();
  for (const statement of statementList(json['Statement'])) {
    if (!isJsonObject(statement)) continue;
    const principal = statement['Principal'] ?? statement['NotPrincipal'];
    if (typeof principal !== 'object' || principal === null || Array.isArray(principal)) continue;
    for (const value of stringList(principal['AWS'])) {
      if (/^arn:[^:]+:iam::\d{12}:(user|role)\//.test(value)) found.add(value);
    }
  }
  return [...found];
}
