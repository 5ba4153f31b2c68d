/**
 * awsJson1_0 / awsJson1_1 (ECS, EventBridge, CloudWatch Logs): `POST /` with
 * `X-Amz-Target: <targetPrefix>.<Operation>` and the input as a JSON body.
 */
import type { ServiceSchema } from '../schema/types.js';
import { ServiceError } from '../../services/error.js';
import { readJsonStructure, parseJsonBody } from './json-decode.js';
import { writeJson, writeJsonStructure } from './json-encode.js';
import { eventStreamMember, eventStreamResponse } from './json-event-stream.js';
import { errorDisposition, errorShapeFor, messageMember, operationOutput } from './model.js';
import type { ProtocolCodec, WireRequest } from './types.js';

function contentType(schema: ServiceSchema): string {
  return `application/x-amz-json-${schema.jsonVersion ?? '1.1'}`;
}

/** The `<Operation>` part of the target when its prefix is this service's. */
function targetOperation(req: WireRequest, schema: ServiceSchema): string | undefined {
  const target = req.headers['x-amz-target'];
  if (target === undefined) return undefined;
  const dot = target.indexOf('.');
  if (dot === -1 || target.slice(0, dot) !== schema.targetPrefix) return undefined;
  return target.slice(dot + 1);
}

export const jsonCodec: ProtocolCodec = {
  resolveOperation(req, schema) {
    const name = targetOperation(req, schema);
    return name !== undefined && Object.hasOwn(schema.operations, name) ? name : undefined;
  },

  decodeInput(req, schema, operation) {
    const inputShape = schema.operations[operation]?.input;
    const body = parseJsonBody(req.body);
    if (inputShape === undefined) return {};
    return readJsonStructure(schema, inputShape, body);
  },

  encodeOutput(output, schema, operation, requestId) {
    const shape = operationOutput(schema, operation);
    const stream = shape && eventStreamMember(schema, shape);
    if (shape && stream) {
      return eventStreamResponse(schema, shape, stream, output, requestId, contentType(schema));
    }
    const body = shape ? writeJsonStructure(schema, shape, output) : {};
    return {
      status: 200,
      headers: { 'content-type': contentType(schema), 'x-amzn-requestid': requestId },
      body: JSON.stringify(body),
    };
  },

  encodeError(error, schema, _operation, requestId) {
    const { status } = errorDisposition(schema, error);
    return {
      status,
      headers: {
        'content-type': contentType(schema),
        'x-amzn-requestid': requestId,
        'x-amzn-errortype': error.code,
      },
      body: JSON.stringify({ __type: error.code, ...jsonErrorMembers(error, schema) }),
    };
  },

  unknownOperation() {
    // CloudWatch Logs answers an unknown target with 400 and a body of just the __type,
    // naming nothing.
    return new ServiceError({ code: 'UnknownOperationException', message: '', status: 400 });
  },
};

/**
 * The error's message under the member name its shape uses, then its extra fields,
 * encoded by the shape's members where the model declares them. Shared with rest-json.
 */
export function jsonErrorMembers(
  error: ServiceError,
  schema: ServiceSchema,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (error.message !== '') body[messageMember(schema, error.code)] = error.message;
  const shape = errorShapeFor(schema, error.code);
  for (const [name, value] of Object.entries(error.fields)) {
    const member = shape?.members[name];
    const written = member ? writeJson(schema, member, value) : value;
    if (written !== undefined && written !== null) body[member?.locationName ?? name] = written;
  }
  return body;
}
