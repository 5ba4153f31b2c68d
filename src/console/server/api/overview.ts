/**
 * GET /_teiki/api/overview: what the console's first page shows. Every figure is read
 * through the services' read models or operations (ListTaskDefinitionFamilies), so the
 * overview never disagrees with the API.
 */
import { json } from '../../../gateway/admin/routes.js';
import type { TaskRecord } from '../../../services/ecs/records.js';
import { failed, succeeded, type TaskFates } from '../../../services/ecs/tasks/fate.js';
import type { InvocationView, Overview } from '../../shared/api-types.js';
import {
  consoleRoute,
  pagesOf,
  type ConsoleDeps,
  type ConsoleRoutes,
  type ConsoleScope,
} from './context.js';

const DAY_MS = 24 * 3600 * 1000;
const ATTENTION_LIMIT = 20;
/** Invocations are read this many at a time while looking for failed ones. */
const INVOCATION_PAGE = 200;

export function overviewRoutes(deps: ConsoleDeps): ConsoleRoutes {
  return {
    '/_teiki/api/overview': {
      GET: consoleRoute(deps, async ({ scope }) => {
        const tasks = await deps.queries.tasks.all(scope);
        // One reader for both figures, so they judge a task by the same test and read
        // each task definition once.
        const fates = deps.queries.tasks.fates();
        const [counts, last24h, attention] = await Promise.all([
          countResources(deps, scope, tasks),
          lastDay(fates, deps, scope, tasks),
          needingAttention(fates, deps, scope),
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
  scope: ConsoleScope,
  tasks: readonly TaskRecord[],
): Promise<Overview['counts']> {
  const { queries } = deps;
  const rules = await queries.rules.all(scope);
  const [schedules, logGroups, roles, clusters, families] = await Promise.all([
    queries.schedules.count(scope),
    queries.logs.countGroups(scope),
    queries.iam.countRoles(scope.accountId),
    // ListClusters also lists deleted (INACTIVE) clusters, as AWS does: count ACTIVE ones.
    queries.clusters.countActive(scope),
    countFamilies(deps, scope),
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

/** How many ACTIVE task definition families ListTaskDefinitionFamilies answers, all pages. */
async function countFamilies(deps: ConsoleDeps, scope: ConsoleScope): Promise<number> {
  let count = 0;
  const pages = pagesOf(deps, scope, 'ecs', 'ListTaskDefinitionFamilies', {
    status: 'ACTIVE',
    maxResults: 100,
  });
  for await (const page of pages) count += page.families?.length ?? 0;
  return count;
}

async function lastDay(
  fates: TaskFates,
  deps: ConsoleDeps,
  scope: ConsoleScope,
  tasks: readonly TaskRecord[],
): Promise<Overview['last24h']> {
  const now = deps.clock.nowMs();
  const recent = tasks.filter((task) => task.createdAt > now - DAY_MS && task.createdAt <= now);
  const figures = { runs: recent.length, succeeded: 0, failed: 0, running: 0 };
  for (const task of recent) {
    const fate = await fates.of(scope, task);
    if (succeeded(fate)) figures.succeeded += 1;
    else if (failed(fate)) figures.failed += 1;
    else figures.running += 1;
  }
  return figures;
}

/**
 * The latest invocations of the scope that need a look: failed or dead-lettered ones
 * (an invocation teiki was interrupted in is recorded as failed with the code
 * `Interrupted`), and those whose tasks failed, by the same test as the runs' "Failed"
 * figure (stopped without every essential container exiting 0: failed to start, exited
 * non-zero, stopped). Invocation ids sort newest first, so reading stops as soon as
 * enough are found.
 */
async function needingAttention(
  fates: TaskFates,
  deps: ConsoleDeps,
  scope: ConsoleScope,
): Promise<InvocationView[]> {
  const { invocations } = deps.queries;
  const found: InvocationView[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await invocations.page(scope, {
      limit: INVOCATION_PAGE,
      ...(after ? { after } : {}),
    });
    for (const view of await invocations.withTaskFates(page.records, fates)) {
      if (
        view.outcome === 'failed' ||
        view.outcome === 'dead-lettered' ||
        view.tasks.some((task) => failed(task))
      ) {
        found.push(view);
      }
      if (found.length === ATTENTION_LIMIT) return found;
    }
    if (page.records.length < INVOCATION_PAGE) return found;
    after = page.lastId;
  }
}
