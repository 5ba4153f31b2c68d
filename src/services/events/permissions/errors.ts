/**
 * PutPermission and RemovePermission errors, in moto's record of AWS's wording (not
 * confirmed against AWS here).
 */
import { ServiceError } from '../../error.js';
import { validationError } from '../errors.js';
import { PolicyLengthExceededException, ResourceNotFoundException } from '../generated/errors.js';

export const principalRequired = () => validationError('Parameter Principal must be specified.');

export const actionNotSupported = () =>
  validationError("Provided value in parameter 'action' is not supported.");

export const statementIdRequired = () =>
  validationError('Parameter StatementId must be specified.');

export const invalidJson = () => validationError('This policy contains invalid Json');

/** moto's code and wording for a Condition with a principal other than `*`. */
export function conditionNeedsEveryone(): ServiceError {
  return new ServiceError({
    code: 'InvalidParameterValue',
    message:
      "Value of the parameter 'principal' must be '*' when the parameter 'condition' is set.",
  });
}

export const policyCombined = () =>
  validationError(
    'Action, Principal, StatementId and Condition could not be combined with Policy parameter.',
  );

export const conditionNotSupported = (member: 'type' | 'key') =>
  validationError(`Provided value in parameter 'condition.${member}' is not supported.`);

export const noPolicy = () => new ResourceNotFoundException('EventBus does not have a policy.');

export const noStatement = () =>
  new ResourceNotFoundException('Statement with the provided id does not exist.');

export const tooLong = () =>
  new PolicyLengthExceededException('Policy size would be larger than the maximum allowed.');
