/**
 * The console's task-definitions page API: every family with every revision still
 * describable (ACTIVE, INACTIVE, and deletions in progress), and one revision's JSON as
 * DescribeTaskDefinition gives it. The list reads the task definitions' read model (the
 * revisions ListTaskDefinitions would list, finished deletions dropped by the same
 * lifecycle rule), since that operation gives ARNs only and the page wants statuses and
 * dates.
 */
import { AdminError, json } from '../../../gateway/admin/routes.js';
import { NAME_PATTERN } from '../../../services/ecs/task-definitions/reference.js';
import type {
  AwsObject,
  TaskDefinitionDetail,
  TaskDefinitionFamilyView,
  TaskDefinitionsResponse,
} from '../../shared/api-types.js';
import {
  callAws,
  consoleRoute,
  type ConsoleDeps,
  type ConsoleRequest,
  type ConsoleRoutes,
} from './context.js';

export function taskDefinitionRoutes(deps: ConsoleDeps): ConsoleRoutes {
  return {
    '/_teiki/api/task-definitions': {
      GET: consoleRoute(deps, (req) => families(deps, req)),
    },
    '/_teiki/api/task-definition': {
      GET: consoleRoute(deps, (req) => oneRevision(deps, req)),
    },
  };
}

async function families(deps: ConsoleDeps, req: ConsoleRequest) {
  const records = await deps.queries.taskDefinitions.describable(req.scope);
  const byFamily = new Map<string, TaskDefinitionFamilyView>();
  // Each family's revisions come oldest first.
  for (const value of records) {
    const family = value.definition.family ?? '';
    const view = byFamily.get(family) ?? { family, status: 'INACTIVE', revisions: [] };
    const status = value.definition.status ?? 'ACTIVE';
    if (status === 'ACTIVE') view.status = 'ACTIVE';
    view.revisions.push({
      revision: value.definition.revision ?? 0,
      arn: value.definition.taskDefinitionArn ?? '',
      status,
      registeredAt: new Date(value.registeredAt).toISOString(),
      ...(value.deregisteredAt !== undefined
        ? { deregisteredAt: new Date(value.deregisteredAt).toISOString() }
        : {}),
    });
    byFamily.set(family, view);
  }
  const sorted = [...byFamily.values()].sort((a, b) =>
    a.family < b.family ? -1 : a.family > b.family ? 1 : 0,
  );
  return json(200, { families: sorted } satisfies TaskDefinitionsResponse);
}

async function oneRevision(deps: ConsoleDeps, req: ConsoleRequest) {
  const out = await callAws(deps, req.scope, 'ecs', 'DescribeTaskDefinition', {
    taskDefinition: referenceOf(req),
    include: ['TAGS'],
  });
  return json(200, {
    // Dates become ISO-8601 strings when the answer is serialized.
    taskDefinition: (out.taskDefinition ?? {}) as unknown as AwsObject,
    tags: (out.tags ?? []).map((t) => ({ key: t.key ?? '', value: t.value ?? '' })),
  } satisfies TaskDefinitionDetail);
}

/** `?taskDefinition=REF`, or `?family=F&revision=N`, checked before the call (it skips validation). */
function referenceOf(req: ConsoleRequest): string {
  const reference = req.query.get('taskDefinition');
  if (reference) {
    if (reference.length > 2048) throw new AdminError(400, '"taskDefinition" is too long.');
    return reference;
  }
  const family = req.query.get('family');
  if (!family) {
    throw new AdminError(400, 'The query parameter "taskDefinition" or "family" is required.');
  }
  if (!NAME_PATTERN.test(family)) {
    throw new AdminError(400, `"${family}" is not a task definition family name.`);
  }
  const revision = req.query.get('revision');
  if (revision === null || revision === '') return family;
  if (!/^[1-9]\d{0,9}$/.test(revision)) {
    throw new AdminError(400, '"revision" must be a whole number from 1.');
  }
  return `${family}:${revision}`;
}
