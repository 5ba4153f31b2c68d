/**
 * restJson1 (EventBridge Scheduler): the operation is the HTTP method and path; the input
 * comes from URI labels, query parameters, headers and a JSON body (or one `payload`
 * member); the output from the status code, headers and a JSON body.
 */
import { ServiceError } from '../../services/error.js';
import type { ServiceSchema, StructureShape } from '../schema/types.js';
import { jsonErrorMembers } from './json.js';
import { parseJsonBody, readJson, readJsonStructure } from './json-decode.js';
import { isRecord, writeJson, writeJsonStructure } from './json-encode.js';
import { errorDisposition, operationInput, operationOutput, shapeOf } from './model.js';
import { scalarText } from './objects.js';
import { readBindings, writeBindings } from './rest-bindings.js';
import { findRoute, routeLabels } from './rest-route.js';
import type { ProtocolCodec, WireRequest, WireResponse } from './types.js';

const JSON_TYPE = 'application/json';

export const restJsonCodec: ProtocolCodec = {
  resolveOperation(req, schema) {
    return findRoute(req, schema)?.operation;
  },

  decodeInput(req, schema, operation) {
    const shapeName = schema.operations[operation]?.input;
    const shape = operationInput(schema, operation);
    if (shapeName === undefined || !shape) return {};
    const labels = routeLabels(req, schema, operation) ?? {};
    return {
      ...readBody(req, schema, shapeName, shape),
      ...readBindings(schema, shape, req, labels),
    };
  },

  encodeOutput(output, schema, operation, requestId) {
    const shape = operationOutput(schema, operation);
    const status = schema.operations[operation]?.http.responseCode ?? 200;
    const response: WireResponse = {
      status,
      headers: { 'content-type': JSON_TYPE, 'x-amzn-requestid': requestId },
      body: '{}',
    };
    if (!shape || !isRecord(output)) return response;
    writeBody(response, schema, shape, output);
    // After the body, so a bound Content-Type wins over the payload's default.
    const bound = writeBindings(schema, shape, output);
    Object.assign(response.headers, bound.headers);
    if (bound.status !== undefined) response.status = bound.status;
    return response;
  },

  encodeError(error, schema, _operation, requestId) {
    const { status } = errorDisposition(schema, error);
    return {
      status,
      headers: {
        'content-type': JSON_TYPE,
        'x-amzn-requestid': requestId,
        'x-amzn-errortype': error.code,
      },
      body: JSON.stringify(jsonErrorMembers(error, schema)),
    };
  },

  unknownOperation() {
    // What AWS's REST front ends say to a method and path no operation has.
    return new ServiceError({
      code: 'UnknownOperationException',
      message: 'Unknown Operation',
      status: 404,
    });
  },
};

function readBody(
  req: WireRequest,
  schema: ServiceSchema,
  shapeName: string,
  shape: StructureShape,
): Record<string, unknown> {
  if (shape.payload !== undefined) {
    const member = shape.members[shape.payload];
    if (!member || req.body.length === 0) return {};
    const payloadShape = shapeOf(schema, member.shape);
    if (payloadShape.type === 'blob') return { [shape.payload]: new Uint8Array(req.body) };
    if (payloadShape.type === 'string') return { [shape.payload]: req.body.toString('utf8') };
    const value = readJson(schema, member, parseJsonBody(req.body));
    return value === undefined ? {} : { [shape.payload]: value };
  }
  const hasBodyMembers = Object.values(shape.members).some((m) => m.location === undefined);
  if (!hasBodyMembers || req.body.length === 0) return {};
  return readJsonStructure(schema, shapeName, parseJsonBody(req.body));
}

function writeBody(
  response: WireResponse,
  schema: ServiceSchema,
  shape: StructureShape,
  output: Record<string, unknown>,
): void {
  if (shape.payload === undefined) {
    response.body = JSON.stringify(writeJsonStructure(schema, shape, output));
    return;
  }
  const member = shape.members[shape.payload];
  const value = output[shape.payload];
  if (!member || value === null || value === undefined) return;
  const payloadShape = shapeOf(schema, member.shape);
  if (payloadShape.type === 'blob') {
    response.headers['content-type'] = 'application/octet-stream';
    response.body = Buffer.from(value as Uint8Array);
  } else if (payloadShape.type === 'string') {
    response.headers['content-type'] = 'text/plain';
    response.body = scalarText(value);
  } else {
    response.body = JSON.stringify(writeJson(schema, member, value) ?? {});
  }
}
