/**
 * How StartLiveTail names a log group: "Specify each log group by its ARN. If you specify
 * an ARN, the ARN can't end with an asterisk (*)." A plain name is accepted too (the
 * identifier pattern allows it); an ARN with `:*` is refused.
 */
import type { Scope } from '../../../store/types.js';
import { InvalidParameterException, ResourceNotFoundException } from '../generated/errors.js';
import { GROUP_NOT_FOUND, parseLogGroupArn } from '../lookup.js';

export function liveTailGroupName(scope: Scope, identifier: string): string {
  if (!identifier.startsWith('arn:')) return identifier;
  const arn = parseLogGroupArn(identifier);
  if (!arn) {
    throw new InvalidParameterException(`Invalid log group identifier: ${identifier}`);
  }
  if (arn.wildcard) {
    throw new InvalidParameterException(
      `Log group identifier ${identifier} must not end with ':*'.`,
    );
  }
  if (arn.accountId !== scope.accountId || arn.region !== scope.region) {
    throw new ResourceNotFoundException(GROUP_NOT_FOUND);
  }
  return arn.logGroupName;
}
