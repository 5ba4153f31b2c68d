/**
 * The console's Insights page API: running a query (StartQuery, then GetQueryResults as the
 * page polls), and the saved queries (Describe/PutQueryDefinition), all through the Logs
 * service's own operations. Shapes in src/console/shared/api-types.ts.
 */
import { compileQuery } from '../../../engine/logs-insights/index.js';
import type { Expr } from '../../../engine/logs-insights/index.js';
import { AdminError, json, readJson } from '../../../gateway/admin/routes.js';
import { isServiceError } from '../../../services/error.js';
import type {
  InsightsQueryError,
  InsightsQueryRequest,
  InsightsResults,
  SavedQuery,
} from '../../shared/api-types.js';
import {
  callAws,
  consoleRoute,
  pagesOf,
  requireParam,
  type ConsoleDeps,
  type ConsoleRoutes,
} from './context.js';

export function insightsRoutes(deps: ConsoleDeps): ConsoleRoutes {
  return {
    '/_teiki/api/insights/queries': {
      POST: consoleRoute(deps, async (req) => {
        const body = queryRequest(readJson(req));
        try {
          return json(
            200,
            await callAws(deps, req.scope, 'logs', 'StartQuery', {
              logGroupNames: body.groups,
              queryString: body.query,
              startTime: body.startTime,
              endTime: body.endTime,
            }),
          );
        } catch (error) {
          if (isServiceError(error) && error.code === 'MalformedQueryException') {
            const compile = error.fields['queryCompileError'] as
              { location?: { startCharOffset: number; endCharOffset: number } } | undefined;
            const location = compile?.location;
            return json(400, {
              error: error.code,
              message: error.message,
              ...(location
                ? { location: { start: location.startCharOffset, end: location.endCharOffset } }
                : {}),
            } satisfies InsightsQueryError);
          }
          throw error;
        }
      }),
    },
    '/_teiki/api/insights/results': {
      GET: consoleRoute(deps, async (req) => {
        const out = await callAws(deps, req.scope, 'logs', 'GetQueryResults', {
          queryId: requireParam(req, 'id'),
        });
        const rows = (out.results ?? []).map((row) =>
          Object.fromEntries(
            row.filter((f) => f.field !== '@ptr').map((f) => [f.field ?? '', f.value ?? '']),
          ),
        );
        const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
        const query = req.query.get('query');
        const chart = query ? chartOf(query, columns) : undefined;
        return json(200, {
          status: out.status ?? 'Unknown',
          columns,
          rows,
          statistics: {
            recordsMatched: out.statistics?.recordsMatched ?? 0,
            recordsScanned: out.statistics?.recordsScanned ?? 0,
            bytesScanned: out.statistics?.bytesScanned ?? 0,
          },
          ...(chart ? { chart } : {}),
        } satisfies InsightsResults);
      }),
    },
    '/_teiki/api/insights/stop': {
      POST: consoleRoute(deps, async (req) =>
        json(
          200,
          await callAws(deps, req.scope, 'logs', 'StopQuery', { queryId: requireParam(req, 'id') }),
        ),
      ),
    },
    '/_teiki/api/insights/definitions': {
      GET: consoleRoute(deps, async (req) => {
        const saved: SavedQuery[] = [];
        for await (const page of pagesOf(deps, req.scope, 'logs', 'DescribeQueryDefinitions', {})) {
          for (const d of page.queryDefinitions ?? []) {
            saved.push({
              id: d.queryDefinitionId ?? '',
              name: d.name ?? '',
              query: d.queryString ?? '',
              groups: d.logGroupNames ?? [],
            });
          }
        }
        return json(200, saved);
      }),
      POST: consoleRoute(deps, async (req) => {
        const body = readJson(req);
        const name = typeof body['name'] === 'string' ? body['name'].trim() : '';
        const query = typeof body['query'] === 'string' ? body['query'] : '';
        if (name === '' || query.trim() === '') {
          throw new AdminError(400, 'A saved query needs a name and a query.');
        }
        return json(
          200,
          await callAws(deps, req.scope, 'logs', 'PutQueryDefinition', {
            name,
            queryString: query,
            ...(Array.isArray(body['groups']) && body['groups'].length > 0
              ? { logGroupNames: body['groups'].filter((g) => typeof g === 'string') }
              : {}),
            ...(typeof body['id'] === 'string' ? { queryDefinitionId: body['id'] } : {}),
          }),
        );
      }),
    },
  };
}

function queryRequest(body: Record<string, unknown>): InsightsQueryRequest {
  const { groups, query, startTime, endTime } = body;
  if (
    !Array.isArray(groups) ||
    groups.length === 0 ||
    !groups.every((g) => typeof g === 'string')
  ) {
    throw new AdminError(400, 'Choose at least one log group.');
  }
  if (typeof query !== 'string' || typeof startTime !== 'number' || typeof endTime !== 'number') {
    throw new AdminError(400, 'A query needs "query", "startTime" and "endTime" (epoch seconds).');
  }
  return { groups: groups, query, startTime, endTime };
}

/**
 * The chart a `stats … by bin(…)` query makes: its bin column against the numeric columns
 * the stats computed (any other `by` fields make it a table only).
 */
function chartOf(query: string, columns: string[]): InsightsResults['chart'] {
  let commands;
  try {
    commands = compileQuery(query).ast.commands;
  } catch {
    return undefined;
  }
  const stats = commands.find((c) => c.kind === 'stats');
  if (!stats || stats.kind !== 'stats' || stats.by.length !== 1) return undefined;
  const by = stats.by[0]!;
  if (!isBin(by.expr)) return undefined;
  const series = stats.items.map((i) => i.name).filter((name) => columns.includes(name));
  if (!columns.includes(by.name) || series.length === 0) return undefined;
  return { x: by.name, series };
}

function isBin(expr: Expr): boolean {
  return expr.type === 'call' && expr.name === 'bin';
}
