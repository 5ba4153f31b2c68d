/** The console's iam page API (to be built: see src/console/shared/api-types.ts). */
import type { ConsoleDeps, ConsoleRoutes } from './context.js';

export function iamRoutes(_deps: ConsoleDeps): ConsoleRoutes {
  return {};
}
