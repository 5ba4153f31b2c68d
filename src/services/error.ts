/**
 * The one error type of teiki's AWS surface. A service throws it; each protocol codec
 * renders it exactly as AWS does (`__type` for JSON, `<ErrorResponse>` for query,
 * `<Response><Errors>` for EC2, `x-amzn-ErrorType` for rest-json).
 *
 * Generated per-service subclasses (`src/services/<svc>/generated/errors.ts`) fix the
 * code and status of each error the model declares; hand code uses those.
 */
export interface ServiceErrorInit {
  /** The wire code: `ResourceNotFoundException`, `NoSuchEntity`, `InvalidVpcID.NotFound`. */
  code: string;
  message: string;
  /** HTTP status; 400 unless the model or AWS says otherwise. */
  status?: number;
  /** Sender (client) fault or receiver (server) fault; query protocols print it as `<Type>`. */
  fault?: 'sender' | 'receiver';
  /** Extra members of the error shape to put on the wire (rest-json/json body fields). */
  fields?: Record<string, unknown>;
  cause?: unknown;
}

export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  readonly code: string;
  readonly status: number;
  readonly fault: 'sender' | 'receiver';
  readonly fields: Record<string, unknown>;

  constructor(init: ServiceErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.status = init.status ?? 400;
    this.fault = init.fault ?? (this.status >= 500 ? 'receiver' : 'sender');
    this.fields = init.fields ?? {};
  }
}

export function isServiceError(value: unknown): value is ServiceError {
  return value instanceof ServiceError;
}
