/**
 * What every `/_teiki/api/…` route shares: the services it reads through (the same
 * operations the AWS API calls, and the services' read models for what no operation
 * answers, so the console holds no second copy of any logic and never reads the store),
 * the account and region a request looks at, and the console's credentials check.
 */
import { randomUUID } from 'node:crypto';
import type { TeikiOptions } from '../../../config.js';
import type { Clock } from '../../../engine/clock/types.js';
import type { Logger } from '../../../engine/log.js';
import {
  AdminError,
  json,
  type AdminRequest,
  type AdminRoute,
} from '../../../gateway/admin/routes.js';
import { rootCaller } from '../../../services/credentials.js';
import type { ServiceRegistry } from '../../../gateway/registry.js';
import type { WireResponse } from '../../../gateway/protocols/types.js';
import type { CallerAuthorizer } from '../../../services/authorization/authorizer.js';
import type { CallerIdentity, RequestContext } from '../../../services/context.js';
import { isServiceError } from '../../../services/error.js';
import type { ServiceQueries } from '../../../services/queries.js';
import type { TriggerQueries } from '../../../triggers/queries.js';
import type { ApiError } from '../../shared/api-types.js';
import type {
  AwsService,
  InputOf,
  NextTokenOperation,
  OperationName,
  OutputOf,
} from './operations.js';

export interface ConsoleDeps {
  options: TeikiOptions;
  clock: Clock;
  registry: ServiceRegistry;
  /**
   * The services' and the triggers' read models (src/services/queries.ts,
   * src/triggers/queries.ts), for what no operation answers.
   */
  queries: ServiceQueries & TriggerQueries;
  /** `--auth enforce`: the signed-in principal's policies, checked before each call. */
  authorizer?: CallerAuthorizer;
  logger: Logger;
}

/**
 * The account and region a console request looks at, and who is looking: the principal
 * the admin guard verified under `--auth enforce` (its policies decide what the console may
 * read and change), the account's root in `open` mode.
 */
export interface ConsoleScope extends Pick<RequestContext, 'accountId' | 'region'> {
  caller: CallerIdentity;
}

/** What a console route gets besides the request: the scope it looks at. */
export interface ConsoleRequest extends AdminRequest {
  scope: ConsoleScope;
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
    const account = req.query.get('account') || deps.options.accountId;
    const region = req.query.get('region') || deps.options.region;
    const caller = req.caller ?? rootCaller(account, 'console');
    // A signed-in principal sees its own account only, as on AWS.
    if (req.caller && req.query.get('account') && req.caller.accountId !== account) {
      return json(403, {
        error: 'AccessDenied',
        message: `${req.caller.arn} cannot look at account ${account}.`,
      } satisfies ApiError);
    }
    const scope: ConsoleScope = { accountId: caller.accountId, region, caller };
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
 * Calls a service operation as the signed-in principal (the account's root in `open`
 * mode) through the same path the gateway takes after decoding, authorization included,
 * so inputs must be well formed. Input and answer are the operation's generated shapes.
 */
export async function callAws<S extends AwsService, Op extends OperationName<S>>(
  deps: ConsoleDeps,
  scope: ConsoleScope,
  service: S,
  operation: Op,
  input: InputOf<S, Op>,
): Promise<OutputOf<S, Op>> {
  const { op, ctx } = await authorizeAws(deps, scope, service, operation, input);
  return (await op(input as Record<string, unknown>, ctx)) as OutputOf<S, Op>;
}

/**
 * Authorizes what the console does in an operation's stead (its live tail is
 * StartLiveTail) exactly as the operation's own call would be, without calling it.
 */
export async function authorizeAws<S extends AwsService, Op extends OperationName<S>>(
  deps: ConsoleDeps,
  scope: ConsoleScope,
  service: S,
  operation: Op,
  input: InputOf<S, Op>,
) {
  const registered = deps.registry.byName(service);
  const op = registered?.operations[operation];
  if (!registered || !op) {
    throw new Error(`teiki has no ${service}.${operation} for the console to call`);
  }
  const ctx = {
    requestId: randomUUID(),
    accountId: scope.accountId,
    region: scope.region,
    caller: scope.caller,
  };
  await deps.authorizer?.authorize({
    service,
    actionPrefix: registered.schema.signingName,
    operation,
    table: registered.authorization,
    input: input as Record<string, unknown>,
    ctx,
  });
  return { op, ctx };
}

/** Every page of a list operation that pages with `nextToken`, one after another. */
export async function* pagesOf<S extends AwsService, Op extends NextTokenOperation<S>>(
  deps: ConsoleDeps,
  scope: ConsoleScope,
  service: S,
  operation: Op,
  input: Omit<InputOf<S, Op>, 'nextToken'>,
): AsyncGenerator<OutputOf<S, Op>> {
  let nextToken: string | undefined;
  do {
    const page: OutputOf<S, Op> = await callAws(deps, scope, service, operation, {
      ...input,
      ...(nextToken ? { nextToken } : {}),
    } as InputOf<S, Op>);
    yield page;
    nextToken = (page as { nextToken?: string }).nextToken;
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
