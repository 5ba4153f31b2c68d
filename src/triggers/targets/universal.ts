/**
 * EventBridge Scheduler's universal targets, `arn:aws:scheduler:::aws-sdk:SERVICE:ACTION`:
 * the target's Input is the action's request (the API's member names; PascalCase
 * accepted), made as the schedule's role. The role must trust scheduler.amazonaws.com and
 * allow `PREFIX:Action`. ECS RunTask goes through ECS's own checks (universal-ecs.ts) and
 * starts tasks; an action of another service teiki has is called in-process through the
 * operation tables; a service teiki lacks answers as for a resource that does not exist.
 *
 * The role must trust the service; what the session may do is asked by the in-process
 * call itself, through the called service's authorization table on the callers'
 * authorizer, so the action's real resources and condition keys are checked (a denial is
 * the service's own AccessDenied sentence naming the session).
 */
import type { Scope, Store } from '../../store/types.js';
import { isServiceError } from '../../services/error.js';
import { absentServiceCallError } from './absent-service.js';
import type { RunTaskFunction } from './ecs.js';
import type { OperationCaller } from '../operation-caller.js';
import { callerContext, roleSession } from '../role-session.js';
import { TargetError } from '../target-error.js';
import { invokeUniversalRunTask, UNIVERSAL_RUN_TASK_ARN } from './universal-ecs.js';

const UNIVERSAL_ARN = /^arn:aws[a-z-]*:scheduler:::aws-sdk:([a-z0-9]+):([a-zA-Z0-9]+)$/;

/** SDK service ids of the services teiki implements, and their names in teiki. */
const TEIKI_SERVICES: Readonly<Record<string, string>> = {
  ecs: 'ecs',
  cloudwatchlogs: 'logs',
  eventbridge: 'events',
  scheduler: 'scheduler',
  ssm: 'ssm',
  secretsmanager: 'secretsmanager',
  iam: 'iam',
  sts: 'sts',
  ec2: 'ec2',
};

export function isUniversalArn(arn: string): boolean {
  return UNIVERSAL_ARN.test(arn);
}

function parseInput(input: string): unknown {
  try {
    return JSON.parse(input);
  } catch {
    throw new TargetError('ValidationException', 'The universal target input is not valid JSON.');
  }
}

export async function invokeUniversalTarget(
  deps: { store: Store; runTask: RunTaskFunction; operations: OperationCaller },
  call: {
    scope: Scope;
    arn: string;
    roleArn: string | undefined;
    input: string;
    startedBy: string;
    servicePrincipal: string;
  },
): Promise<string[]> {
  if (call.arn === UNIVERSAL_RUN_TASK_ARN) return invokeUniversalRunTask(deps, call);
  const match = UNIVERSAL_ARN.exec(call.arn);
  if (!match)
    throw new TargetError('ValidationException', `${call.arn} is not a universal target.`);
  const sdkService = match[1] as string;
  const action = match[2] as string;
  const operation = action.charAt(0).toUpperCase() + action.slice(1);
  const service = TEIKI_SERVICES[sdkService];
  if (!call.roleArn) {
    throw new TargetError(
      'AccessDeniedException',
      'The target has no RoleArn to call the API with.',
    );
  }
  const session = await roleSession(deps.store, call.roleArn, call.servicePrincipal);
  if (!session) {
    throw new TargetError('AccessDeniedException', `role ${call.roleArn} does not exist`);
  }
  if (session.trust.decision !== 'Allow') {
    throw new TargetError(
      'AccessDeniedException',
      `role ${session.role.roleName} does not trust ${call.servicePrincipal}: ${session.trust.reason}`,
    );
  }
  const document = parseInput(call.input);
  if (!service) throw absentServiceCallError(sdkService, document);
  try {
    await deps.operations.call({
      service,
      operation,
      document,
      ctx: callerContext(call.scope, call.roleArn, call.servicePrincipal),
    });
  } catch (error) {
    if (isServiceError(error)) {
      throw new TargetError(
        error.code,
        error.message,
        error.status >= 500 || error.code === 'ThrottlingException',
      );
    }
    throw error;
  }
  return [];
}
