/**
 * A failed input validation as the service's own error. Coral services (JSON, query,
 * rest-json) answer one error listing every violation; EC2 never speaks Coral: a missing
 * parameter is `MissingParameter` naming it as it appears on the wire, and other
 * violations are `InvalidParameterValue`.
 */
import { ServiceError } from '../../services/error.js';
import type { ServiceSchema, StructureShape } from '../schema/types.js';
import { validationErrorCode } from './codes.js';
import { serviceOwnError } from './coral-style.js';
import { findViolations, validationMessage } from './validate.js';

export function validationFailure(
  schema: ServiceSchema,
  shapeName: string,
  input: Record<string, unknown>,
): ServiceError | undefined {
  if (schema.protocol === 'ec2') {
    const missing = firstMissingEc2Parameter(schema, shapeName, input);
    if (missing)
      return new ServiceError({
        code: 'MissingParameter',
        message: `The request must contain the parameter ${missing}`,
      });
  }
  const violations = findViolations(schema, shapeName, input);
  if (violations.length === 0) return undefined;
  const own = serviceOwnError(schema.name, violations);
  if (own) return new ServiceError(own);
  return new ServiceError({
    code: validationErrorCode(schema.name),
    message: validationMessage(violations.map((v) => v.text)),
  });
}

/** The wire name (`queryName`, else the capitalized `locationName` or member name) of the first missing required member. */
function firstMissingEc2Parameter(
  schema: ServiceSchema,
  shapeName: string,
  input: Record<string, unknown>,
): string | undefined {
  const shape = schema.shapes[shapeName] as StructureShape | undefined;
  for (const name of shape?.required ?? []) {
    if (input[name] !== undefined && input[name] !== null) continue;
    const ref = shape?.members[name];
    const wire = ref?.queryName ?? ref?.locationName ?? name;
    return wire.charAt(0).toUpperCase() + wire.slice(1);
  }
  return undefined;
}
