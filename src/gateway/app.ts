/**
 * The gateway as a function from request to response: the browser policy first (a
 * foreign Host or Origin is refused before anything else), then admin routes under
 * `/_teiki/`, everything else an AWS API call. The Node binding (http/server.ts) is one
 * adapter; tests may call the function without a port.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../engine/log.js';
import { ServiceError } from '../services/error.js';
import { isStorageFault } from '../store/fault.js';
import type { AdminGuard } from './admin/guard.js';
import { json, type AdminHandler } from './admin/routes.js';
import { preflightResponse, withCorsHeaders } from './browser/cors.js';
import { screenRequest, type BrowserPolicy, type Verdict } from './browser/policy.js';
import type { AwsHandler, GatewayRequest } from './pipeline.js';
import { codecFor } from './protocols/index.js';
import type { WireResponse } from './protocols/types.js';
import type { Protocol } from './schema/types.js';
import type { ServiceRegistry } from './registry.js';
import { identifyService, unidentifiedServiceResponse } from './router.js';

export interface GatewayApp {
  /**
   * The answer a request gets from its headers alone, before its body is read: a refusal
   * by the browser policy, or a CORS preflight. Undefined: read the body and `handle` it.
   */
  screen(req: GatewayRequest): WireResponse | undefined;
  handle(req: GatewayRequest): Promise<WireResponse>;
  /** The answer to a request whose body passed the size limit (read from headers alone). */
  tooLarge(req: GatewayRequest, limit: number): WireResponse;
}

/** The access-denied code of each protocol family, for a request the policy refused. */
const REFUSAL_CODES: Record<Protocol, string> = {
  json: 'AccessDeniedException',
  'rest-json': 'AccessDeniedException',
  query: 'AccessDenied',
  ec2: 'UnauthorizedOperation',
};

function isAdminPath(path: string): boolean {
  return path === '/_teiki' || path.startsWith('/_teiki/');
}

export function createGatewayApp(deps: {
  aws: AwsHandler;
  admin: AdminHandler;
  /** `--auth enforce`: the credentials check every admin route but the open ones passes. */
  adminGuard?: AdminGuard;
  registry: ServiceRegistry;
  policy: BrowserPolicy;
  logger: Logger;
}): GatewayApp {
  /**
   * An AWS-side error for a request whose body may be unread: in its service's protocol
   * when the headers, query or path name the service, else `fallback`.
   */
  const awsError = (
    req: GatewayRequest,
    error: (protocol: Protocol) => ServiceError,
    fallback: () => WireResponse,
  ): WireResponse => {
    const service = identifyService(req, deps.registry);
    if (!service) return fallback();
    const { protocol } = service.schema;
    return codecFor(protocol).encodeError(error(protocol), service.schema, undefined, randomUUID());
  };

  const refusal = (req: GatewayRequest, verdict: Verdict & { kind: 'refuse' }): WireResponse => {
    deps.logger.warn('refused a request', {
      reason: verdict.reason,
      method: req.method,
      path: req.path,
      host: req.headers.host,
      origin: req.headers.origin,
      secFetchSite: req.headers['sec-fetch-site'],
    });
    if (isAdminPath(req.path)) return json(403, { error: 'Forbidden', message: verdict.message });
    // A browser cannot read this answer; an AWS client (a foreign Host) can, so it gets its
    // protocol's form when the service shows before the body is read, else plain text.
    const error = (protocol: Protocol) =>
      new ServiceError({ code: REFUSAL_CODES[protocol], status: 403, message: verdict.message });
    return awsError(req, error, () => ({
      status: 403,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: `${verdict.message}\n`,
    }));
  };

  const screen = (req: GatewayRequest, verdict: Verdict): WireResponse | undefined => {
    if (verdict.kind === 'refuse') return refusal(req, verdict);
    if (verdict.kind === 'preflight') return preflightResponse(verdict.corsOrigin, req.headers);
    return undefined;
  };

  const route = async (req: GatewayRequest): Promise<WireResponse> => {
    if (!isAdminPath(req.path)) return deps.aws(req);
    try {
      const guarded = deps.adminGuard ? await deps.adminGuard(req, deps.admin.accessOf(req)) : {};
      if ('refused' in guarded) return guarded.refused;
      return await deps.admin({ ...req, caller: guarded.caller });
    } catch (error) {
      if (isStorageFault(error)) {
        deps.logger.warn('an admin route could not use the data directory', {
          path: req.path,
          error: error.message,
        });
        return json(503, { error: 'ServiceUnavailable', message: error.message });
      }
      deps.logger.error('admin route failed', { path: req.path, error });
      return {
        status: 500,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          error: 'InternalError',
          message: 'teiki failed to answer; see its log.',
        }),
      };
    }
  };

  return {
    screen: (req) => screen(req, screenRequest(req, deps.policy)),
    async handle(req) {
      const verdict = screenRequest(req, deps.policy);
      const early = screen(req, verdict);
      if (early) return early;
      const response = await route(req);
      return verdict.kind === 'serve' && verdict.corsOrigin
        ? withCorsHeaders(response, verdict.corsOrigin)
        : response;
    },
    tooLarge(req, limit) {
      const error = new ServiceError({
        code: 'RequestEntityTooLargeException',
        status: 413,
        message: `Request body exceeded the ${limit}-byte limit.`,
      });
      return awsError(
        req,
        () => error,
        () => {
          const fallback = unidentifiedServiceResponse();
          return {
            ...fallback,
            status: 413,
            body: JSON.stringify({ __type: error.code, message: error.message }),
            headers: { ...fallback.headers, 'x-amzn-errortype': error.code },
          };
        },
      );
    },
  };
}
