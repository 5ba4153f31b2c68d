/**
 * The console's JSON API under `/_teiki/api/`, one module a page. The shapes are in
 * src/console/shared/api-types.ts.
 */
import { json } from '../../../gateway/admin/routes.js';
import { consoleRoute, type ConsoleDeps, type ConsoleRoutes } from './context.js';
import { iamRoutes } from './iam.js';
import { insightsRoutes } from './insights.js';
import { logsRoutes } from './logs.js';
import { overviewRoutes } from './overview.js';
import { scheduleRoutes } from './schedules.js';
import { serviceRoutes } from './services.js';
import { taskDefinitionRoutes } from './task-definitions.js';
import { taskRoutes } from './tasks.js';

export function consoleApiRoutes(deps: ConsoleDeps): ConsoleRoutes {
  // Credentials are checked before "no such route", as AWS checks them before the action.
  const unknown = consoleRoute(deps, (req) =>
    Promise.resolve(json(404, { error: 'NotFound', message: `No console API ${req.path}.` })),
  );
  return {
    '/_teiki/api/*': { GET: unknown, POST: unknown },
    ...overviewRoutes(deps),
    ...scheduleRoutes(deps),
    ...taskRoutes(deps),
    ...serviceRoutes(deps),
    ...taskDefinitionRoutes(deps),
    ...logsRoutes(deps),
    ...insightsRoutes(deps),
    ...iamRoutes(deps),
  };
}
