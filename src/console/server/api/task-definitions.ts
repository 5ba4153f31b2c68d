/** The console's task-definitions page API (to be built: see src/console/shared/api-types.ts). */
import type { ConsoleDeps, ConsoleRoutes } from './context.js';

export function taskDefinitionRoutes(_deps: ConsoleDeps): ConsoleRoutes {
  return {};
}
