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

/** A directory that knows no role (tests, and STS without IAM). */
export const noRoles: RoleDirectory = { findRole: () => Promise.resolve(undefined) };

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\u0021-\u007e]*\/)?([\w+=,.@-]+)$/;

export function parseRoleArn(arn: string): { accountId: string; roleName: string } | undefined {
  const match = ROLE_ARN.exec(arn);
  if (!match) return undefined;
  return { accountId: match[1] as string, roleName: match[2] as string };
}
