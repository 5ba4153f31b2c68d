/**
 * Managed policy ARNs: `arn:aws:iam::<account>:policy<path><name>`, where the account is
 * twelve digits for a customer managed policy and `aws` for an AWS managed one.
 */
import { AWS_MANAGED_ACCOUNT } from './aws-managed/catalog.js';
import { invalidPolicyArn } from './errors.js';

export interface PolicyArnParts {
  accountId: string;
  /** `/` or `/a/b/`. */
  path: string;
  policyName: string;
}

const POLICY_ARN = /^arn:aws:iam::(\d{12}|aws):policy(\/(?:[^/]+\/)*)([\w+=,.@-]+)$/;

export function parsePolicyArn(arn: string): PolicyArnParts | undefined {
  const match = POLICY_ARN.exec(arn);
  if (!match) return undefined;
  const [, accountId, path, policyName] = match;
  if (accountId === undefined || path === undefined || policyName === undefined) return undefined;
  return { accountId, path, policyName };
}

export function isAwsManagedArn(arn: string): boolean {
  return parsePolicyArn(arn)?.accountId === AWS_MANAGED_ACCOUNT;
}

/** The ARN a request names, or AWS's InvalidInput when it is no managed policy ARN. */
export function requirePolicyArn(arn: string): string {
  if (!parsePolicyArn(arn)) throw invalidPolicyArn(arn);
  return arn;
}
