/**
 * The errors IAM gives for managed policies and their attachments, with AWS's texts.
 */
import { ServiceError } from '../../error.js';
import type { RequestContext } from '../../context.js';
import {
  InvalidInputException,
  LimitExceededException,
  NoSuchEntityException,
} from '../generated/errors.js';

export function invalidPolicyArn(arn: string): ServiceError {
  return new InvalidInputException(`ARN ${arn} is not valid.`);
}

export function policyNotFound(arn: string): ServiceError {
  return new NoSuchEntityException(`Policy ${arn} was not found.`);
}

export function policyNotAttachable(arn: string): ServiceError {
  return new NoSuchEntityException(`Policy ${arn} does not exist or is not attachable.`);
}

export function policyVersionNotFound(arn: string, versionId: string): ServiceError {
  return new NoSuchEntityException(
    `Policy ${arn} version ${versionId} does not exist or is not attachable.`,
  );
}

export function quotaExceeded(quota: string, limit: number): ServiceError {
  return new LimitExceededException(`Cannot exceed quota for ${quota}: ${limit}`);
}

/**
 * AWS managed policies belong to the `aws` account: changing one is a cross-account
 * action no resource policy allows.
 */
export function awsManagedPolicyDenied(
  ctx: RequestContext,
  action: string,
  arn: string,
): ServiceError {
  return new ServiceError({
    code: 'AccessDenied',
    status: 403,
    message: `User: ${ctx.caller.arn} is not authorized to perform: iam:${action} on resource: policy ${arn} because no resource-based policy allows the iam:${action} action`,
  });
}
