import type { NamedPolicy, Principal } from '../../../src/engine/iam-policy/index.js';

export const ACCOUNT = '123456789012';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/EcsEventsRole`;
export const TASK_DEFINITION = `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition`;

export const rolePrincipal: Principal = { kind: 'aws', arn: ROLE_ARN, accountId: ACCOUNT };
export const userPrincipal: Principal = {
  kind: 'aws',
  arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
  accountId: ACCOUNT,
  userId: 'AIDAEXAMPLE',
};

export function policy(
  source: string,
  statements: unknown,
  /** null: no Version element (the policy then reads as 2008-10-17). */
  version: string | null = '2012-10-17',
): NamedPolicy {
  const body =
    version === null ? { Statement: statements } : { Version: version, Statement: statements };
  return { source, document: JSON.stringify(body) };
}
