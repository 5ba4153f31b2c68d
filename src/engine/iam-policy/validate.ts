/**
 * validatePolicyDocument: AWS's MalformedPolicyDocument message for the first problem
 * AWS reports, in AWS's order.
 *
 * Identity policies (managed and inline), after moto's AWS-checked order plus what moto
 * lacks:
 *   1. not JSON, or a bad shape (unknown element, missing Statement or Effect, Action
 *      with NotAction, wrong types, unknown condition operator) → "Syntax errors in policy."
 *   2. a Principal or NotPrincipal → "Policy document should not specify a principal."
 *      (before the version check: the seed's 2008-10-17 trust document sent to
 *      CreatePolicy gets this message on AWS)
 *   3. managed only: Version other than 2012-10-17 (absent included) →
 *      "Policy document must be version 2012-10-17 or greater." Inline policies may be
 *      2008-10-17 or have no Version.
 *   4. Effect not exactly Allow/Deny, bad Date condition value, resource that fails
 *      legacy parsing → "The policy failed legacy parsing"
 *   5. Sid not alphanumeric, then Sids not unique
 *   6. a statement without Action/NotAction → "Policy statement must contain actions."
 *   7. the resource-format message found in step 4
 *   8. action vendors ("Actions/Conditions must be prefaced by a vendor…", "…only one colon.")
 *   9. a statement without Resource/NotResource → "Policy statement must contain resources."
 *
 * Trust policies (CreateRole, UpdateAssumeRolePolicy):
 *   not JSON → "This policy contains invalid Json"; then the shape (1); a Resource →
 *   "Has prohibited field Resource"; legacy parsing (4); actions present (6); a
 *   Principal in every statement → "Missing required field Principal"; principal values;
 *   only STS actions → "AssumeRole policy may only specify STS AssumeRole actions."
 *   Any Version of the two (or none) is accepted.
 */
import type { PolicyKind } from './api.js';
import { VERSION_2012, isJsonObject, parseJson, type JsonObject } from './grammar.js';
import { legacyParse } from './validate-legacy.js';
import { checkShape } from './validate-syntax.js';
import {
  prohibitedResourceError,
  trustActionError,
  trustPrincipalError,
} from './validate-trust.js';

export const SYNTAX_ERROR = 'Syntax errors in policy.';
const LEGACY_FAILURE = 'The policy failed legacy parsing';
const SID_FORMAT =
  'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*';

export function validatePolicyDocument(text: string, kind: PolicyKind): string | undefined {
  const json = parseJson(text);
  if (kind === 'trust' && !isJsonObject(json)) return 'This policy contains invalid Json';
  const shaped = json === undefined ? undefined : checkShape(json);
  if (!shaped) return SYNTAX_ERROR;
  const { document, statements } = shaped;
  if (kind === 'trust') return trustError(statements);

  if (statements.some((s) => 'Principal' in s || 'NotPrincipal' in s)) {
    return 'Policy document should not specify a principal.';
  }
  if (kind === 'managed' && document['Version'] !== VERSION_2012) {
    return 'Policy document must be version 2012-10-17 or greater.';
  }
  const legacy = legacyParse(statements);
  if (legacy.kind === 'legacy-failure') return LEGACY_FAILURE;
  return (
    sidError(statements) ??
    actionsPresentError(statements) ??
    legacy.resourceError ??
    actionVendorError(statements, 'Action') ??
    actionVendorError(statements, 'NotAction') ??
    resourcesPresentError(statements)
  );
}

function trustError(statements: readonly JsonObject[]): string | undefined {
  const prohibited = prohibitedResourceError(statements);
  if (prohibited) return prohibited;
  if (legacyParse(statements).kind === 'legacy-failure') return LEGACY_FAILURE;
  return (
    actionsPresentError(statements) ??
    trustPrincipalError(statements) ??
    trustActionError(statements)
  );
}

function sidError(statements: readonly JsonObject[]): string | undefined {
  const sids = statements.map((s) => s['Sid']).filter((s): s is string => typeof s === 'string');
  if (!sids.every((sid) => /^[0-9A-Za-z]*$/.test(sid))) return SID_FORMAT;
  const seen = new Set<string>();
  for (const sid of sids) {
    if (sid === '') continue;
    if (seen.has(sid)) return 'Statement IDs (SID) in a single policy must be unique.';
    seen.add(sid);
  }
  return undefined;
}

/** An element present as an empty list counts as missing. */
function present(statement: JsonObject, key: string): boolean {
  const value = statement[key];
  return value !== undefined && !(Array.isArray(value) && value.length === 0);
}

function actionsPresentError(statements: readonly JsonObject[]): string | undefined {
  const ok = statements.every((s) => present(s, 'Action') || present(s, 'NotAction'));
  return ok ? undefined : 'Policy statement must contain actions.';
}

function resourcesPresentError(statements: readonly JsonObject[]): string | undefined {
  const ok = statements.every((s) => present(s, 'Resource') || present(s, 'NotResource'));
  return ok ? undefined : 'Policy statement must contain resources.';
}

function actionVendorError(statements: readonly JsonObject[], key: string): string | undefined {
  for (const statement of statements) {
    const value = statement[key];
    if (value === undefined) continue;
    const actions = Array.isArray(value) ? value : [value];
    for (const action of actions) {
      const error = vendorError(typeof action === 'string' ? action : '');
      if (error) return error;
    }
  }
  return undefined;
}

function vendorError(action: string): string | undefined {
  const parts = action.split(':');
  if (parts.length === 1 && action !== '*') {
    return 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.';
  }
  if (parts.length > 2) return 'Actions/Condition can contain only one colon.';
  const vendor = parts[0] ?? '';
  if (vendor !== '*' && /[^a-zA-Z0-9\-.]/.test(vendor)) return `Vendor ${vendor} is not valid`;
  return undefined;
}
