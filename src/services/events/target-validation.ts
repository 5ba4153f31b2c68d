/**
 * What PutTargets checks in a target beyond the model. AWS refuses a bad target with a
 * ValidationException for the whole request (its FailedEntries report throttled or
 * concurrent writes, which teiki's transactions never produce). Recorded AWS wordings:
 * "Parameter ARN is not valid. Reason: Provided Arn is not in correct format.",
 * "Input for target ID is not a valid JSON text.", "Parameter RunCommandParameters is not
 * valid for target ID." and "Parameter(s) SqsParameters must be specified for target: ID.";
 * the other messages follow their forms.
 */
import { invalidArn, validationError } from './errors.js';
import type { InputTransformer, Target } from './generated/types.js';

const ARN = /^arn:aws[a-z-]*:([a-z0-9-]+):([a-z0-9-]*):(\d{12})?:(.+)$/;

export interface ParsedArn {
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const match = ARN.exec(arn);
  if (!match) return undefined;
  const [, service, region, accountId, resource] = match as unknown as [
    string,
    string,
    string,
    string | undefined,
    string,
  ];
  return { service, region, accountId: accountId ?? '', resource };
}

/** Which services a target-type parameter belongs to. */
const PARAMETER_SERVICES: ReadonlyArray<[keyof Target, readonly string[]]> = [
  ['EcsParameters', ['ecs']],
  ['KinesisParameters', ['kinesis']],
  ['RunCommandParameters', ['ssm', 'ec2']],
  ['SqsParameters', ['sqs']],
  ['BatchParameters', ['batch']],
  ['RedshiftDataParameters', ['redshift', 'redshift-serverless']],
  ['SageMakerPipelineParameters', ['sagemaker']],
  ['AppSyncParameters', ['appsync']],
  ['HttpParameters', ['execute-api', 'events']],
];

export const MAX_TASK_COUNT = 10;

/** `$`, then `.name`, `['name']` or `[n]` steps: the JSONPath EventBridge reads from events. */
const JSON_PATH = /^\$(?:\.[^.[\]\s]+|\['[^']*'\]|\[\d+\])*$/;

/** Variables every input template may use without declaring them. */
const PREDEFINED = new Set([
  'aws.events.rule-arn',
  'aws.events.rule-name',
  'aws.events.event',
  'aws.events.event.json',
  'aws.events.event.ingestion-time',
]);

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function checkTransformer(id: string, transformer: InputTransformer): void {
  const paths = transformer.InputPathsMap ?? {};
  for (const path of Object.values(paths)) {
    if (!JSON_PATH.test(path)) {
      throw validationError(`Parameter InputPathsMap is not valid for target ${id}.`);
    }
  }
  const template = transformer.InputTemplate;
  for (const match of template.matchAll(/<([^<>\s]+)>/g)) {
    const name = match[1] ?? '';
    if (!(name in paths) && !PREDEFINED.has(name)) {
      throw validationError(`InputTemplate for target ${id} contains invalid placeholder ${name}.`);
    }
  }
  // A template that reads as JSON must stay JSON once its placeholders are filled in.
  const trimmed = template.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    if (!isJson(template.replace(/<([^<>\s]+)>/g, '1'))) {
      throw validationError(`Input for target ${id} is not a valid JSON text.`);
    }
  }
}

function checkInput(target: Target): void {
  const given = [target.Input, target.InputPath, target.InputTransformer].filter(
    (value) => value !== undefined,
  );
  if (given.length > 1) {
    throw validationError(
      `Only one of Input, InputPath, or InputTransformer must be provided for target ${target.Id}.`,
    );
  }
  if (target.Input !== undefined && !isJson(target.Input)) {
    throw validationError(`Input for target ${target.Id} is not a valid JSON text.`);
  }
  if (target.InputPath !== undefined && !JSON_PATH.test(target.InputPath)) {
    throw validationError(`Parameter InputPath is not valid for target ${target.Id}.`);
  }
  if (target.InputTransformer !== undefined) checkTransformer(target.Id, target.InputTransformer);
}

function checkEcs(target: Target, arn: ParsedArn): void {
  const ecs = target.EcsParameters;
  if (!arn.resource.startsWith('cluster/')) return;
  if (!ecs) {
    throw validationError(`Parameter(s) EcsParameters must be specified for target: ${target.Id}.`);
  }
  if (target.RoleArn === undefined) {
    throw validationError(`Parameter(s) RoleArn must be specified for target: ${target.Id}.`);
  }
  if (ecs.TaskCount !== undefined && ecs.TaskCount > MAX_TASK_COUNT) {
    throw validationError(`Parameter TaskCount is not valid for target ${target.Id}.`);
  }
  if (ecs.LaunchType !== undefined && (ecs.CapacityProviderStrategy?.length ?? 0) > 0) {
    throw validationError(
      `Parameter(s) LaunchType and CapacityProviderStrategy cannot both be specified for target: ${target.Id}.`,
    );
  }
}

export function checkTarget(target: Target): void {
  const arn = parseArn(target.Arn);
  if (!arn) throw invalidArn(target.Arn);
  if (target.RoleArn !== undefined && parseArn(target.RoleArn)?.service !== 'iam') {
    throw invalidArn(target.RoleArn);
  }
  const dlq = target.DeadLetterConfig?.Arn;
  if (dlq !== undefined && !parseArn(dlq)) throw invalidArn(dlq);
  for (const [parameter, services] of PARAMETER_SERVICES) {
    if (target[parameter] !== undefined && !services.includes(arn.service)) {
      throw validationError(`Parameter ${parameter} is not valid for target ${target.Id}.`);
    }
  }
  if (arn.service === 'sqs' && arn.resource.endsWith('.fifo') && !target.SqsParameters) {
    throw validationError(`Parameter(s) SqsParameters must be specified for target: ${target.Id}.`);
  }
  checkInput(target);
  if (arn.service === 'ecs') checkEcs(target, arn);
}

/** The target as stored: AWS's defaults filled in (an ECS target runs one task). */
export function storedTarget(target: Target): Target {
  const copy = structuredClone(target);
  if (copy.EcsParameters && copy.EcsParameters.TaskCount === undefined) {
    copy.EcsParameters.TaskCount = 1;
  }
  return copy;
}
