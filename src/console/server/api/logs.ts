/**
 * The console's logs page API: groups → streams → events, and the live tail. Shapes in
 * src/console/shared/api-types.ts; reads in ./logs/read.ts, the tail in ./logs/tail.ts.
 */
import { json, withAccess, type AdminRoute } from '../../../gateway/admin/routes.js';
import { isServiceError } from '../../../services/error.js';
import type { ApiError } from '../../shared/api-types.js';
import {
  authorizeAws,
  consoleRoute,
  limitParam,
  requireParam,
  type ConsoleDeps,
  type ConsoleHandler,
  type ConsoleRoutes,
} from './context.js';
import { findStream, listGroups, listStreams, newestEvents } from './logs/read.js';
import { tailResponse } from './logs/tail.js';

export function logsRoutes(deps: ConsoleDeps): ConsoleRoutes {
  const route = (handler: ConsoleHandler) => consoleRoute(deps, notFoundIs404(handler));
  return {
    '/_teiki/api/logs/groups': {
      GET: route(async (req) => json(200, await listGroups(deps, req.scope))),
    },
    '/_teiki/api/logs/streams': {
      GET: route(async (req) =>
        json(
          200,
          await listStreams(
            deps,
            req.scope,
            requireParam(req, 'group'),
            limitParam(req, 1000, 10_000),
          ),
        ),
      ),
    },
    '/_teiki/api/logs/events': {
      GET: route(async (req) => {
        const stream = req.query.get('stream') || undefined;
        const filter = req.query.get('filter') || undefined;
        return json(
          200,
          await newestEvents(deps, req.scope, {
            group: requireParam(req, 'group'),
            ...(stream ? { stream } : {}),
            ...(filter ? { filter } : {}),
            limit: limitParam(req, 1000, 10_000),
          }),
        );
      }),
    },
    '/_teiki/api/logs/tail': {
      GET: credentialsFromQuery(
        route(async (req) => {
          const group = requireParam(req, 'group');
          const stream = req.query.get('stream') || undefined;
          const filter = req.query.get('filter') || undefined;
          // Refused before the stream opens, as JSON with a status, like the events list.
          // Under `--auth enforce` a tail is CloudWatch's StartLiveTail on the group.
          await authorizeAws(deps, req.scope, 'logs', 'StartLiveTail', {
            logGroupIdentifiers: [group],
          });
          if (stream) await findStream(deps, req.scope, group, stream);
          else await listStreams(deps, req.scope, group, 1);
          return tailResponse(deps, req.scope, {
            group,
            ...(stream ? { stream } : {}),
            ...(filter ? { filter } : {}),
          });
        }),
      ),
    },
  };
}

/**
 * A page asks for a group or stream by name in its address: one that does not exist is
 * not found (404), though AWS answers ResourceNotFoundException with a 400.
 */
function notFoundIs404(handler: ConsoleHandler): ConsoleHandler {
  return async (req) => {
    try {
      return await handler(req);
    } catch (error) {
      if (isServiceError(error) && error.code === 'ResourceNotFoundException') {
        return json(404, { error: error.code, message: error.message } satisfies ApiError);
      }
      throw error;
    }
  };
}

/**
 * EventSource sends no headers, so the tail's HTTP Basic credentials may come as
 * `?auth=<base64 key:secret>`; the gateway's admin guard accepts them there for this
 * route only.
 */
function credentialsFromQuery(route: AdminRoute): AdminRoute {
  return withAccess('query-credentials', route);
}
