/**
 * GET /_teiki/api/overview: what the console's first page shows. Every figure is read
 * from the services' own records or operations (ListClusters, ListTaskDefinitionFamilies),
 * so the overview never disagrees with the API.
 */
import { json } from '../../../gateway/admin/routes.js';
import {
  CLUSTERS,
  TASKS,
  type ClusterRecord,
  type TaskRecord,
} from '../../../services/ecs/records.js';
import { resolveTaskDefinition } from '../../../services/ecs/task-definitions/resolve.js';
import { RULES, type RuleRecord } from '../../../services/events/records.js';
import { ROLES, iamScope } from '../../../services/iam/records.js';
import { GROUPS } from '../../../services/logs/records.js';
import { SCHEDULES } from '../../../services/scheduler/records.js';
import { INVOCATIONS, type InvocationRecord } from '../../../services/targets/invocations.js';
import type { Scope } from '../../../store/types.js';
import type { InvocationView, Overview } from '../../shared/api-types.js';
import { consoleRoute, pagesOf, type ConsoleDeps, type ConsoleRoutes } from './context.js';

const DAY_MS = 24 * 3600 * 1000;
const ATTENTION_LIMIT = 20;
/** Invocations are read this many at a time while looking for failed ones. */
const INVOCATION_PAGE = 200;

export function overviewRoutes(deps: ConsoleDeps): ConsoleRoutes {
  return {
    '/_teiki/api/overview': {
      GET: consoleRoute(deps, async ({ scope }) => {
        const tasks = (await deps.store.collection<TaskRecord>(TASKS).list(scope)).map(
          (entry) => entry.value,
        );
        const [counts, last24h, attention] = await Promise.all([
          countResources(deps, scope, tasks),
          lastDay(deps, scope, tasks),
          needingAttention(deps, scope),
        ]);
        const overview: Overview = {
          clock: { now: deps.clock.now().toISOString(), mode: deps.clock.mode },
          accountId: scope.accountId,
          region: scope.region,
          runtime: deps.options.runtime,
          auth: deps.options.auth,
          counts,
          last24h,
          attention,
        };
        return json(200, overview);
      }),
    },
  };
}

async function countResources(
  deps: ConsoleDeps,
  scope: Scope,
  tasks: readonly TaskRecord[],
): Promise<Overview['counts']> {
  const rules = (await deps.store.collection<RuleRecord>(RULES).list(scope)).map((e) => e.value);
  const [schedules, logGroups, roles, clusters, families] = await Promise.all([
    deps.store.collection(SCHEDULES).count(scope),
    deps.store.collection(GROUPS).count(scope),
    deps.store.collection(ROLES).count(iamScope(scope.accountId)),
    // ListClusters also lists deleted (INACTIVE) clusters, as AWS does: count ACTIVE ones.
    deps.store
      .collection<ClusterRecord>(CLUSTERS)
      .list(scope)
      .then((entries) => entries.filter((e) => e.value.status === 'ACTIVE').length),
    countPages(deps, scope, 'ListTaskDefinitionFamilies', 'families', { status: 'ACTIVE' }),
  ]);
  return {
    scheduledRules: rules.filter((rule) => rule.scheduleExpression !== undefined).length,
    eventRules: rules.filter(
      (rule) => rule.scheduleExpression === undefined && rule.eventPattern !== undefined,
    ).length,
    schedules,
    clusters,
    taskDefinitionFamilies: families,
    runningTasks: tasks.filter((task) => task.lastStatus !== 'STOPPED').length,
    logGroups,
    roles,
  };
}

/** How many items an ECS list operation answers over all its pages. */
async function countPages(
  deps: ConsoleDeps,
  scope: Scope,
  operation: string,
  member: string,
  input: Record<string, unknown>,
): Promise<number> {
  let count = 0;
  const pages = pagesOf<{ nextToken?: string } & Record<string, unknown>>(
    deps,
    scope,
    'ecs',
    operation,
    { ...input, maxResults: 100 },
  );
  for await (const page of pages) {
    const items = page[member];
    count += Array.isArray(items) ? items.length : 0;
  }
  return count;
}

async function lastDay(
  deps: ConsoleDeps,
  scope: Scope,
  tasks: readonly TaskRecord[],
): Promise<Overview['last24h']> {
  const now = deps.clock.nowMs();
  const recent = tasks.filter((task) => task.createdAt > now - DAY_MS && task.createdAt <= now);
  const essentials = new EssentialContainers(deps, scope);
  const figures = { runs: recent.length, succeeded: 0, failed: 0, running: 0 };
  for (const task of recent) {
    if (task.lastStatus !== 'STOPPED') figures.running += 1;
    else if (await essentials.allExitedZero(task)) figures.succeeded += 1;
    else figures.failed += 1;
  }
  return figures;
}

/** Which containers of a task are essential, from its task definition (read once per ARN). */
class EssentialContainers {
  private readonly byArn = new Map<string, Promise<Set<string> | undefined>>();

  constructor(
    private readonly deps: ConsoleDeps,
    private readonly scope: Scope,
  ) {}

  async allExitedZero(task: TaskRecord): Promise<boolean> {
    const essential = await this.of(task.taskDefinitionArn);
    // A definition since deleted no longer says which were essential: then all are.
    const counted = task.containers.filter((c) => !essential || essential.has(c.name));
    return counted.length > 0 && counted.every((container) => container.exitCode === 0);
  }

  private of(arn: string): Promise<Set<string> | undefined> {
    let found = this.byArn.get(arn);
    if (!found) {
      found = resolveTaskDefinition(this.deps.store, this.scope, arn).then((resolved) => {
        const containers = resolved?.record.definition.containerDefinitions;
        if (!containers) return undefined;
        return new Set(containers.filter((c) => c.essential !== false).map((c) => c.name ?? ''));
      });
      this.byArn.set(arn, found);
    }
    return found;
  }
}

/**
 * The latest failed or dead-lettered invocations of the scope (an invocation teiki was
 * interrupted in is recorded as failed with the code `Interrupted`). Invocation ids sort
 * newest first, so reading stops as soon as enough are found.
 */
async function needingAttention(deps: ConsoleDeps, scope: Scope): Promise<InvocationView[]> {
  const invocations = deps.store.collection<InvocationRecord>(INVOCATIONS);
  const found: InvocationView[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await invocations.list(scope, {
      limit: INVOCATION_PAGE,
      ...(after ? { after } : {}),
    });
    for (const { value } of page) {
      if (value.outcome === 'failed' || value.outcome === 'dead-lettered') found.push(value);
      if (found.length === ATTENTION_LIMIT) return found;
    }
    if (page.length < INVOCATION_PAGE) return found;
    after = page[page.length - 1]?.id;
  }
}
