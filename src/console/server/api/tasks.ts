/** The console's tasks page API (to be built: see src/console/shared/api-types.ts). */
import type { ConsoleDeps, ConsoleRoutes } from './context.js';

export function taskRoutes(_deps: ConsoleDeps): ConsoleRoutes {
  return {};
}
