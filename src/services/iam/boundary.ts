/**
 * Permissions boundaries: a managed policy's ARN, which must name a policy that exists
 * (in the caller's account, or an AWS managed policy).
 */
import type { StoreSession } from '../../store/types.js';
import { InvalidInputException, NoSuchEntityException } from './generated/errors.js';
import { iamScope, POLICIES, type ManagedPolicyRecord } from './records.js';

const POLICY_ARN = /^arn:aws:iam::(\d{12}|aws):policy\/(?:[\u0021-\u007e]*\/)?[\w+=,.@-]+$/;

export async function checkBoundaryArn(
  session: StoreSession,
  accountId: string,
  arn: string,
): Promise<void> {
  const match = POLICY_ARN.exec(arn);
  if (!match) {
    throw new InvalidInputException(`Value (${arn}) for parameter PermissionsBoundary is invalid.`);
  }
  const owner = match[1] as string;
  // AWS managed policies are a catalog of the managed-policy module; any such ARN is taken.
  if (owner === 'aws') return;
  const found =
    owner === accountId &&
    (await session.collection<ManagedPolicyRecord>(POLICIES).list(iamScope(accountId))).some(
      (entry) => entry.value.arn === arn,
    );
  if (!found) {
    throw new NoSuchEntityException(`Scope ARN: ${arn} does not exist or is not attachable.`);
  }
}
