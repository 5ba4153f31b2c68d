/**
 * The gateway as a function from request to response: admin routes under `/_teiki/`,
 * everything else an AWS API call. The Node binding (http/server.ts) is one adapter;
 * tests may call the function without a port.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../engine/log.js';
import { ServiceError } from '../services/error.js';
import { isStorageFault } from '../store/fault.js';
import type { AdminRequest } from './admin/routes.js';
import type { AwsHandler, GatewayRequest } from './pipeline.js';
import { codecFor } from './protocols/index.js';
import type { WireResponse } from './protocols/types.js';
import type { ServiceRegistry } from './registry.js';
import { identifyService, unidentifiedServiceResponse } from './router.js';

export interface GatewayApp {
  handle(req: GatewayRequest): Promise<WireResponse>;
  /** The answer to a request whose body passed the size limit (read from headers alone). */
  tooLarge(req: GatewayRequest, limit: number): WireResponse;
}

export function createGatewayApp(deps: {
  aws: AwsHandler;
  admin: (req: AdminRequest) => Promise<WireResponse>;
  registry: ServiceRegistry;
  logger: Logger;
}): GatewayApp {
  return {
    async handle(req) {
      if (req.path === '/_teiki' || req.path.startsWith('/_teiki/')) {
        try {
          return await deps.admin(req);
        } catch (error) {
          if (isStorageFault(error)) {
            deps.logger.warn('an admin route could not use the data directory', {
              path: req.path,
              error: error.message,
            });
            return {
              status: 503,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ error: 'ServiceUnavailable', message: error.message }),
            };
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
      }
      return deps.aws(req);
    },
    tooLarge(req, limit) {
      const error = new ServiceError({
        code: 'RequestEntityTooLargeException',
        status: 413,
        message: `Request body exceeded the ${limit}-byte limit.`,
      });
      const service = identifyService(req, deps.registry);
      if (!service) {
        const fallback = unidentifiedServiceResponse();
        return {
          ...fallback,
          status: 413,
          body: JSON.stringify({ __type: error.code, message: error.message }),
          headers: { ...fallback.headers, 'x-amzn-errortype': error.code },
        };
      }
      return codecFor(service.schema.protocol).encodeError(
        error,
        service.schema,
        undefined,
        randomUUID(),
      );
    },
  };
}
