/**
 * DescribeServices, ListServices and ListServicesByNamespace. A service that does not
 * exist is a `MISSING` failure with the ARN it would have, as AWS reports it; INACTIVE
 * services are still described (the services-inactive waiter relies on it) but no longer
 * listed.
 */
import { scopeOf, type RequestContext } from '../../context.js';
import { decodePageToken, encodePageToken } from '../../paging.js';
import { InvalidParameterException } from '../generated/errors.js';
import type {
  DescribeServicesRequest,
  DescribeServicesResponse,
  Failure,
  ListServicesByNamespaceRequest,
  ListServicesByNamespaceResponse,
  ListServicesRequest,
  ListServicesResponse,
  Service,
} from '../generated/types.js';
import { serviceArn } from './arns.js';
import type { ServiceDeps } from './deps.js';
import { findService, serviceCluster } from './lookup.js';
import { serviceOutput } from './output.js';
import { SERVICES, type ServiceRecord } from './records.js';

const MAX_DESCRIBED = 10;

export async function describeServices(
  deps: ServiceDeps,
  input: DescribeServicesRequest,
  ctx: RequestContext,
): Promise<DescribeServicesResponse> {
  const scope = scopeOf(ctx);
  if (input.services.length > MAX_DESCRIBED) {
    throw new InvalidParameterException(`services can have at most ${MAX_DESCRIBED} items.`);
  }
  const cluster = await serviceCluster(deps.store, scope, input.cluster);
  const includeTags = input.include?.includes('TAGS') ?? false;
  const services: Service[] = [];
  const failures: Failure[] = [];
  for (const reference of input.services) {
    const found = await findService(deps.store, scope, cluster.clusterName, reference);
    if (found) services.push(serviceOutput(scope, found, { includeTags }));
    else {
      failures.push({
        arn: reference.startsWith('arn:')
          ? reference
          : serviceArn(scope, cluster.clusterName, reference),
        reason: 'MISSING',
      });
    }
  }
  return { services, failures };
}

function pageSize(maxResults: number | undefined, fallback: number): number {
  const size = maxResults ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > 100) {
    throw new InvalidParameterException('maxResults must be between 1 and 100.');
  }
  return size;
}

function startAfter(nextToken: string | undefined): string | undefined {
  if (nextToken === undefined) return undefined;
  const after = decodePageToken(nextToken);
  if (after === undefined) throw new InvalidParameterException('Invalid nextToken.');
  return after;
}

export async function listServices(
  deps: ServiceDeps,
  input: ListServicesRequest,
  ctx: RequestContext,
): Promise<ListServicesResponse> {
  const scope = scopeOf(ctx);
  const size = pageSize(input.maxResults, 10);
  const after = startAfter(input.nextToken);
  const cluster = await serviceCluster(deps.store, scope, input.cluster);
  const rows = await deps.store
    .collection<ServiceRecord>(SERVICES)
    .list(scope, { prefix: `${cluster.clusterName}/`, ...(after ? { after } : {}) });
  const matching = rows.filter(
    ({ value }) =>
      value.status !== 'INACTIVE' &&
      (input.launchType === undefined || value.revision.launchType === input.launchType) &&
      (input.schedulingStrategy === undefined || input.schedulingStrategy === 'REPLICA'),
  );
  const page = matching.slice(0, size);
  const last = page[page.length - 1];
  return {
    serviceArns: page.map((row) => row.value.serviceArn),
    ...(matching.length > size && last ? { nextToken: encodePageToken(last.id) } : {}),
  };
}

/**
 * Services whose Service Connect configuration names the namespace (its name or ARN).
 * teiki has no Cloud Map: namespaces are only the names services give.
 */
export async function listServicesByNamespace(
  deps: ServiceDeps,
  input: ListServicesByNamespaceRequest,
  ctx: RequestContext,
): Promise<ListServicesByNamespaceResponse> {
  const scope = scopeOf(ctx);
  const size = pageSize(input.maxResults, 10);
  const after = startAfter(input.nextToken);
  const rows = await deps.store
    .collection<ServiceRecord>(SERVICES)
    .list(scope, after ? { after } : {});
  const matching = rows.filter(
    ({ value }) =>
      value.status === 'ACTIVE' &&
      value.revision.serviceConnectConfiguration?.namespace === input.namespace,
  );
  const page = matching.slice(0, size);
  const last = page[page.length - 1];
  return {
    serviceArns: page.map((row) => row.value.serviceArn),
    ...(matching.length > size && last ? { nextToken: encodePageToken(last.id) } : {}),
  };
}
