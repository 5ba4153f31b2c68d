/** What STS needs to know of an IAM role; IAM provides it (the IAM issue), STS never reads IAM's records. */
export interface RoleFacts {
  accountId: string;
  roleName: string;
  roleId: string;
  maxSessionDurationSeconds: number;
}

export interface RoleDirectory {
  findRole(roleArn: string): Promise<RoleFacts | undefined>;
}

/** Until IAM is registered no role exists. */
export const noRoles: RoleDirectory = { findRole: () => Promise.resolve(undefined) };

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\u0021-\u007e]*\/)?([\w+=,.@-]+)$/;

export function parseRoleArn(arn: string): { accountId: string; roleName: string } | undefined {
  const match = ROLE_ARN.exec(arn);
  if (!match) return undefined;
  return { accountId: match[1] as string, roleName: match[2] as string };
}
