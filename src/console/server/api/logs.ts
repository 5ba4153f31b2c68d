/** The console's logs page API (to be built: see src/console/shared/api-types.ts). */
import type { ConsoleDeps, ConsoleRoutes } from './context.js';

export function logsRoutes(_deps: ConsoleDeps): ConsoleRoutes {
  return {};
}
