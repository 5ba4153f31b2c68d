/**
 * Finding services from what callers pass: a name, or a service ARN of the caller's
 * account and region in the long form (`service/CLUSTER/NAME`) or the old short one
 * (`service/NAME`). An ARN naming another cluster finds nothing in this one.
 */
import type { Scope, StoreSession } from '../../../store/types.js';
import { DEFAULT_CLUSTER, requireActiveCluster } from '../clusters/lookup.js';
import { ServiceNotActiveException, ServiceNotFoundException } from '../generated/errors.js';
import type { ClusterRecord } from '../records.js';
import { SERVICES, serviceRecordId, type ServiceRecord } from './records.js';

const SERVICE_ARN = /^arn:aws[a-z-]*:ecs:([^:]+):(\d{12}):service\/(?:([^/]+)\/)?([^/]+)$/;

/** The service name a reference means in `clusterName`, or undefined when it can mean none. */
export function serviceNameIn(
  scope: Scope,
  clusterName: string,
  reference: string,
): string | undefined {
  if (!reference.startsWith('arn:')) return reference;
  const match = SERVICE_ARN.exec(reference);
  if (!match || match[1] !== scope.region || match[2] !== scope.accountId) return undefined;
  if (match[3] !== undefined && match[3] !== clusterName) return undefined;
  return match[4];
}

export function findService(
  session: StoreSession,
  scope: Scope,
  clusterName: string,
  reference: string,
): Promise<ServiceRecord | undefined> {
  const name = serviceNameIn(scope, clusterName, reference);
  if (name === undefined) return Promise.resolve(undefined);
  return session.collection<ServiceRecord>(SERVICES).get(scope, serviceRecordId(clusterName, name));
}

/** The ACTIVE cluster a service operation names (`default` when it names none). */
export function serviceCluster(
  session: StoreSession,
  scope: Scope,
  reference: string | undefined,
): Promise<ClusterRecord> {
  return requireActiveCluster(session, scope, reference ?? DEFAULT_CLUSTER);
}

/** The service, in any status; ServiceNotFoundException when there is none. */
export async function requireService(
  session: StoreSession,
  scope: Scope,
  clusterName: string,
  reference: string,
): Promise<ServiceRecord> {
  const service = await findService(session, scope, clusterName, reference);
  if (!service) throw new ServiceNotFoundException('Service not found.');
  return service;
}

/** The ACTIVE service; ServiceNotActiveException for a DRAINING or INACTIVE one. */
export async function requireActiveService(
  session: StoreSession,
  scope: Scope,
  clusterName: string,
  reference: string,
): Promise<ServiceRecord> {
  const service = await requireService(session, scope, clusterName, reference);
  if (service.status !== 'ACTIVE') throw new ServiceNotActiveException('Service was not ACTIVE.');
  return service;
}
