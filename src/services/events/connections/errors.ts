/**
 * Connection errors. "Failed to describe the connection(s). Connection 'NAME' does not
 * exist." is recorded against AWS (LocalStack's snapshots) and used for every operation
 * on a missing connection, as there; the other wordings are not recorded anywhere and
 * follow AWS's forms.
 */
import { validationError } from '../errors.js';
import { ResourceAlreadyExistsException, ResourceNotFoundException } from '../generated/errors.js';

export function connectionNotFound(name: string): ResourceNotFoundException {
  return new ResourceNotFoundException(
    `Failed to describe the connection(s). Connection '${name}' does not exist.`,
  );
}

export function connectionExists(name: string): ResourceAlreadyExistsException {
  return new ResourceAlreadyExistsException(`Connection '${name}' already exists.`);
}

/** An OAuth authorization endpoint must be HTTPS (HTTP with `--allow-http-destinations`). */
export function invalidEndpoint(member: string, endpoint: string) {
  return validationError(
    `Parameter ${member} is not valid. Reason: Endpoint '${endpoint}' is invalid, please provide a valid HTTPS endpoint URL.`,
  );
}

/** teiki has no VPC Lattice, so no resource configuration a connection names exists. */
export function noResourceConfiguration(arn: string): ResourceNotFoundException {
  return new ResourceNotFoundException(`Resource configuration ${arn} does not exist.`);
}
