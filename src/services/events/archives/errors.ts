/** Archive errors, as recorded against AWS in LocalStack's snapshots unless said otherwise. */
import { validationError } from '../errors.js';
import {
  InternalException,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
} from '../generated/errors.js';

export function archiveNotFound(name: string): ResourceNotFoundException {
  return new ResourceNotFoundException(`Archive ${name} does not exist.`);
}

export function archiveExists(name: string): ResourceAlreadyExistsException {
  return new ResourceAlreadyExistsException(`Archive ${name} already exists.`);
}

/** What AWS answers UpdateArchive for an archive that does not exist (a 500, recorded). */
export function updateOfMissingArchive(): InternalException {
  return new InternalException('Service encountered unexpected problem. Please try again.');
}

/** Not recorded: a peer implementation's wording for an ARN that is not a bus of this scope. */
export function notABusArn(): ReturnType<typeof validationError> {
  return validationError(
    'Parameter EventSourceArn is not valid. Reason: Must contain an event bus ARN in this account, partition and Region.',
  );
}

/** Not recorded: the managed rule's name is taken by a rule of the user's. */
export function ruleNameTaken(ruleName: string): ResourceAlreadyExistsException {
  return new ResourceAlreadyExistsException(`Rule ${ruleName} already exists.`);
}

export const FORCED_RULE_REASON = 'Managed rule for the archive was forcefully deleted.';
