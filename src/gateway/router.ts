/**
 * Which service a request is for, tried in the order AWS clients make it unambiguous:
 * the JSON protocols' `X-Amz-Target`, the SigV4 credential scope's service name, the
 * query protocols' `Version`/`Action`, and finally rest-json paths.
 */
import { randomUUID } from 'node:crypto';
import { ServiceError } from '../services/error.js';
import { credentialScopeService } from './auth/index.js';
import { codecFor, paramsOf } from './protocols/index.js';
import type { WireRequest, WireResponse } from './protocols/types.js';
import type { RegisteredService, ServiceRegistry } from './registry.js';

export function identifyService(
  req: WireRequest & { rawQuery: string },
  registry: ServiceRegistry,
): RegisteredService | undefined {
  const target = req.headers['x-amz-target'];
  if (target) {
    const byTarget = registry.byTargetPrefix(target.split('.')[0] ?? '');
    if (byTarget) return byTarget;
  }
  const scopeService = credentialScopeService(req);
  if (scopeService) {
    const byScope = registry.bySigningName(scopeService);
    if (byScope) return byScope;
  }
  const action = paramsOf(req).get('Action');
  if (action) {
    const byAction = registry.byQueryAction(action, paramsOf(req).get('Version'));
    if (byAction) return byAction;
  }
  for (const service of registry.all()) {
    if (service.schema.protocol !== 'rest-json') continue;
    if (codecFor('rest-json').resolveOperation(req, service.schema)) return service;
  }
  return undefined;
}

/**
 * The operation a request names (`Action` of a form request, the `X-Amz-Target` suffix of a
 * JSON one) when the service's generated schema leaves it out but the AWS model has it (an
 * allowlisted model, EC2's or SSM's): teiki does not implement it yet, which is not the same
 * answer as an operation AWS does not know.
 */
export function omittedOperation(req: WireRequest, service: RegisteredService): string | undefined {
  const omitted = service.schema.omittedOperations;
  if (!omitted) return undefined;
  const name =
    service.schema.protocol === 'json'
      ? req.headers['x-amz-target']?.split('.')[1]
      : paramsOf(req).get('Action');
  return name !== undefined && omitted.includes(name) ? name : undefined;
}

/**
 * Nothing names a service teiki knows. Answered in the JSON protocols' form, the one
 * most clients that reach here (hand-made requests) can read.
 */
export function unidentifiedServiceResponse(requestId: string = randomUUID()): WireResponse {
  const error = new ServiceError({
    code: 'UnknownOperationException',
    message:
      'teiki could not tell which AWS service this request is for (no X-Amz-Target, credential scope, Action or known path).',
  });
  return {
    status: error.status,
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-errortype': error.code,
      'x-amzn-requestid': requestId,
    },
    body: JSON.stringify({ __type: error.code, message: error.message }),
  };
}
