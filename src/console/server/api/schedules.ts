/** The console's schedules page API (to be built: see src/console/shared/api-types.ts). */
import type { ConsoleDeps, ConsoleRoutes } from './context.js';

export function scheduleRoutes(_deps: ConsoleDeps): ConsoleRoutes {
  return {};
}
