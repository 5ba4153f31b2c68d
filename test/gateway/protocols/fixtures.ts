/**
 * A small model that exercises every shape type, shared by the protocol tests: `Echo`
 * takes and returns a `Thing`; `Ping` takes and returns nothing; two declared errors
 * spell their message differently.
 */
import type {
  OperationSchema,
  Protocol,
  ServiceSchema,
  Shape,
} from '../../../src/gateway/schema/types.js';

export const thingShapes: Record<string, Shape> = {
  String: { type: 'string' },
  Integer: { type: 'integer' },
  Long: { type: 'long' },
  Double: { type: 'double' },
  Float: { type: 'float' },
  Boolean: { type: 'boolean' },
  Timestamp: { type: 'timestamp' },
  Blob: { type: 'blob' },
  Tag: { type: 'structure', members: { Key: { shape: 'String' }, Value: { shape: 'String' } } },
  TagList: { type: 'list', member: { shape: 'Tag' } },
  StringList: { type: 'list', member: { shape: 'String' } },
  IntegerList: { type: 'list', member: { shape: 'Integer' } },
  AttrMap: { type: 'map', key: { shape: 'String' }, value: { shape: 'String' } },
  Inner: {
    type: 'structure',
    members: {
      Label: { shape: 'String' },
      Numbers: { shape: 'IntegerList' },
      When: { shape: 'Timestamp' },
    },
  },
  Thing: {
    type: 'structure',
    required: ['Name'],
    members: {
      Name: { shape: 'String' },
      Count: { shape: 'Integer' },
      Big: { shape: 'Long' },
      Ratio: { shape: 'Double' },
      Small: { shape: 'Float' },
      Enabled: { shape: 'Boolean' },
      When: { shape: 'Timestamp' },
      Data: { shape: 'Blob' },
      Tags: { shape: 'TagList' },
      Names: { shape: 'StringList' },
      Attributes: { shape: 'AttrMap' },
      Inner: { shape: 'Inner' },
    },
  },
  // Naming traits of the XML protocols.
  FlatList: { type: 'list', member: { shape: 'String' }, flattened: true },
  ItemList: { type: 'list', member: { shape: 'String', locationName: 'item' } },
  NamedMap: {
    type: 'map',
    key: { shape: 'String', locationName: 'Name' },
    value: { shape: 'String', locationName: 'Val' },
  },
  FlatMap: { type: 'map', key: { shape: 'String' }, value: { shape: 'String' }, flattened: true },
  Naming: {
    type: 'structure',
    members: {
      Renamed: { shape: 'String', locationName: 'renamedOnWire' },
      QueryNamed: { shape: 'String', locationName: 'xmlName', queryName: 'QueryName' },
      Flat: { shape: 'FlatList' },
      Items: { shape: 'ItemList', locationName: 'itemSet' },
      Named: { shape: 'NamedMap' },
      FlatEntries: { shape: 'FlatMap' },
      lowerCase: { shape: 'String' },
    },
  },
  NotFound: {
    type: 'structure',
    exception: true,
    error: { code: 'NotFound', httpStatusCode: 404, senderFault: true },
    members: {
      message: { shape: 'String' },
      ResourceName: { shape: 'String' },
      Since: { shape: 'Timestamp' },
    },
  },
  BoomException: {
    type: 'structure',
    exception: true,
    fault: true,
    error: { httpStatusCode: 503 },
    members: { Message: { shape: 'String' } },
  },
};

const rpc = { method: 'POST', requestUri: '/' };

export const thingOperations: Record<string, OperationSchema> = {
  Echo: {
    name: 'Echo',
    http: rpc,
    input: 'Thing',
    output: 'Thing',
    resultWrapper: 'EchoResult',
    errors: ['NotFound', 'BoomException'],
  },
  Ping: { name: 'Ping', http: rpc, errors: [] },
  Names: {
    name: 'Names',
    http: rpc,
    input: 'Naming',
    output: 'Naming',
    resultWrapper: 'NamesResult',
    errors: [],
  },
};

export function thingSchema(
  protocol: Protocol,
  overrides: Partial<ServiceSchema> = {},
): ServiceSchema {
  return {
    name: 'demo',
    protocol,
    apiVersion: '2020-01-01',
    signingName: 'demo',
    endpointPrefix: 'demo',
    targetPrefix: 'Demo_20200101',
    jsonVersion: '1.1',
    xmlNamespace: 'https://demo.amazonaws.com/doc/2020-01-01/',
    operations: thingOperations,
    shapes: thingShapes,
    ...overrides,
  };
}

/** A Thing with every member set, as a service would return it. */
export const fullThing = {
  Name: 'a<b>&"c\'',
  Count: 42,
  Big: 9007199254740991,
  Ratio: 0.5,
  Small: 1.25,
  Enabled: false,
  When: new Date('2026-11-28T10:05:09.123Z'),
  Data: new Uint8Array([0, 1, 2, 250, 255]),
  Tags: [
    { Key: 'env', Value: 'prod' },
    { Key: 'team', Value: '定期 ünïcode' },
  ],
  Names: ['x', '', 'z'],
  Attributes: { a: '1', 'b.c': '2' },
  Inner: { Label: 'in', Numbers: [1, 2, 3], When: new Date('2026-01-02T03:04:05Z') },
};
