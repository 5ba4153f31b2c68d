/** The protocol-level errors AWS raises before an operation runs. */
import { ServiceError } from '../../services/error.js';

/**
 * awsJson / restJson: the body cannot be read as the input shape. AWS sends no message
 * for some cases (malformed JSON); an empty message is left off the wire.
 */
export function serializationException(message = ''): ServiceError {
  return new ServiceError({ code: 'SerializationException', message, status: 400 });
}

/** awsQuery / ec2Query: a parameter whose text is not of its member's type. */
export function invalidQueryParameter(name: string, value: string, expected: string): ServiceError {
  return new ServiceError({
    code: 'InvalidParameterValue',
    message: `Value (${value}) for parameter ${name} is invalid. Expected: '${expected}'.`,
    status: 400,
  });
}

/** awsQuery / ec2Query: list or map entries numbered other than 1, 2, 3, … */
export function invalidQueryIndex(
  prefix: string,
  indexes: readonly number[],
  count = indexes.length,
): ServiceError {
  const more = count > indexes.length ? `, … (${count} in all)` : '';
  return new ServiceError({
    code: 'InvalidParameterValue',
    message: `The entries of ${prefix} must be numbered from 1 without gaps; got ${indexes.join(', ')}${more}.`,
    status: 400,
  });
}

/** A form request past teiki's parameter ceiling: refused as the body-size limit is. */
export function tooManyFormParameters(limit: number): ServiceError {
  return new ServiceError({
    code: 'RequestEntityTooLargeException',
    message: `The request has more than ${limit} parameters; teiki reads at most ${limit} in one request.`,
    status: 413,
  });
}
