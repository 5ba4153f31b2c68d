/**
 * DescribeServiceDeployments, ListServiceDeployments and DescribeServiceRevisions, read
 * from the deployments a service keeps (its current ones and its last finished ones). A
 * circuit-breaker rollback is part of the service deployment it rolls back, as on AWS, so
 * it is not listed on its own.
 */
import { scopeOf, type RequestContext } from '../../context.js';
import { decodePageToken, encodePageToken } from '../../paging.js';
import { InvalidParameterException } from '../generated/errors.js';
import type {
  DescribeServiceDeploymentsRequest,
  DescribeServiceDeploymentsResponse,
  DescribeServiceRevisionsRequest,
  DescribeServiceRevisionsResponse,
  Failure,
  ListServiceDeploymentsRequest,
  ListServiceDeploymentsResponse,
  ServiceDeployment,
  ServiceRevision,
} from '../generated/types.js';
import { parseChildArn, revisionNumber } from './arns.js';
import type { ServiceDeps } from './deps.js';
import { requireService, serviceCluster } from './lookup.js';
import {
  serviceDeploymentBrief,
  serviceDeploymentOutput,
  serviceRevisionOutput,
} from './output.js';
import { SERVICES, serviceRecordId, type ServiceRecord } from './records.js';

const MAX_DESCRIBED = 20;

export async function describeServiceDeployments(
  deps: ServiceDeps,
  input: DescribeServiceDeploymentsRequest,
  ctx: RequestContext,
): Promise<DescribeServiceDeploymentsResponse> {
  const scope = scopeOf(ctx);
  if (input.serviceDeploymentArns.length > MAX_DESCRIBED) {
    throw new InvalidParameterException(
      `serviceDeploymentArns can have at most ${MAX_DESCRIBED} items.`,
    );
  }
  const serviceDeployments: ServiceDeployment[] = [];
  const failures: Failure[] = [];
  for (const arn of input.serviceDeploymentArns) {
    const parts = parseChildArn(scope, 'service-deployment', arn);
    const service = parts && (await serviceOf(deps, scope, parts.clusterName, parts.serviceName));
    const deployment = service?.deployments.find(
      (d) => d.serviceDeploymentId === parts?.id && d.rollbackOf === undefined,
    );
    if (service && deployment) {
      serviceDeployments.push(serviceDeploymentOutput(scope, service, deployment));
    } else failures.push({ arn, reason: 'MISSING' });
  }
  return { serviceDeployments, failures };
}

export async function listServiceDeployments(
  deps: ServiceDeps,
  input: ListServiceDeploymentsRequest,
  ctx: RequestContext,
): Promise<ListServiceDeploymentsResponse> {
  const scope = scopeOf(ctx);
  const size = input.maxResults ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > 100) {
    throw new InvalidParameterException('maxResults must be between 1 and 100.');
  }
  const cluster = await serviceCluster(deps.store, scope, input.cluster);
  const service = await requireService(deps.store, scope, cluster.clusterName, input.service);
  const after = input.nextToken === undefined ? undefined : decodePageToken(input.nextToken);
  if (input.nextToken !== undefined && after === undefined) {
    throw new InvalidParameterException('Invalid nextToken.');
  }
  const before = input.createdAt?.before?.getTime();
  const since = input.createdAt?.after?.getTime();
  const listed = service.deployments
    .filter((d) => d.rollbackOf === undefined)
    .filter((d) => input.status === undefined || input.status.includes(d.lifecycle))
    .filter((d) => before === undefined || d.createdAt <= before)
    .filter((d) => since === undefined || d.createdAt >= since)
    .sort((a, b) => b.createdAt - a.createdAt);
  const start =
    after === undefined ? 0 : listed.findIndex((d) => d.serviceDeploymentId === after) + 1;
  const page = listed.slice(start, start + size);
  const last = page[page.length - 1];
  return {
    serviceDeployments: page.map((d) => serviceDeploymentBrief(scope, service, d)),
    ...(start + size < listed.length && last
      ? { nextToken: encodePageToken(last.serviceDeploymentId) }
      : {}),
  };
}

export async function describeServiceRevisions(
  deps: ServiceDeps,
  input: DescribeServiceRevisionsRequest,
  ctx: RequestContext,
): Promise<DescribeServiceRevisionsResponse> {
  const scope = scopeOf(ctx);
  if (input.serviceRevisionArns.length > MAX_DESCRIBED) {
    throw new InvalidParameterException(
      `serviceRevisionArns can have at most ${MAX_DESCRIBED} items.`,
    );
  }
  const serviceRevisions: ServiceRevision[] = [];
  const failures: Failure[] = [];
  for (const arn of input.serviceRevisionArns) {
    const parts = parseChildArn(scope, 'service-revision', arn);
    const service = parts && (await serviceOf(deps, scope, parts.clusterName, parts.serviceName));
    const deployment = service?.deployments.find((d) => revisionNumber(d.id) === parts?.id);
    if (service && deployment) {
      serviceRevisions.push(serviceRevisionOutput(scope, service, deployment));
    } else failures.push({ arn, reason: 'MISSING' });
  }
  return { serviceRevisions, failures };
}

async function serviceOf(
  deps: ServiceDeps,
  scope: { accountId: string; region: string },
  clusterName: string,
  serviceName: string,
): Promise<ServiceRecord | undefined> {
  return deps.store
    .collection<ServiceRecord>(SERVICES)
    .get(scope, serviceRecordId(clusterName, serviceName));
}
