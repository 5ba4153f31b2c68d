/**
 * A small restJson1 model for the codec tests: URI labels (one greedy), query parameters
 * (a list, a map of the rest), headers and header maps, a status-code member, payloads,
 * a literal query part in a route, and errors that spell their message `Message`.
 */
import type { OperationSchema, ServiceSchema, Shape } from '../../../src/gateway/schema/types.js';
import { thingShapes } from './fixtures.js';

const shapes: Record<string, Shape> = {
  ...thingShapes,
  GetThingInput: {
    type: 'structure',
    members: {
      Name: { shape: 'String', location: 'uri', locationName: 'Name' },
      Version: { shape: 'Integer', location: 'querystring', locationName: 'version' },
      Tags: { shape: 'StringList', location: 'querystring', locationName: 'tag' },
      Since: { shape: 'Timestamp', location: 'querystring', locationName: 'since' },
      Enabled: { shape: 'Boolean', location: 'querystring', locationName: 'enabled' },
      IfMatch: { shape: 'String', location: 'header', locationName: 'If-Match' },
      When: { shape: 'Timestamp', location: 'header', locationName: 'X-When' },
      Ids: { shape: 'IntegerList', location: 'header', locationName: 'X-Ids' },
      Meta: { shape: 'AttrMap', location: 'headers', locationName: 'x-meta-' },
    },
  },
  GetThingOutput: {
    type: 'structure',
    members: {
      ETag: { shape: 'String', location: 'header', locationName: 'ETag' },
      Modified: { shape: 'Timestamp', location: 'header', locationName: 'Last-Modified' },
      Meta: { shape: 'AttrMap', location: 'headers', locationName: 'x-meta-' },
      Status: { shape: 'Integer', location: 'statusCode' },
      Thing: { shape: 'Thing' },
      Label: { shape: 'String', locationName: 'label' },
    },
  },
  PutThingInput: {
    type: 'structure',
    members: {
      ...(thingShapes.Thing as { members: Record<string, { shape: string }> }).members,
      Name: { shape: 'String', location: 'uri', locationName: 'Name' },
    },
  },
  GetObjectInput: {
    type: 'structure',
    members: {
      Key: { shape: 'String', location: 'uri', locationName: 'Key' },
      Bucket: { shape: 'String', location: 'uri', locationName: 'Bucket' },
    },
  },
  GetObjectOutput: {
    type: 'structure',
    payload: 'Body',
    members: {
      Body: { shape: 'Blob' },
      Type: { shape: 'String', location: 'header', locationName: 'Content-Type' },
    },
  },
  PutDocInput: {
    type: 'structure',
    payload: 'Doc',
    members: {
      Id: { shape: 'String', location: 'uri', locationName: 'Id' },
      Doc: { shape: 'Inner' },
    },
  },
  PutTextInput: {
    type: 'structure',
    payload: 'Text',
    members: {
      Id: { shape: 'String', location: 'uri', locationName: 'Id' },
      Text: { shape: 'String' },
    },
  },
  QueryMapInput: {
    type: 'structure',
    members: {
      Limit: { shape: 'Integer', location: 'querystring', locationName: 'limit' },
      Rest: { shape: 'AttrMap', location: 'querystring' },
    },
  },
  ValidationException: {
    type: 'structure',
    exception: true,
    error: { httpStatusCode: 400, senderFault: true },
    members: { Message: { shape: 'String' }, Reason: { shape: 'String' } },
  },
  ConflictException: {
    type: 'structure',
    exception: true,
    error: { httpStatusCode: 409, senderFault: true },
    members: { Message: { shape: 'String' } },
  },
};

function op(
  name: string,
  method: string,
  requestUri: string,
  input?: string,
  output?: string,
  responseCode?: number,
): OperationSchema {
  return {
    name,
    http: { method, requestUri, ...(responseCode === undefined ? {} : { responseCode }) },
    ...(input ? { input } : {}),
    ...(output ? { output } : {}),
    errors: ['ValidationException', 'ConflictException'],
  };
}

export const restSchema: ServiceSchema = {
  name: 'things',
  protocol: 'rest-json',
  apiVersion: '2021-06-30',
  signingName: 'things',
  endpointPrefix: 'things',
  operations: {
    ListThings: op('ListThings', 'GET', '/things', 'QueryMapInput', 'Thing'),
    GetThing: op('GetThing', 'GET', '/things/{Name}', 'GetThingInput', 'GetThingOutput'),
    PutThing: op('PutThing', 'PUT', '/things/{Name}', 'PutThingInput', 'Thing', 201),
    DeleteThing: op('DeleteThing', 'DELETE', '/things/{Name}', 'GetObjectInput'),
    TagThing: op('TagThing', 'POST', '/things/{Name}?tagging', 'GetThingInput'),
    ExactThing: op('ExactThing', 'GET', '/things/special'),
    GetObject: op(
      'GetObject',
      'GET',
      '/objects/{Bucket}/{Key+}',
      'GetObjectInput',
      'GetObjectOutput',
    ),
    PutDoc: op('PutDoc', 'POST', '/docs/{Id}', 'PutDocInput', 'PutDocInput'),
    PutText: op('PutText', 'POST', '/texts/{Id}', 'PutTextInput', 'PutTextInput'),
  },
  shapes,
};
