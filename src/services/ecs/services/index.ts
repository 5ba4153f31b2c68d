/**
 * ECS services as one unit for the composition root: their operations and the service
 * scheduler that keeps their tasks, with its start (services are reconciled: tasks a
 * restart left STOPPED are replaced), stop and reset.
 */
import type { OperationTable } from '../../operation.js';
import type { EcsOperations } from '../generated/types.js';
import type { TaskDeps } from '../tasks/deps.js';
import type { TaskSupervisor } from '../tasks/supervisor.js';
import { servicesOperations } from './operations.js';
import { ServiceScheduler } from './scheduler/loop.js';
import { ServiceStateChanges } from './scheduler/state-change.js';
import type { ServiceKey } from './deps.js';
import { runnerGone } from '../../../engine/cluster/gone.js';
import type { Membership } from '../../../engine/cluster/types.js';
import type { Logger } from '../../../engine/log.js';
import type { ServicePeers } from './scheduler/loop.js';

export { ServiceStateChanges, type ServiceStateChangeEvent } from './scheduler/state-change.js';

export interface EcsServices {
  operations: OperationTable<EcsOperations>;
  scheduler: ServiceScheduler;
  /** "ECS Service Action" and "ECS Deployment State Change" events, for the default bus. */
  changes: ServiceStateChanges;
}

export function createEcsServices(
  deps: TaskDeps & { supervisor: TaskSupervisor; enforceRoles: boolean },
): EcsServices {
  const changes = new ServiceStateChanges();
  const holder: { scheduler?: ServiceScheduler } = {};
  const serviceDeps = {
    ...deps,
    serviceChanges: changes,
    wake: (key: ServiceKey) => holder.scheduler?.changed(key),
  };
  const { membership } = deps;
  const scheduler = new ServiceScheduler(serviceDeps, {
    isGone: runnerGone(membership),
    ...(membership.kind === 'shared' ? { peers: peersOf(membership, deps.logger) } : {}),
  });
  holder.scheduler = scheduler;
  return { operations: servicesOperations(serviceDeps), scheduler, changes };
}

/** The service scheduler's word with the other nodes, over the cluster's messages. */
function peersOf(membership: Membership, logger: Logger): ServicePeers {
  return {
    tell: (key) => {
      membership
        .publish('ecs-service', { ...key })
        .catch((error: unknown) =>
          logger.error('other nodes could not be told of a service change', { error }),
        );
    },
    onTold: (listener) =>
      membership.subscribe('ecs-service', (message) => {
        const { scope, clusterName, serviceName } = message as unknown as ServiceKey;
        listener({ scope, clusterName, serviceName });
      }),
    onNodesChanged: (listener) => membership.afterViewChange(() => listener()),
  };
}
