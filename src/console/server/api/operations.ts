/**
 * The operations the console may call, typed by the generated operation maps (each
 * service's `{ Operation: { input; output } }` from its AWS model): a call names its
 * service and operation, and its input and answer are that operation's own shapes.
 */
import type { ServiceName } from '../../../gateway/generated/index.js';
import type { Ec2Operations } from '../../../services/ec2/generated/types.js';
import type { EcsOperations } from '../../../services/ecs/generated/types.js';
import type { EventsOperations } from '../../../services/events/generated/types.js';
import type { IamOperations } from '../../../services/iam/generated/types.js';
import type { LogsOperations } from '../../../services/logs/generated/types.js';
import type { OperationShapes } from '../../../services/operation.js';
import type { SchedulerOperations } from '../../../services/scheduler/generated/types.js';
import type { SecretsmanagerOperations } from '../../../services/secretsmanager/generated/types.js';
import type { SsmOperations } from '../../../services/ssm/generated/types.js';
import type { StsOperations } from '../../../services/sts/generated/types.js';

/** Every service teiki serves, by the name it registers under, with its operation map. */
export interface AwsOperations {
  ec2: Ec2Operations;
  ecs: EcsOperations;
  events: EventsOperations;
  iam: IamOperations;
  logs: LogsOperations;
  scheduler: SchedulerOperations;
  secretsmanager: SecretsmanagerOperations;
  ssm: SsmOperations;
  sts: StsOperations;
}

/** Compiles only while every service teiki generates has its operation map above. */
type EveryService<T extends Record<ServiceName, OperationShapes>> = T;
export type CheckedOperations = EveryService<AwsOperations>;

export type AwsService = keyof AwsOperations;

export type OperationName<S extends AwsService> = keyof AwsOperations[S] & string;

export type InputOf<
  S extends AwsService,
  Op extends OperationName<S>,
> = AwsOperations[S][Op] extends { input: infer I } ? I : never;

export type OutputOf<
  S extends AwsService,
  Op extends OperationName<S>,
> = AwsOperations[S][Op] extends { output: infer O } ? O : never;

/** The list operations of a service that page with `nextToken`. */
export type NextTokenOperation<S extends AwsService> = {
  [Op in OperationName<S>]: OutputOf<S, Op> extends { nextToken?: string } ? Op : never;
}[OperationName<S>];
