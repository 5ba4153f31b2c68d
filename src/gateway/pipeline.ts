/**
 * One AWS request, start to finish, as an ordered list of small steps:
 * identify the service → authenticate (account, region, caller) → resolve the operation →
 * decode → validate → authorize (`--auth enforce`) → dispatch → encode. Every failure
 * becomes a ServiceError rendered by the service's own codec; a storage fault becomes the
 * service's server-side error (server-faults.ts); anything else is a teiki bug, logged and
 * answered as AWS's
 * InternalFailure.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../engine/log.js';
import { ServiceError, isServiceError } from '../services/error.js';
import type { RequestContext } from '../services/context.js';
import type { GatewayMetrics } from './metrics.js';
import { codecFor } from './protocols/index.js';
import type { ProtocolCodec, WireRequest, WireResponse } from './protocols/types.js';
import type { RegisteredService, ServiceRegistry } from './registry.js';
import { heavyTurn, LARGE_BODY_BYTES } from './heavy-turns.js';
import { identifyService, omittedOperation, unidentifiedServiceResponse } from './router.js';
import type { CallerAuthorizer } from '../services/authorization/authorizer.js';
import type { Authenticator } from './identity.js';
import { storageFaultError } from './server-faults.js';
import { isStorageFault } from '../store/fault.js';
import { validationFailure } from './validate.js';

/** A request as the gateway holds it: the wire form plus the raw query SigV4 needs. */
export interface GatewayRequest extends WireRequest {
  rawQuery: string;
  /** The client's address as the socket saw it (`aws:SourceIp`). */
  remoteAddress?: string;
}

export interface PipelineDeps {
  registry: ServiceRegistry;
  authenticator: Authenticator;
  metrics: GatewayMetrics;
  logger: Logger;
  /** `--auth enforce`: the caller's policies, evaluated before an operation runs. */
  authorizer?: CallerAuthorizer;
}

export type AwsHandler = (req: GatewayRequest) => Promise<WireResponse>;

export function createAwsHandler(deps: PipelineDeps): AwsHandler {
  return async (req) => {
    const started = performance.now();
    const requestId = randomUUID();
    // Identifying a form request parses its body: a large one waits for its turn.
    if (req.body.length > LARGE_BODY_BYTES) await heavyTurn();
    const service = identifyService(req, deps.registry);
    if (!service) return unidentifiedServiceResponse(requestId);

    const codec = codecFor(service.schema.protocol);
    let operation: string | undefined;
    let response: WireResponse;
    try {
      operation = codec.resolveOperation(req, service.schema) ?? omittedOperation(req, service);
      response = await serve(deps, service, codec, req, requestId, operation);
    } catch (error) {
      response = renderError(deps, codec, service, operation, requestId, error);
    }
    response.headers['x-amzn-requestid'] ??= requestId;
    deps.metrics.record(
      service.schema.name,
      operation ?? 'unknown',
      response.status,
      (performance.now() - started) / 1000,
    );
    deps.logger.debug('request', {
      requestId,
      service: service.schema.name,
      operation,
      status: response.status,
    });
    return response;
  };
}

async function serve(
  deps: PipelineDeps,
  service: RegisteredService,
  codec: ProtocolCodec,
  req: GatewayRequest,
  requestId: string,
  operation: string | undefined,
): Promise<WireResponse> {
  const { schema } = service;
  const identity = await deps.authenticator.authenticate(req, schema.protocol);
  if (operation === undefined) throw codec.unknownOperation(req, schema);
  const implementation = service.operations[operation];
  if (!implementation) throw notImplemented(codec, req, service, operation);

  const large = req.body.length > LARGE_BODY_BYTES;
  // A large body's steps each take tens of milliseconds: others get a turn in between.
  if (large) await heavyTurn();
  const input = codec.decodeInput(req, schema, operation);
  if (large) await heavyTurn();
  const inputShape = schema.operations[operation]?.input;
  const invalid = inputShape ? validationFailure(schema, inputShape, input) : undefined;
  if (invalid) throw invalid;
  if (large) await heavyTurn();
  const ctx: RequestContext = { requestId, ...identity };
  const pending = deps.authorizer?.authorize({
    service: schema.name,
    actionPrefix: schema.signingName,
    operation,
    table: service.authorization,
    input,
    ctx,
    ...(req.remoteAddress !== undefined ? { sourceIp: req.remoteAddress } : {}),
  });
  // Usually decided without waiting: an await of nothing would still cost a turn.
  if (pending) await pending;
  const output = await implementation(input, ctx);
  return codec.encodeOutput(output, schema, operation, requestId);
}

/** An operation AWS has and teiki does not (yet): the protocol's unknown-operation answer, saying so. */
function notImplemented(
  codec: ProtocolCodec,
  req: WireRequest,
  service: RegisteredService,
  operation: string,
): ServiceError {
  const base = codec.unknownOperation(req, service.schema, operation);
  return new ServiceError({
    code: base.code,
    status: base.status,
    message: `teiki does not implement ${service.schema.signingName}:${operation} yet.`,
  });
}

function renderError(
  deps: PipelineDeps,
  codec: ProtocolCodec,
  service: RegisteredService,
  operation: string | undefined,
  requestId: string,
  error: unknown,
): WireResponse {
  if (isServiceError(error)) return codec.encodeError(error, service.schema, operation, requestId);
  if (isStorageFault(error)) {
    // Not a bug: the data directory is full or read-only. Reads still work; writes answer
    // the service's own server-side error, with what to do, until the storage recovers.
    deps.logger.warn('a request could not use the data directory', {
      requestId,
      service: service.schema.name,
      operation,
      fault: error.kind,
    });
    const answer = storageFaultError(
      service.schema,
      `teiki cannot serve this now: ${error.message}`,
    );
    return codec.encodeError(answer, service.schema, operation, requestId);
  }
  deps.logger.error('operation failed', {
    requestId,
    service: service.schema.name,
    operation,
    error,
  });
  const internal = new ServiceError({
    code: 'InternalFailure',
    message: 'We encountered an internal error. Please try again.',
    status: 500,
    fault: 'receiver',
  });
  return codec.encodeError(internal, service.schema, operation, requestId);
}
