import type { ServiceSchema } from '../schema/types.js';
import type { ServiceError } from '../../services/error.js';

/**
 * One HTTP request as the codecs see it. The gateway builds it from node:http so that
 * every codec is a pure function, unit-testable without a socket.
 */
export interface WireRequest {
  method: string;
  /** The path as received, still percent-encoded, without the query string. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: Buffer;
}

export interface WireResponse {
  status: number;
  /** Lower-cased names (HTTP names are case-insensitive; one spelling avoids duplicates). */
  headers: Record<string, string>;
  /** UTF-8 text, or bytes for a blob payload. */
  body: string | Buffer;
  /**
   * A response written as it is produced (the console's server-sent events, an AWS event
   * stream): called once the status and headers are sent, instead of `body`. It ends when
   * the promise settles; `closed` aborts when the client goes away or the server shuts
   * down. `write` resolves once the chunk is taken: at once, or when a slow client has
   * drained what was buffered before (or is gone), so a producer can hold back.
   */
  stream?: (write: (chunk: string | Buffer) => Promise<void>, closed: AbortSignal) => Promise<void>;
}

/**
 * One AWS wire protocol. Every method is pure; a codec may cache what it derives from a
 * request or a schema, keyed weakly on the object.
 */
export interface ProtocolCodec {
  /**
   * The model's name of the operation this request asks for, or undefined when it names
   * none the model has (the gateway then answers `unknownOperation`).
   */
  resolveOperation(req: WireRequest, schema: ServiceSchema): string | undefined;
  /**
   * Wire → input object shaped like the operation's input structure: member names as in
   * the model, Date for timestamps, Uint8Array for blobs, numbers, booleans; absent
   * members are left out. Unknown wire members are ignored, as AWS does. Throws a
   * ServiceError for malformed input (SerializationException for JSON, as AWS does).
   */
  decodeInput(req: WireRequest, schema: ServiceSchema, operation: string): Record<string, unknown>;
  /** Output object → wire. null and undefined members are left out. */
  encodeOutput(
    output: unknown,
    schema: ServiceSchema,
    operation: string,
    requestId: string,
  ): WireResponse;
  /** A ServiceError rendered as AWS renders errors in this protocol. */
  encodeError(
    error: ServiceError,
    schema: ServiceSchema,
    operation: string | undefined,
    requestId: string,
  ): WireResponse;
  /**
   * The error AWS answers when the operation is unknown. `name` is the name as the client
   * sent it, if any (the codec reads it from the request when not given).
   */
  unknownOperation(req: WireRequest, schema: ServiceSchema, name?: string): ServiceError;
}
