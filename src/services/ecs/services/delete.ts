/**
 * DeleteService. A service scaled above 0 is refused unless `force`, with ECS's
 * "The service cannot be stopped while it is scaled above 0."; otherwise it turns
 * DRAINING with a desired count of 0, the scheduler stops its tasks, and once none is
 * left it is INACTIVE (still described, no longer listed).
 */
import { scopeOf, type RequestContext } from '../../context.js';
import { InvalidParameterException, ServiceNotActiveException } from '../generated/errors.js';
import type { DeleteServiceRequest, DeleteServiceResponse } from '../generated/types.js';
import type { ServiceDeps } from './deps.js';
import { requireService, serviceCluster } from './lookup.js';
import { serviceOutput } from './output.js';
import { SERVICES, serviceRecordId, type ServiceRecord } from './records.js';

export async function deleteService(
  deps: ServiceDeps,
  input: DeleteServiceRequest,
  ctx: RequestContext,
): Promise<DeleteServiceResponse> {
  const scope = scopeOf(ctx);
  const cluster = await serviceCluster(deps.store, scope, input.cluster);
  const service = await deps.store.transaction(async (tx) => {
    const current = await requireService(tx, scope, cluster.clusterName, input.service);
    if (current.status !== 'ACTIVE') {
      throw new ServiceNotActiveException('Service was not ACTIVE.');
    }
    if (current.desiredCount > 0 && input.force !== true) {
      throw new InvalidParameterException(
        'The service cannot be stopped while it is scaled above 0.',
      );
    }
    const draining: ServiceRecord = {
      ...current,
      status: 'DRAINING',
      desiredCount: 0,
    };
    await tx
      .collection<ServiceRecord>(SERVICES)
      .put(scope, serviceRecordId(cluster.clusterName, current.serviceName), draining);
    return draining;
  });
  deps.wake({ scope, clusterName: cluster.clusterName, serviceName: service.serviceName });
  return { service: serviceOutput(scope, service, { includeTags: false }) };
}
