/** The console's overview page API (to be built: see src/console/shared/api-types.ts). */
import type { ConsoleDeps, ConsoleRoutes } from './context.js';

export function overviewRoutes(_deps: ConsoleDeps): ConsoleRoutes {
  return {};
}
