/**
 * The error code each service answers a model-constraint violation with. Sources:
 * - events, scheduler: `ValidationException` (Scheduler models it; EventBridge answers it
 *   unmodelled, e.g. for a rule name outside `[\.\-_A-Za-z0-9]+`);
 * - logs: `InvalidParameterException` (moto's tests of CreateLogGroup/DeleteMetricFilter
 *   against AWS; LocalStack and other emulators agree);
 * - iam, sts: `ValidationError` (query protocol; emulators recording AWS's replies to
 *   CreateRole/TagUser/AssumeRole);
 * - ecs: `ClientException`, ECS's generic client error. Not confirmed against a recorded
 *   AWS reply: ECS models few constraints and none of the sources found shows one failing.
 *   An enum value is ECS's own InvalidParameterException instead (coral-style.ts);
 * - ssm, secretsmanager: `ValidationException` (moto and LocalStack record AWS's replies,
 *   e.g. GetParameters with 11 names, GetRandomPassword's length);
 * - ec2: `InvalidParameterValue` (EC2 does not use Coral's wording at all; a missing
 *   parameter there is `MissingParameter`: see failure.ts).
 */
const CODES: Record<string, string> = {
  ecs: 'ClientException',
  events: 'ValidationException',
  scheduler: 'ValidationException',
  logs: 'InvalidParameterException',
  iam: 'ValidationError',
  sts: 'ValidationError',
  ec2: 'InvalidParameterValue',
  ssm: 'ValidationException',
  secretsmanager: 'ValidationException',
};

/** The error code for a failed input validation of `service` (a model folder name). */
export function validationErrorCode(service: string): string {
  return CODES[service] ?? 'ValidationException';
}
