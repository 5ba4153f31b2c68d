/**
 * API destination errors, in AWS's "Failed to ACTION the api-destination(s). …" form.
 * The describe wording for a missing destination is recorded against AWS (LocalStack's
 * snapshots); the others follow a peer implementation's record of AWS and are not
 * confirmed here.
 */
import { validationError } from '../errors.js';
import {
  LimitExceededException,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
} from '../generated/errors.js';
import { MAX_RATE_PER_SECOND } from './records.js';

export type Action = 'create' | 'describe' | 'update' | 'delete' | 'list';

export function apiDestinationNotFound(action: Action, name: string): ResourceNotFoundException {
  return new ResourceNotFoundException(
    `Failed to ${action} the api-destination(s). An api-destination '${name}' does not exist.`,
  );
}

export function apiDestinationExists(name: string): ResourceAlreadyExistsException {
  return new ResourceAlreadyExistsException(
    `Failed to create the api-destination(s). An api-destination with name '${name}' already exists.`,
  );
}

export function connectionMissing(action: Action, arn: string): ResourceNotFoundException {
  return new ResourceNotFoundException(
    `Failed to ${action} the api-destination(s). Connection '${arn}' does not exist.`,
  );
}

export function invalidInvocationEndpoint(action: Action, endpoint: string) {
  return validationError(
    `Failed to ${action} the api-destination(s). Parameter InvocationEndpoint is not valid. Reason: Endpoint '${endpoint}' is invalid, please provide a valid HTTPS endpoint URL.`,
  );
}

export function rateTooHigh(action: Action, rate: number, name: string): LimitExceededException {
  return new LimitExceededException(
    `Failed to ${action} the api-destination(s). Invalid Invocation Rate Limit: Rate specified '${rate}' for '${name}' exceeds maximum allowed of '${MAX_RATE_PER_SECOND}'.`,
  );
}

export function oneListFilter() {
  return validationError(
    'Failed to list the api-destination(s). Request failed because only one filter is supported per request, either ConnectionArn or NamePrefix.',
  );
}
