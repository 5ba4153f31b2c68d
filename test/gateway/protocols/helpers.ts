/**
 * Shared pieces of the protocol tests: building a WireRequest, the real services'
 * schemas, and a fake transport that lets a real AWS SDK v3 client talk
 * to a codec, so the SDK's own serializer and deserializer prove the wire format.
 */
import { Readable } from 'node:stream';
import { HttpResponse, type HttpRequest } from '@smithy/core/protocols';
import type { ServiceSchema } from '../../../src/gateway/schema/types.js';
import { serviceSchemas, type ServiceName } from '../../../src/gateway/generated/index.js';
import type {
  ProtocolCodec,
  WireRequest,
  WireResponse,
} from '../../../src/gateway/protocols/types.js';
import { ServiceError, isServiceError } from '../../../src/services/error.js';

export function wire(
  init: Partial<Omit<WireRequest, 'body' | 'query'>> & {
    body?: string | Buffer;
    query?: string | URLSearchParams;
  },
): WireRequest {
  return {
    method: init.method ?? 'POST',
    path: init.path ?? '/',
    query:
      typeof init.query === 'string'
        ? new URLSearchParams(init.query)
        : (init.query ?? new URLSearchParams()),
    headers: init.headers ?? {},
    body:
      typeof init.body === 'string'
        ? Buffer.from(init.body, 'utf8')
        : (init.body ?? Buffer.alloc(0)),
  };
}

export function bodyText(res: WireResponse): string {
  return typeof res.body === 'string' ? res.body : res.body.toString('utf8');
}

export function bodyJson(res: WireResponse): unknown {
  return JSON.parse(bodyText(res));
}

/** The generated schema of a real service (src/gateway/generated, from the AWS models). */
export function realSchema(service: ServiceName): ServiceSchema {
  return serviceSchemas[service];
}

/** The SDK's outgoing request as the gateway would hand it to a codec. */
export function fromSdkRequest(request: HttpRequest): WireRequest {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (Array.isArray(value)) for (const v of value) query.append(key, v);
    else if (value !== null && value !== undefined) query.append(key, value);
  }
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.headers)) headers[key.toLowerCase()] = value;
  return {
    method: request.method,
    // The SDK keeps its path percent-encoded, as it goes on the wire.
    path: request.path,
    query,
    headers,
    body: sdkBody(request.body),
  };
}

function sdkBody(body: unknown): Buffer {
  // The SDK may hand a Uint8Array that warns when a string method touches it: copy its bytes.
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return Buffer.alloc(0);
}

export type Implementation = (operation: string, input: Record<string, unknown>) => unknown;

export interface FakeAws {
  /** Pass as the client's `requestHandler`. */
  requestHandler: {
    handle(request: HttpRequest): Promise<{ response: HttpResponse }>;
    updateHttpClientConfig(): void;
    httpHandlerConfigs(): Record<string, never>;
  };
  /** Every call the codec decoded, in order. */
  calls: { operation: string; input: Record<string, unknown>; request: WireRequest }[];
  /** Every response the codec encoded, in order. */
  responses: WireResponse[];
}

/** A transport that serves an SDK client's requests with a codec and `impl`, as the gateway would. */
export function fakeAws(
  codec: ProtocolCodec,
  schema: ServiceSchema,
  impl: Implementation,
  requestId = 'req-0001',
): FakeAws {
  const calls: FakeAws['calls'] = [];
  const responses: WireResponse[] = [];
  const serve = async (request: WireRequest): Promise<WireResponse> => {
    let operation: string | undefined;
    try {
      operation = codec.resolveOperation(request, schema);
      if (operation === undefined) throw codec.unknownOperation(request, schema);
      const input = codec.decodeInput(request, schema, operation);
      calls.push({ operation, input, request });
      const output = await impl(operation, input);
      return codec.encodeOutput(output, schema, operation, requestId);
    } catch (error) {
      if (isServiceError(error)) return codec.encodeError(error, schema, operation, requestId);
      throw error;
    }
  };
  return {
    calls,
    responses,
    requestHandler: {
      async handle(request) {
        const res = await serve(fromSdkRequest(request));
        responses.push(res);
        const bytes = typeof res.body === 'string' ? Buffer.from(res.body, 'utf8') : res.body;
        return {
          response: new HttpResponse({
            statusCode: res.status,
            headers: { ...res.headers },
            body: Readable.from([bytes]),
          }),
        };
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
    },
  };
}

/** Client options for a fake transport: no retries, fixed credentials, a local endpoint. */
export function clientOptions(fake: FakeAws) {
  return {
    region: 'us-east-1',
    endpoint: 'http://localhost:4566',
    credentials: {
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    },
    maxAttempts: 1,
    requestHandler: fake.requestHandler,
  };
}

/** A form-encoded request, as the query and EC2 protocols send. */
export function form(body: string): WireRequest {
  return wire({
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
  });
}

/** Decoding form bodies of `schema`'s operations with `codec`, and the errors it raises. */
export function formDecoder(codec: ProtocolCodec, schema: ServiceSchema, version: string) {
  const decode = (body: string, operation = 'Echo') =>
    codec.decodeInput(form(`Action=${operation}&Version=${version}&${body}`), schema, operation);
  const decodeError = (body: string): ServiceError => {
    try {
      decode(body);
    } catch (error) {
      if (error instanceof ServiceError) return error;
      throw error;
    }
    throw new Error(`decoded without error: ${body}`);
  };
  return { decode, decodeError };
}
