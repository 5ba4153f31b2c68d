/**
 * Whether a role trusts an AWS service to assume it, as the service finds out when it
 * tries: its trust policy evaluated for the service principal. Targets' role sessions
 * (targets/role-session.ts: a rule's or schedule's role trusting events/scheduler) and the service scheduler's launches (a
 * task's roles trusting ecs-tasks) ask the same question.
 */
import {
  evaluateTrust,
  type ConditionContext,
  type Decision,
  type NamedPolicy,
} from '../../engine/iam-policy/index.js';
import type { Store } from '../../store/types.js';
import type { RoleRecord } from '../iam/records.js';
import { findRole } from '../iam/roles/records.js';
import { parseRoleArn } from '../sts/roles.js';

export interface ServiceTrust {
  role: RoleRecord;
  accountId: string;
  trustPolicy: NamedPolicy;
  decision: Decision;
}

/** The role's trust of `servicePrincipal`; undefined when the role does not exist. */
export async function serviceTrust(
  store: Store,
  roleArn: string,
  servicePrincipal: string,
  trustContext?: ConditionContext,
): Promise<ServiceTrust | undefined> {
  const parsed = parseRoleArn(roleArn);
  const role = parsed && (await findRole(store, parsed.accountId, parsed.roleName));
  if (!parsed || !role) return undefined;
  const trustPolicy = {
    source: `${role.arn} trust policy`,
    document: role.assumeRolePolicyDocument,
  };
  const decision = evaluateTrust(trustPolicy, {
    principal: { kind: 'service', service: servicePrincipal },
    action: 'sts:AssumeRole',
    resource: role.arn,
    ...(trustContext ? { context: trustContext } : {}),
  });
  return { role, accountId: parsed.accountId, trustPolicy, decision };
}
