/**
 * How each service answers when teiki's own storage fails (StorageFaultError): with the
 * server-side error its model declares, which its SDK turns into a typed exception and
 * retries — ECS `ServerException`, CloudWatch Logs `ServiceUnavailableException`,
 * EventBridge `InternalException`, Scheduler `InternalServerException`, IAM
 * `ServiceFailure`, SSM `InternalServerError`, Secrets Manager `InternalServiceError` (all
 * 500). STS and EC2 declare none; they answer AWS's common
 * `ServiceUnavailable` (503, "The request has failed due to a temporary failure of the
 * server."), which the query protocols render as a receiver fault. A service teiki
 * registers later without a table entry gets its protocol's common one: `InternalFailure`
 * (500) for the JSON protocols, `ServiceUnavailable` (503) for the query ones.
 */
import { ServiceError } from '../services/error.js';
import { ServerException } from '../services/ecs/generated/errors.js';
import { InternalException } from '../services/events/generated/errors.js';
import { ServiceFailureException } from '../services/iam/generated/errors.js';
import { ServiceUnavailableException } from '../services/logs/generated/errors.js';
import { InternalServerException } from '../services/scheduler/generated/errors.js';
import { InternalServiceError } from '../services/secretsmanager/generated/errors.js';
import { InternalServerError } from '../services/ssm/generated/errors.js';
import type { ServiceSchema } from './schema/types.js';

const MODELED: Record<string, (message: string) => ServiceError> = {
  ecs: (message) => new ServerException(message),
  logs: (message) => new ServiceUnavailableException(message),
  events: (message) => new InternalException(message),
  scheduler: (message) => new InternalServerException(message),
  iam: (message) => new ServiceFailureException(message),
  ssm: (message) => new InternalServerError(message),
  secretsmanager: (message) => new InternalServiceError(message),
};

export function storageFaultError(schema: ServiceSchema, message: string): ServiceError {
  const modeled = MODELED[schema.name];
  if (modeled) return modeled(message);
  if (schema.protocol === 'query' || schema.protocol === 'ec2')
    return new ServiceError({
      code: 'ServiceUnavailable',
      message,
      status: 503,
      fault: 'receiver',
    });
  return new ServiceError({ code: 'InternalFailure', message, status: 500, fault: 'receiver' });
}
