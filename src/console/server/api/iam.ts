/**
 * The console's IAM page API: roles and customer managed policies (read-only, through
 * IAM's operations) and the "can this role run this task?" check.
 */
import { json } from '../../../gateway/admin/routes.js';
import type { PoliciesResponse, RolesResponse } from '../../shared/api-types.js';
import { consoleRoute, type ConsoleDeps, type ConsoleRoutes } from './context.js';
import { canRun } from './iam/can-run.js';
import { listCustomerPolicies, listRoleViews } from './iam/documents.js';

export function iamRoutes(deps: ConsoleDeps): ConsoleRoutes {
  return {
    '/_teiki/api/iam/roles': {
      GET: consoleRoute(deps, async ({ scope }) =>
        json(200, { roles: await listRoleViews(deps, scope) } satisfies RolesResponse),
      ),
    },
    '/_teiki/api/iam/policies': {
      GET: consoleRoute(deps, async ({ scope }) =>
        json(200, { policies: await listCustomerPolicies(deps, scope) } satisfies PoliciesResponse),
      ),
    },
    '/_teiki/api/iam/can-run': {
      POST: consoleRoute(deps, (req) => canRun(deps, req)),
    },
  };
}
