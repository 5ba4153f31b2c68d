/**
 * IAM ARNs and ids. A principal's ARN carries its path: `arn:aws:iam::ACCT:role/PATH/NAME`
 * with PATH the path without its outer slashes (`/` gives `role/NAME`).
 */
import { randomId } from '../ids.js';

export type IamResourceKind = 'role' | 'user' | 'policy' | 'instance-profile';

export function iamArn(
  accountId: string,
  kind: IamResourceKind,
  path: string,
  name: string,
): string {
  return `arn:aws:iam::${accountId}:${kind}${path}${name}`;
}

/** AWS's unique ids: a kind prefix and 17 characters (AROA role, AIDA user, ANPA policy, AIPA instance profile). */
export function iamUniqueId(prefix: 'AROA' | 'AIDA' | 'ANPA' | 'AIPA'): string {
  return prefix + randomId(17);
}
