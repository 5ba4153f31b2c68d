/**
 * EventBridge Scheduler's messages. Those recorded from AWS (in moto's and LocalStack's
 * AWS-validated snapshots, and in users' reports) are marked; the rest follow the
 * service's own wording style, since no recording of them was found.
 */
import {
  ConflictException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ValidationException,
} from './generated/errors.js';

/** Recorded from AWS. */
export function scheduleNotFound(name: string): ResourceNotFoundException {
  return new ResourceNotFoundException(`Schedule ${name} does not exist.`);
}

/** Recorded from AWS. */
export function groupNotFound(name: string): ResourceNotFoundException {
  return new ResourceNotFoundException(`Schedule group ${name} does not exist.`);
}

export function scheduleExists(name: string): ConflictException {
  return new ConflictException(`Schedule ${name} already exists.`);
}

export function groupExists(name: string): ConflictException {
  return new ConflictException(`Schedule group ${name} already exists.`);
}

/** Recorded from AWS, the expression quoted as sent. */
export function invalidExpression(expression: string): ValidationException {
  return new ValidationException(`Invalid Schedule Expression ${expression}.`);
}

export function invalidTimezone(zone: string): ValidationException {
  return new ValidationException(`Invalid Schedule Expression Timezone ${zone}.`);
}

/** Recorded from AWS. */
export function startDateTooEarly(): ValidationException {
  return new ValidationException('The StartDate you specify cannot be earlier than 5 minutes ago.');
}

export function endDateNotAfterStart(): ValidationException {
  return new ValidationException('The EndDate you specify must be later than the StartDate.');
}

export function endDateInPast(): ValidationException {
  return new ValidationException(
    'The EndDate you specify cannot be earlier than the current time.',
  );
}

/**
 * Scheduler refuses a FLEXIBLE window without its size and an OFF window with one. The OFF
 * wording is as a tool written against AWS quotes it (elastic_whenever's schedule.rb);
 * the FLEXIBLE one follows it, unconfirmed (docs/decisions.md).
 */
export function windowRequired(): ValidationException {
  return new ValidationException(
    'MaximumWindowInMinutes must be provided when FlexibleTimeWindowMode is set to FLEXIBLE.',
  );
}

export function windowNotAllowed(): ValidationException {
  return new ValidationException(
    'MaximumWindowInMinutes must not be provided when FlexibleTimeWindowMode is set to OFF.',
  );
}

/**
 * Recorded from AWS: what CreateSchedule and UpdateSchedule answer when the role does not
 * exist or its trust policy does not let `scheduler.amazonaws.com` assume it (Terraform's
 * provider retries on exactly this text while IAM propagates).
 */
export function roleNotAssumable(): ValidationException {
  return new ValidationException(
    'The execution role you provide must allow AWS EventBridge Scheduler to assume the role.',
  );
}

export function defaultGroupNotDeletable(): ValidationException {
  return new ValidationException('The default schedule group cannot be deleted.');
}

export function duplicateTagKeys(): ValidationException {
  return new ValidationException('Tag keys must be unique.');
}

export function groupQuotaExceeded(): ServiceQuotaExceededException {
  return new ServiceQuotaExceededException(
    'The number of schedule groups in this account and Region exceeds the quota.',
  );
}

export function invalidNextToken(): ValidationException {
  return new ValidationException('Invalid NextToken.');
}
