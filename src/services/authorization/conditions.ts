/**
 * The request context a permission is evaluated with: the global keys AWS sets on every
 * request (time, region, source address, transport, the principal's tags and session
 * facts), then the keys of the permission itself, kept only where the Service
 * Authorization Reference lists them for the action, as AWS does.
 */
import type { ConditionContext } from '../../engine/iam-policy/index.js';
import type { CallerPolicies } from '../iam/caller-policies.js';
import type { RequestContext } from '../context.js';
import type { Permission } from './permission.js';
import { acceptedKeys, accepts } from './reference.js';

export interface RequestFacts {
  /** The teiki clock's now. */
  nowMs: number;
  /** The client's address as the socket saw it (no forwarding headers are believed). */
  sourceIp?: string;
}

/**
 * The context, without waiting unless a resource's tags must be read (a policy tests them
 * and the action accepts them): a promise costs more than building the context.
 */
export function conditionContext(
  permission: Permission,
  ctx: RequestContext,
  caller: CallerPolicies,
  facts: RequestFacts,
): ConditionContext | Promise<ConditionContext> {
  const context = requestContext(permission, ctx, caller, facts);
  const resourceTags = permission.resourceTags;
  const prefixes = resourceTagPrefixes(permission, caller);
  if (!resourceTags || prefixes.length === 0) return context;
  return resourceTags().then((tags) => {
    for (const [key, value] of Object.entries(tags ?? {})) {
      for (const prefix of prefixes) context[`${prefix}:ResourceTag/${key}`] = value;
    }
    return context;
  });
}

/**
 * Every key but the resource's tags: the whole context when resourceTagPrefixes finds
 * none to read.
 */
export function requestContext(
  permission: Permission,
  ctx: RequestContext,
  caller: CallerPolicies,
  facts: RequestFacts,
): ConditionContext {
  const context: ConditionContext = {
    'aws:CurrentTime': new Date(facts.nowMs),
    'aws:EpochTime': Math.floor(facts.nowMs / 1000),
    // teiki answers plain HTTP; a policy that demands TLS is not satisfied.
    'aws:SecureTransport': false,
    'aws:RequestedRegion': ctx.region,
    'aws:PrincipalIsAWSService': false,
    'aws:ViaAWSService': false,
  };
  if (facts.sourceIp !== undefined) context['aws:SourceIp'] = facts.sourceIp;
  for (const [key, value] of Object.entries(caller.principalTags)) {
    context[`aws:PrincipalTag/${key}`] = value;
  }
  const session = ctx.caller.session;
  if (session) {
    // Temporary credentials carry these; long-term keys do not (teiki has no MFA).
    context['aws:TokenIssueTime'] = session.issuedAt;
    context['aws:MultiFactorAuthPresent'] = false;
  }

  const keys = acceptedKeys(permission.action);
  for (const [key, value] of Object.entries(permission.context ?? {})) {
    if (accepts(keys, key)) context[key] = value;
  }
  const requestTags = permission.requestTags;
  if (requestTags && accepts(keys, 'aws:RequestTag/x')) {
    for (const [key, value] of Object.entries(requestTags))
      context[`aws:RequestTag/${key}`] = value;
  }
  if (requestTags && accepts(keys, 'aws:TagKeys'))
    context['aws:TagKeys'] = Object.keys(requestTags);
  return context;
}

/**
 * The prefixes (`aws`, the service's) of the `…:ResourceTag/…` keys the permission's
 * context gets: none unless the resource has tags to read, a policy tests them and the
 * action accepts them. Only then does conditionContext answer a promise.
 */
export function resourceTagPrefixes(permission: Permission, caller: CallerPolicies): string[] {
  if (!permission.resourceTags || !caller.readsResourceTags) return [];
  const keys = acceptedKeys(permission.action);
  const service = permission.action.slice(0, permission.action.indexOf(':'));
  return ['aws', service].filter((prefix) => accepts(keys, `${prefix}:ResourceTag/x`));
}
