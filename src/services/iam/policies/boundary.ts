/**
 * Permissions boundaries: a managed policy's ARN, which must name a policy that exists
 * (in the caller's account, or an AWS managed policy).
 */
import type { StoreSession } from '../../../store/types.js';
import { InvalidInputException, NoSuchEntityException } from '../generated/errors.js';
import { parsePolicyArn } from './arn.js';
import { findPolicy } from './model.js';

export async function checkBoundaryArn(
  session: StoreSession,
  accountId: string,
  arn: string,
): Promise<void> {
  if (!parsePolicyArn(arn)) {
    throw new InvalidInputException(`Value (${arn}) for parameter PermissionsBoundary is invalid.`);
  }
  if (!(await findPolicy(session, accountId, arn))) {
    throw new NoSuchEntityException(`Scope ARN: ${arn} does not exist or is not attachable.`);
  }
}
