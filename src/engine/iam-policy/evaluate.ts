/**
 * AWS's evaluation logic for one account: an explicit Deny in any policy that applies
 * wins; otherwise the identity policies must allow, and so must the permissions boundary
 * and the session policies when there are any; otherwise the request is implicitly
 * denied. Each answer names the statement that decided it.
 */
import type {
  AccessRequest,
  Decision,
  DecidingStatement,
  IdentityEvaluation,
  NamedPolicy,
  Principal,
} from './api.js';
import { failingCondition, type ConditionFailure } from './conditions.js';
import { contextFor, type EvaluationContext } from './context.js';
import { actionListMatches, resourceListMatches } from './match.js';
import { parsePolicy, type ParsedStatement } from './parse.js';
import { describePrincipal, principalMatches } from './principals.js';

export interface Hit {
  source: string;
  statement: ParsedStatement;
}

export interface NearMiss extends Hit {
  failure: ConditionFailure;
}

interface Scan {
  hit?: Hit;
  /** The first statement of the wanted effect that matched all but a condition. */
  nearMiss?: NearMiss;
}

type Side = 'identity' | 'trust';

function statementScan(
  policies: readonly NamedPolicy[],
  effect: 'Allow' | 'Deny',
  request: Omit<AccessRequest, 'context'>,
  context: EvaluationContext,
  side: Side,
): Scan {
  let nearMiss: NearMiss | undefined;
  for (const policy of policies) {
    const parsed = parsePolicy(policy.document);
    if (!parsed) continue;
    for (const statement of parsed.statements) {
      if (statement.effect !== effect) continue;
      if (!actionMatches(statement, request.action)) continue;
      if (!resourceMatches(statement, request.resource, parsed.version, context, side)) continue;
      if (side === 'trust' && !principalApplies(statement, request.principal)) continue;
      const failure = failingCondition(statement.conditions, parsed.version, context);
      if (!failure) return { hit: { source: policy.source, statement } };
      nearMiss ??= { source: policy.source, statement, failure };
    }
  }
  return nearMiss ? { nearMiss } : {};
}

function actionMatches(statement: ParsedStatement, action: string): boolean {
  if (statement.action) return actionListMatches(statement.action, action);
  if (statement.notAction) return !actionListMatches(statement.notAction, action);
  return false;
}

function resourceMatches(
  statement: ParsedStatement,
  resource: string,
  version: string,
  context: EvaluationContext,
  side: Side,
): boolean {
  if (statement.resource)
    return resourceListMatches(statement.resource, resource, version, context);
  if (statement.notResource) {
    return !resourceListMatches(statement.notResource, resource, version, context);
  }
  // A trust policy has no Resource: the role it is attached to is the resource.
  return side === 'trust';
}

function principalApplies(statement: ParsedStatement, principal: Principal): boolean {
  if (statement.principal) return principalMatches(statement.principal, principal);
  if (statement.notPrincipal) return !principalMatches(statement.notPrincipal, principal);
  return false;
}

function deciding(hit: Hit): DecidingStatement {
  const { source, statement } = hit;
  return statement.sid !== undefined
    ? { source, sid: statement.sid, index: statement.index }
    : { source, index: statement.index };
}

function nameOf(hit: Hit): string {
  const sid = hit.statement.sid === undefined ? '' : ` (Sid "${hit.statement.sid}")`;
  return `statement ${hit.statement.index}${sid} of ${hit.source}`;
}

function nearMissNote(scan: Scan): string {
  if (!scan.nearMiss) return '';
  const { failure } = scan.nearMiss;
  return ` (${nameOf(scan.nearMiss)} would allow it, but its condition ${failure.operator} on ${failure.key} does not hold)`;
}

function ownerOf(principal: Principal): string {
  if (principal.kind !== 'aws') return "the principal's";
  if (/:(role|assumed-role)\//.test(principal.arn)) return "the role's";
  if (/:user\//.test(principal.arn)) return "the user's";
  return "the principal's";
}

/** Which kind of policy decided a denial (AWS names it in the AccessDenied message). */
export type PolicyLayer = 'identity' | 'boundary' | 'session';

/**
 * The decision with the layer that made it, before any wording: what the caller-facing
 * messages are built from. Layers are scanned in AWS's order for a denial that several
 * would give: identity policies, then the permissions boundary, then session policies.
 */
export interface LayeredDecision {
  decision: Decision['decision'];
  /** For a denial: the kind of policy that denied (explicitly, or by allowing nothing). */
  layer?: PolicyLayer;
  /** The allowing or explicitly denying statement; absent for an implicit deny. */
  hit?: Hit;
  /** For an implicit deny: a statement that would have allowed but for a condition. */
  nearMiss?: NearMiss;
}

export function decideIdentity(
  request: AccessRequest,
  policies: IdentityEvaluation,
): LayeredDecision {
  return decideIdentityIn(request, policies, contextFor(request));
}

/** decideIdentity with the context as the evaluation reads it (memo.ts records the reads). */
export function decideIdentityIn(
  request: Omit<AccessRequest, 'context'>,
  policies: IdentityEvaluation,
  context: EvaluationContext,
): LayeredDecision {
  const sessions = policies.sessionPolicies ?? [];
  const layers: Array<[PolicyLayer, readonly NamedPolicy[]]> = [
    ['identity', policies.identityPolicies],
  ];
  if (policies.boundary) layers.push(['boundary', [policies.boundary]]);
  if (sessions.length > 0) layers.push(['session', sessions]);
  for (const [layer, list] of layers) {
    const deny = statementScan(list, 'Deny', request, context, 'identity').hit;
    if (deny) return { decision: 'ExplicitDeny', layer, hit: deny };
  }
  let allowed: Hit | undefined;
  for (const [layer, list] of layers) {
    const allow = statementScan(list, 'Allow', request, context, 'identity');
    if (!allow.hit) {
      return allow.nearMiss
        ? { decision: 'ImplicitDeny', layer, nearMiss: allow.nearMiss }
        : { decision: 'ImplicitDeny', layer };
    }
    allowed ??= allow.hit;
  }
  return allowed
    ? { decision: 'Allow', hit: allowed }
    : { decision: 'ImplicitDeny', layer: 'identity' };
}

export function evaluateIdentity(request: AccessRequest, policies: IdentityEvaluation): Decision {
  const what = `${request.action} on ${request.resource}`;
  const verdict = decideIdentity(request, policies);
  const near = verdict.nearMiss ? nearMissNote({ nearMiss: verdict.nearMiss }) : '';
  if (verdict.decision === 'Allow' && verdict.hit) {
    return {
      decision: 'Allow',
      statement: deciding(verdict.hit),
      reason: `Allowed by ${nameOf(verdict.hit)}`,
    };
  }
  if (verdict.decision === 'ExplicitDeny' && verdict.hit) {
    return {
      decision: 'ExplicitDeny',
      statement: deciding(verdict.hit),
      reason: `Denied: ${nameOf(verdict.hit)} explicitly denies ${what}`,
    };
  }
  switch (verdict.layer) {
    case 'boundary':
      return {
        decision: 'ImplicitDeny',
        reason: `Denied: the permissions boundary ${policies.boundary?.source ?? ''} does not allow ${what}${near}`,
      };
    case 'session':
      return {
        decision: 'ImplicitDeny',
        reason: `Denied: no session policy allows ${what}${near}`,
      };
    default:
      return {
        decision: 'ImplicitDeny',
        reason: `Denied: no statement in ${ownerOf(request.principal)} policies allows ${what}${near}`,
      };
  }
}

export function evaluateTrust(trustPolicy: NamedPolicy, request: AccessRequest): Decision {
  const context = contextFor(request);
  const who = describePrincipal(request.principal);
  const deny = statementScan([trustPolicy], 'Deny', request, context, 'trust').hit;
  if (deny) {
    return {
      decision: 'ExplicitDeny',
      statement: deciding(deny),
      reason: `Denied: ${nameOf(deny)} explicitly denies ${request.action} to ${who}`,
    };
  }
  const allow = statementScan([trustPolicy], 'Allow', request, context, 'trust');
  if (!allow.hit) {
    return {
      decision: 'ImplicitDeny',
      reason: `Denied: no statement in the trust policy of ${trustPolicy.source} allows ${who} to perform ${request.action}${nearMissNote(allow)}`,
    };
  }
  return {
    decision: 'Allow',
    statement: deciding(allow.hit),
    reason: `Allowed by ${nameOf(allow.hit)}`,
  };
}
