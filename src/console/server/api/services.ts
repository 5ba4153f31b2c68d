/**
 * The console's services page API. Everything is read through the ECS operations the
 * API serves (ListClusters, ListServices, DescribeServices, ListTasks, DescribeTasks,
 * ListServiceDeployments), so the page shows what `aws ecs describe-services` shows.
 */
import { json } from '../../../gateway/admin/routes.js';
import type {
  ApiError,
  AwsObject,
  ServiceDetail,
  ServicesResponse,
} from '../../shared/api-types.js';
import {
  callAws,
  consoleRoute,
  pagesOf,
  requireParam,
  type ConsoleDeps,
  type ConsoleRequest,
  type ConsoleRoutes,
} from './context.js';
import { listClusters } from './tasks.js';

export function serviceRoutes(deps: ConsoleDeps): ConsoleRoutes {
  return {
    '/_teiki/api/services': { GET: consoleRoute(deps, (req) => servicesPage(deps, req)) },
    '/_teiki/api/service': { GET: consoleRoute(deps, (req) => serviceDetail(deps, req)) },
  };
}

/** DescribeServices takes ten services a call, DescribeTasks a hundred tasks. */
const DESCRIBED_PER_CALL = 10;
const TASKS_PER_CALL = 100;

async function servicesPage(deps: ConsoleDeps, req: ConsoleRequest) {
  const clusters = await listClusters(deps, req.scope);
  const asked = req.query.get('cluster');
  const cluster = asked ?? (clusters.find((c) => c.name === 'default') ?? clusters[0])?.name;
  if (cluster === undefined) {
    return json(200, { clusters, services: [] } satisfies ServicesResponse);
  }
  if (!clusters.some((c) => c.name === cluster)) {
    return json(404, {
      error: 'NotFound',
      message: `There is no active cluster "${cluster}".`,
    } satisfies ApiError);
  }
  const arns: string[] = [];
  for await (const page of pagesOf(deps, req.scope, 'ecs', 'ListServices', {
    cluster,
    maxResults: 100,
  })) {
    arns.push(...(page.serviceArns ?? []));
  }
  const services: AwsObject[] = [];
  for (let i = 0; i < arns.length; i += DESCRIBED_PER_CALL) {
    const out = await callAws(deps, req.scope, 'ecs', 'DescribeServices', {
      cluster,
      services: arns.slice(i, i + DESCRIBED_PER_CALL),
      include: ['TAGS'],
    });
    services.push(...(out.services ?? []).map(plain));
  }
  return json(200, { clusters, cluster, services } satisfies ServicesResponse);
}

async function serviceDetail(deps: ConsoleDeps, req: ConsoleRequest) {
  const cluster = requireParam(req, 'cluster');
  const name = requireParam(req, 'name');
  const described = await callAws(deps, req.scope, 'ecs', 'DescribeServices', {
    cluster,
    services: [name],
    include: ['TAGS'],
  });
  const service = described.services?.[0];
  if (!service) {
    return json(404, {
      error: 'NotFound',
      message: `There is no service "${name}" in the cluster "${cluster}".`,
    } satisfies ApiError);
  }
  const taskArns: string[] = [];
  for (const desiredStatus of ['RUNNING', 'STOPPED'] as const) {
    for await (const page of pagesOf(deps, req.scope, 'ecs', 'ListTasks', {
      cluster,
      serviceName: name,
      desiredStatus,
    })) {
      taskArns.push(...(page.taskArns ?? []));
    }
  }
  const tasks: AwsObject[] = [];
  for (let i = 0; i < taskArns.length; i += TASKS_PER_CALL) {
    const out = await callAws(deps, req.scope, 'ecs', 'DescribeTasks', {
      cluster,
      tasks: taskArns.slice(i, i + TASKS_PER_CALL),
    });
    tasks.push(...(out.tasks ?? []).map(plain));
  }
  const deployments = await callAws(deps, req.scope, 'ecs', 'ListServiceDeployments', {
    cluster,
    service: name,
    maxResults: 100,
  });
  return json(200, {
    cluster,
    service: plain(service),
    tasks,
    serviceDeployments: (deployments.serviceDeployments ?? []).map(plain),
  } satisfies ServiceDetail);
}

/** An output object as JSON (dates as ISO strings), as the console's pages read them. */
function plain(value: object): AwsObject {
  return JSON.parse(JSON.stringify(value)) as AwsObject;
}
