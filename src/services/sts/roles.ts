import { evaluateTrust, type Principal } from '../../engine/iam-policy/index.js';
import type { CallerIdentity } from '../context.js';

/** What STS needs to know of an IAM role; IAM provides it (iam/role-directory.ts), STS never reads IAM's records. */
export interface RoleFacts {
  accountId: string;
  roleName: string;
  roleId: string;
  maxSessionDurationSeconds: number;
  /** The role's ARN as IAM has it (with its path). */
  arn?: string;
  /** The role's trust policy document, as written. */
  trustPolicy?: string;
}

export interface RoleDirectory {
  findRole(roleArn: string): Promise<RoleFacts | undefined>;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\u0021-\u007e]*\/)?([\w+=,.@-]+)$/;

export function parseRoleArn(arn: string): { accountId: string; roleName: string } | undefined {
  const match = ROLE_ARN.exec(arn);
  if (!match) return undefined;
  return { accountId: match[1] as string, roleName: match[2] as string };
}

function principalOf(caller: CallerIdentity): Principal {
  return caller.type === 'root'
    ? { kind: 'aws', arn: caller.arn, accountId: caller.accountId }
    : { kind: 'aws', arn: caller.arn, accountId: caller.accountId, userId: caller.userId };
}

/** Whether the role's trust policy lets the caller `sts:AssumeRole` it. */
export function trustAllows(role: RoleFacts, caller: CallerIdentity): boolean {
  if (role.trustPolicy === undefined) return false;
  const decision = evaluateTrust(
    { source: role.arn ?? `role/${role.roleName}`, document: role.trustPolicy },
    {
      principal: principalOf(caller),
      action: 'sts:AssumeRole',
      resource: role.arn ?? `arn:aws:iam::${role.accountId}:role/${role.roleName}`,
    },
  );
  return decision.decision === 'Allow';
}
