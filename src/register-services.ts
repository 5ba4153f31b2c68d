/**
 * Every AWS service teiki serves, registered with the gateway: each service's generated
 * schema and the operations it implements. A service not yet implemented is still
 * registered, so its requests are recognised and get a clear "not implemented" answer.
 * Part of the composition root (beside teiki.ts): the services are built and wired to one
 * another here, so none of them imports the gateway's registry or its generated schemas.
 */
import type { TeikiOptions } from './config.js';
import type { Clock } from './engine/clock/types.js';
import type { Membership } from './engine/cluster/types.js';
import { runnerGone } from './engine/cluster/gone.js';
import type { Logger } from './engine/log.js';
import { ec2Schema } from './gateway/generated/ec2.js';
import { ecsSchema } from './gateway/generated/ecs.js';
import { eventsSchema } from './gateway/generated/events.js';
import { iamSchema } from './gateway/generated/iam.js';
import { logsSchema } from './gateway/generated/logs.js';
import { schedulerSchema } from './gateway/generated/scheduler.js';
import { secretsmanagerSchema } from './gateway/generated/secretsmanager.js';
import { ssmSchema } from './gateway/generated/ssm.js';
import { stsSchema } from './gateway/generated/sts.js';
import type { CredentialSource } from './services/credentials.js';
import type { ServiceRegistry } from './gateway/registry.js';
import { taskAddressOf } from './runtimes/index.js';
import type { Runtime } from './runtimes/types.js';
import type { Store } from './store/types.js';
import { ec2Authorization } from './services/ec2/authorization.js';
import { createNetworkFacade } from './services/ec2/network.js';
import { createEc2Operations } from './services/ec2/operations.js';
import {
  createCallerAuthorizer,
  type CallerAuthorizer,
} from './services/authorization/authorizer.js';
import type { AnyAuthorize } from './services/authorization/permission.js';
import { createAwslogsDriver } from './services/ecs/awslogs/driver.js';
import { ecsAuthorization } from './services/ecs/authorization.js';
import { createEcsOperations } from './services/ecs/operations.js';
import { createEcsServices, type EcsServices } from './services/ecs/services/index.js';
import { createEcsTasks, TaskStateChanges, type EcsTasks } from './services/ecs/tasks/index.js';
import { createTaskInside, type TaskInside } from './services/ecs/task-inside/index.js';
import { eventsAuthorization } from './services/events/authorization.js';
import { ConnectionAuthorizer } from './services/events/connections/authorizer.js';
import { createEventsOperations } from './services/events/operations.js';
import { ReplayRunner } from './services/events/replays/runner.js';
import { iamCredentialSource } from './services/iam/access-keys/records.js';
import { iamAuthorization } from './services/iam/authorization.js';
import { createIamOperations } from './services/iam/operations.js';
import { iamRoleDirectory } from './services/iam/role-directory.js';
import type { OperationCaller } from './triggers/operation-caller.js';
import { createTriggers, type Triggers } from './triggers/index.js';
import { schedulerAuthorization } from './services/scheduler/authorization.js';
import { createSchedulerOperations } from './services/scheduler/operations.js';
import { logsAuthorization } from './services/logs/authorization.js';
import { createLogsOperations } from './services/logs/operations.js';
import { secretsmanagerAuthorization } from './services/secretsmanager/authorization.js';
import { createSecretsManagerOperations } from './services/secretsmanager/operations.js';
import { createSecretReader, type SecretReader } from './services/secretsmanager/read.js';
import { ssmAuthorization } from './services/ssm/authorization.js';
import { createSsmOperations } from './services/ssm/operations.js';
import { createParameterReader, type ParameterReader } from './services/ssm/read.js';
import { CredentialIssuer } from './services/sts/credentials.js';
import { stsAuthorization } from './services/sts/authorization.js';
import { createStsOperations } from './services/sts/operations.js';

export interface ServiceDeps {
  store: Store;
  clock: Clock;
  options: TeikiOptions;
  runtime: Runtime;
  logger: Logger;
  /** The port tasks call teiki back on (teiki's, or the docker runtime's task listener's). */
  taskPort: () => number;
  /** This node of the cluster (the one node, on a store nobody else shares). */
  membership: Membership;
  /**
   * teiki's own operations called in-process by a caller the authorizer checks (Scheduler's
   * universal targets); the gateway makes it, since it owns the models and the codecs.
   */
  operationCaller: (authorizer: CallerAuthorizer) => OperationCaller;
}

export interface RegisteredServices {
  /** Where the gateway looks up access keys the services issued. */
  credentialSources: CredentialSource[];
  /** The tasks this process runs: recovery at start, stopping at reset and shutdown. */
  ecsTasks: EcsTasks;
  /** ECS services and the scheduler that keeps their tasks running. */
  ecsServices: EcsServices;
  /** Every ECS task state change, as EventBridge would receive it. */
  taskStateChanges: TaskStateChanges;
  /** Rules on the scheduler, events on buses, target invocations. */
  triggers: Triggers;
  /** Parameter Store reads in-process (a task's `secrets`), after the caller's IAM check. */
  parameters: ParameterReader;
  /** Secrets Manager reads in-process (a task's `secrets`), after the caller's IAM check. */
  secrets: SecretReader;
  /** Callers' IAM policies, evaluated before each operation under `--auth enforce`. */
  authorizer: CallerAuthorizer;
  /** What a running task asks for from inside (metadata, credentials). */
  taskEndpoints: TaskInside['endpoints'];
  /** EventBridge replays in progress: resumed at start, stopped at shutdown and reset. */
  replays: ReplayRunner;
}

export function registerServices(registry: ServiceRegistry, deps: ServiceDeps): RegisteredServices {
  const issuer = new CredentialIssuer(deps.store, deps.clock);
  const roles = iamRoleDirectory(deps.store);
  const authorizer = createCallerAuthorizer({ store: deps.store, clock: deps.clock });
  // Both read and write only their own collections; the store and clock are all they need.
  const ssmDeps = { store: deps.store, clock: deps.clock };
  const parameters = createParameterReader(ssmDeps);
  const secrets = createSecretReader(ssmDeps);
  const network = createNetworkFacade({ store: deps.store, clock: deps.clock });
  const inside = createTaskInside({
    store: deps.store,
    clock: deps.clock,
    issuer,
    network,
    secretSources: {
      authorizer,
      parameters,
      secrets,
      // The tables the gateway authorises callers with, keyed as it keys them.
      tables: {
        ssm: ssmAuthorization(deps.store) as Readonly<Record<string, AnyAuthorize>>,
        secretsmanager: secretsmanagerAuthorization(deps.store) as Readonly<
          Record<string, AnyAuthorize>
        >,
      },
    },
    hostAddress: () => taskAddressOf(deps.options, deps.runtime),
    port: deps.taskPort,
    awsEndpoint: deps.options.taskAwsEndpoint,
  });
  registry.register(
    stsSchema,
    createStsOperations({
      issuer,
      roles,
      clock: deps.clock,
      allowUnknownRoles: deps.options.auth === 'open',
      checkTrust: deps.options.auth === 'enforce',
    }),
    stsAuthorization(deps.store, roles),
  );
  registry.register(
    iamSchema,
    createIamOperations({ store: deps.store, clock: deps.clock }),
    iamAuthorization(deps.store),
  );
  registry.register(
    ec2Schema,
    createEc2Operations({ store: deps.store, clock: deps.clock }),
    ec2Authorization(deps.store),
  );
  const taskStateChanges = new TaskStateChanges();
  const taskDeps = {
    store: deps.store,
    clock: deps.clock,
    runtime: deps.runtime,
    awslogs: createAwslogsDriver({ store: deps.store, clock: deps.clock, logger: deps.logger }),
    network,
    changes: taskStateChanges,
    logger: deps.logger.child({ component: 'ecs-tasks' }),
    runnerId: deps.membership.runnerId,
    membership: deps.membership,
    inside,
  };
  const ecsTasks = createEcsTasks(taskDeps);
  const ecsServices = createEcsServices({
    ...taskDeps,
    logger: deps.logger.child({ component: 'ecs-services' }),
    supervisor: ecsTasks.supervisor,
    enforceRoles: deps.options.auth === 'enforce',
  });
  registry.register(
    ecsSchema,
    {
      ...createEcsOperations({ store: deps.store, clock: deps.clock }),
      ...ecsTasks.operations,
      ...ecsServices.operations,
    },
    ecsAuthorization(deps.store),
  );
  const connectionAuthorizer = new ConnectionAuthorizer({
    store: deps.store,
    clock: deps.clock,
    allowHttp: deps.options.allowHttpDestinations,
    logger: deps.logger.child({ component: 'connections' }),
  });
  const runTask = ecsTasks.operations.RunTask;
  if (!runTask) throw new Error('ECS RunTask is not registered');
  const triggers = createTriggers({
    store: deps.store,
    clock: deps.clock,
    logger: deps.logger.child({ component: 'triggers' }),
    runTask,
    taskStateChanges,
    serviceStateChanges: ecsServices.changes,
    defaults: { accountId: deps.options.accountId, region: deps.options.region },
    membership: deps.membership,
    connections: connectionAuthorizer,
    allowHttpDestinations: deps.options.allowHttpDestinations,
    operations: deps.operationCaller(authorizer),
    authorizer,
  });
  const replays = new ReplayRunner({
    store: deps.store,
    clock: deps.clock,
    deliver: (scope, bus, events, options) => triggers.deliver(scope, bus, events, options),
    logger: deps.logger.child({ component: 'replays' }),
    runnerId: deps.membership.runnerId,
    isGone: runnerGone(deps.membership),
  });
  // A dead node's replays carry on on another.
  deps.membership.afterViewChange(() => replays.lookAgain());
  registry.register(
    logsSchema,
    createLogsOperations({ store: deps.store, clock: deps.clock }),
    logsAuthorization(deps.store),
  );
  registry.register(
    eventsSchema,
    createEventsOperations({
      store: deps.store,
      clock: deps.clock,
      onRuleChanged: (scope, rule, id) => triggers.onRuleChanged(scope, rule, id),
      deliver: (scope, bus, events, options) => triggers.deliver(scope, bus, events, options),
      allowHttpDestinations: deps.options.allowHttpDestinations,
      connectionAuthorizer,
      replays,
    }),
    eventsAuthorization(deps.store),
  );
  registry.register(
    schedulerSchema,
    createSchedulerOperations({
      store: deps.store,
      clock: deps.clock,
      onScheduleChanged: (scope, schedule, id) => triggers.onScheduleChanged(scope, schedule, id),
    }),
    schedulerAuthorization(deps.store),
  );
  registry.register(ssmSchema, createSsmOperations(ssmDeps), ssmAuthorization(deps.store));
  registry.register(
    secretsmanagerSchema,
    createSecretsManagerOperations(ssmDeps),
    secretsmanagerAuthorization(deps.store),
  );
  return {
    credentialSources: [
      // Only STS issues ASIA keys: any other key is not its to read.
      (accessKeyId) => (accessKeyId.startsWith('ASIA') ? issuer.lookup(accessKeyId) : undefined),
      iamCredentialSource(deps.store),
    ],
    ecsTasks,
    ecsServices,
    taskStateChanges,
    triggers,
    parameters,
    secrets,
    authorizer,
    taskEndpoints: inside.endpoints,
    replays,
  };
}
