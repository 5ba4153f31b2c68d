/**
 * What every `/_teiki/api/…` route shares: the services it reads through (the same
 * operations the AWS API calls, so the console holds no second copy of any logic), the
 * account and region a request looks at, and the console's credentials check.
 */
import { randomUUID } from 'node:crypto';
import type { TeikiOptions } from '../../../cli/options.js';
import type { Clock } from '../../../engine/clock/types.js';
import type { Logger } from '../../../engine/log.js';
import {
  AdminError,
  json,
  type AdminRequest,
  type AdminRoute,
} from '../../../gateway/admin/routes.js';
import { rootCaller } from '../../../gateway/identity.js';
import type { ServiceRegistry } from '../../../gateway/registry.js';
import type { WireResponse } from '../../../gateway/protocols/types.js';
import type { EcsTasks } from '../../../services/ecs/tasks/index.js';
import { isServiceError } from '../../../services/error.js';
import type { Scheduling } from '../../../services/scheduling/index.js';
import type { Scope, Store } from '../../../store/types.js';
import type { ApiError } from '../../shared/api-types.js';

export interface ConsoleDeps {
  options: TeikiOptions;
  clock: Clock;
  store: Store;
  registry: ServiceRegistry;
  scheduling: Scheduling;
  ecsTasks: EcsTasks;
  logger: Logger;
}

/** What a console route gets besides the request: the scope it looks at. */
export interface ConsoleRequest extends AdminRequest {
  scope: Scope;
}

export type ConsoleRoutes = Record<string, Partial<Record<string, AdminRoute>>>;

export type ConsoleHandler = (req: ConsoleRequest) => Promise<WireResponse>;

/**
 * A console API route: reads `?account=` and `?region=` (teiki's defaults otherwise), and
 * answers an AWS error from a service as `{ error, message }` with the service's status.
 * Under `--auth enforce` the gateway's admin guard has already checked the credentials
 * (HTTP Basic with an access key id and its secret, so no browser prompt: the console
 * asks in its own form; or a SigV4 signature).
 */
export function consoleRoute(deps: ConsoleDeps, handler: ConsoleHandler): AdminRoute {
  return async (req) => {
    const scope: Scope = {
      accountId: req.query.get('account') || deps.options.accountId,
      region: req.query.get('region') || deps.options.region,
    };
    try {
      return await handler({ ...req, scope });
    } catch (error) {
      if (isServiceError(error)) {
        return json(error.status, { error: error.code, message: error.message } satisfies ApiError);
      }
      throw error;
    }
  };
}

/**
 * Calls a service operation as the account's root would through the API: same
 * validation-free path the gateway takes after decoding, so inputs must be well formed.
 */
export async function callAws<O = Record<string, unknown>>(
  deps: ConsoleDeps,
  scope: Scope,
  service: string,
  operation: string,
  input: Record<string, unknown>,
): Promise<O> {
  const op = deps.registry.byName(service)?.operations[operation];
  if (!op) throw new Error(`teiki has no ${service}.${operation} for the console to call`);
  return (await op(input, {
    requestId: randomUUID(),
    accountId: scope.accountId,
    region: scope.region,
    caller: rootCaller(scope.accountId, 'console'),
  })) as O;
}

/** Every page of a list operation that pages with `nextToken`, one after another. */
export async function* pagesOf<O extends { nextToken?: string }>(
  deps: ConsoleDeps,
  scope: Scope,
  service: string,
  operation: string,
  input: Record<string, unknown>,
): AsyncGenerator<O> {
  let nextToken: string | undefined;
  do {
    const page = await callAws<O>(deps, scope, service, operation, {
      ...input,
      ...(nextToken ? { nextToken } : {}),
    });
    yield page;
    nextToken = page.nextToken;
  } while (nextToken);
}

/** A required query parameter, or a 400 naming it. */
export function requireParam(req: AdminRequest, name: string): string {
  const value = req.query.get(name);
  if (!value) throw new AdminError(400, `The query parameter "${name}" is required.`);
  return value;
}

export function limitParam(req: AdminRequest, fallback: number, max: number): number {
  const raw = req.query.get('limit');
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new AdminError(400, `"limit" must be a whole number from 1 to ${max}.`);
  }
  return n;
}
