/**
 * EventBridge's errors and messages. `ValidationException` is not in the Events model (AWS
 * answers it unmodelled), so it is built here; the rest are the generated classes.
 */
import { ServiceError } from '../error.js';
import {
  LimitExceededException,
  ManagedRuleException,
  ResourceNotFoundException,
} from './generated/errors.js';

export function validationError(message: string): ServiceError {
  return new ServiceError({ code: 'ValidationException', message, status: 400 });
}

export function busNotFound(busName: string): ResourceNotFoundException {
  return new ResourceNotFoundException(`Event bus ${busName} does not exist.`);
}

export function ruleNotFound(ruleName: string, busName: string): ResourceNotFoundException {
  return new ResourceNotFoundException(`Rule ${ruleName} does not exist on EventBus ${busName}.`);
}

/** AWS's one message for every per-account and per-resource quota (targets, rules, buses, tags). */
export function limitExceeded(): LimitExceededException {
  return new LimitExceededException('The requested resource exceeds the maximum number allowed.');
}

/**
 * A rule an AWS service created for the account. AWS's wording is not recorded in any
 * source found; this one names the rule, its owner and the way out (`Force`).
 */
export function managedRule(
  ruleName: string,
  managedBy: string,
  forceAllowed: boolean,
): ManagedRuleException {
  const how = forceAllowed ? ' unless Force is true' : '';
  return new ManagedRuleException(
    `Rule ${ruleName} is managed by ${managedBy} and cannot be modified${how}.`,
  );
}

/** `Parameter X is not valid. Reason: Provided Arn is not in correct format.` */
export function invalidArn(arn: string): ServiceError {
  return validationError(
    `Parameter ${arn} is not valid. Reason: Provided Arn is not in correct format.`,
  );
}
