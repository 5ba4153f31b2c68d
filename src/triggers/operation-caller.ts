/**
 * Calling one of teiki's own operations in-process, as a target does on a role's behalf
 * (Scheduler's universal `aws-sdk:SERVICE:ACTION` targets). The request is the JSON an
 * SDK would send (member names as the API spells them, PascalCase accepted for every
 * service); it is read and validated against the service's model exactly as the gateway
 * reads a request, so a bad input gets the service's own error, and the caller (the
 * target's role session) is authorized by the service's authorization table as the
 * gateway authorizes a caller, in every auth mode. The gateway supplies the
 * implementation (it owns the models), the targets only this shape.
 */
import type { RequestContext } from '../services/context.js';

export interface OperationCall {
  /** teiki's service name (`ecs`, `logs`, `events`, `ssm`…). */
  service: string;
  /** The operation as the model names it (`PutParameter`). */
  operation: string;
  /** The request as JSON. */
  document: unknown;
  ctx: RequestContext;
}

export interface OperationCaller {
  call(call: OperationCall): Promise<unknown>;
}
