import { describe, expect, it } from 'vitest';
import { codecFor } from '../../../src/gateway/protocols/index.js';
import { ServiceError } from '../../../src/services/error.js';
import { bodyJson, wire } from './helpers.js';
import { fullThing, thingSchema } from './fixtures.js';

const codec = codecFor('json');
const schema = thingSchema('json');

function request(body: string, target = 'Demo_20200101.Echo') {
  return wire({
    headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.1' },
    body,
  });
}

function decodeError(body: string): ServiceError {
  try {
    codec.decodeInput(request(body), schema, 'Echo');
  } catch (error) {
    if (error instanceof ServiceError) return error;
    throw error;
  }
  throw new Error(`decoded without error: ${body}`);
}

describe('awsJson1_1 operation resolution', () => {
  it.each([
    ['Demo_20200101.Echo', 'Echo'],
    ['Demo_20200101.Ping', 'Ping'],
    ['Demo_20200101.Nope', undefined],
    ['Other_1.Echo', undefined],
    ['Demo_20200101', undefined],
    ['Echo', undefined],
  ])('X-Amz-Target %s → %s', (target, expected) => {
    expect(codec.resolveOperation(request('{}', target), schema)).toBe(expected);
  });

  it('names no operation without the header', () => {
    expect(codec.resolveOperation(wire({ body: '{}' }), schema)).toBeUndefined();
  });

  it('answers an unknown target as CloudWatch Logs does: 400 and a bare __type', () => {
    const error = codec.unknownOperation(request('{}', 'Demo_20200101.Nope'), schema, 'Nope');
    expect(error).toMatchObject({ code: 'UnknownOperationException', status: 400 });
    const res = codec.encodeError(error, schema, undefined, 'rid');
    expect(res.status).toBe(400);
    expect(bodyJson(res)).toEqual({ __type: 'UnknownOperationException' });
    expect(res.headers['x-amzn-errortype']).toBe('UnknownOperationException');
  });
});

describe('awsJson1_1 input', () => {
  it('reads every shape type', () => {
    const body = JSON.stringify({
      Name: 'n',
      Count: -7,
      Big: 9007199254740991,
      Ratio: 1.5e3,
      Small: 'NaN',
      Enabled: true,
      When: 1795860309.123,
      Data: 'AAEC+v8=',
      Tags: [{ Key: 'k', Value: 'v' }],
      Names: ['a', 'b'],
      Attributes: { x: 'y' },
      Inner: { Label: 'l', Numbers: [1, 2], When: 0 },
    }).replace('"x":"y"', '"x":"y","__proto__":"kept"');
    const input = codec.decodeInput(request(body), schema, 'Echo');
    expect(input).toEqual({
      Name: 'n',
      Count: -7,
      Big: 9007199254740991,
      Ratio: 1500,
      Small: Number.NaN,
      Enabled: true,
      When: new Date('2026-11-28T10:05:09.123Z'),
      Data: new Uint8Array([0, 1, 2, 250, 255]),
      Tags: [{ Key: 'k', Value: 'v' }],
      Names: ['a', 'b'],
      Attributes: JSON.parse('{"x":"y","__proto__":"kept"}'),
      Inner: { Label: 'l', Numbers: [1, 2], When: new Date(0) },
    });
    expect(Object.getPrototypeOf(input.Attributes)).toBe(Object.prototype);
    expect(Object.keys(input.Attributes as object)).toEqual(['x', '__proto__']);
  });

  it.each([
    ['', {}],
    ['   ', {}],
    ['{}', {}],
    ['{"Name":null,"Count":null,"Inner":{"Label":null}}', { Inner: {} }],
    ['{"Unknown":1,"Name":"n","Inner":{"Other":[1]}}', { Name: 'n', Inner: {} }],
    ['{"Names":["a",null,"b"]}', { Names: ['a', 'b'] }],
    ['{"Tags":[]}', { Tags: [] }],
    ['{"Attributes":{}}', { Attributes: {} }],
    ['{"When":"2026-11-28T10:05:09Z"}', { When: new Date('2026-11-28T10:05:09Z') }],
    ['{"Ratio":7}', { Ratio: 7 }],
    ['{"Small":"-Infinity"}', { Small: Number.NEGATIVE_INFINITY }],
    ['{"Data":""}', { Data: new Uint8Array() }],
  ])('%s → %j', (body, expected) => {
    expect(codec.decodeInput(request(body), schema, 'Echo')).toEqual(expected);
  });

  it('gives an operation without input an empty object', () => {
    expect(codec.decodeInput(request('', 'Demo_20200101.Ping'), schema, 'Ping')).toEqual({});
  });

  // Messages as AWS's JSON front end sends them; '' = AWS sends no message.
  it.each([
    ['{', ''],
    ['{"Name":"n",}', ''],
    ['null', ''],
    ['"x"', ''],
    ['1', ''],
    ['[]', 'Start of list found where not expected'],
    ['{"Count":"1"}', 'STRING_VALUE can not be converted to an Integer'],
    ['{"Count":true}', 'TRUE_VALUE can not be converted to an Integer'],
    ['{"Count":false}', 'FALSE_VALUE can not be converted to an Integer'],
    ['{"Count":[1]}', 'Start of list found where not expected'],
    ['{"Count":{"a":1}}', 'Start of structure or map found where not expected.'],
    ['{"Count":1.5}', ''],
    ['{"Count":2147483648}', ''],
    ['{"Big":"1"}', 'STRING_VALUE can not be converted to a Long'],
    ['{"Name":1}', 'NUMBER_VALUE can not be converted to a String'],
    ['{"Name":true}', 'TRUE_VALUE can not be converted to a String'],
    ['{"Name":["x"]}', 'Start of list found where not expected'],
    ['{"Name":{"a":1}}', 'Start of structure or map found where not expected.'],
    ['{"Names":[1]}', 'NUMBER_VALUE can not be converted to a String'],
    ['{"Names":"x"}', 'Expected list or null'],
    ['{"Names":{}}', 'Start of structure or map found where not expected.'],
    ['{"Names":1}', ''],
    ['{"Inner":"x"}', 'Expected null'],
    ['{"Inner":[]}', 'Start of list found where not expected'],
    ['{"Inner":1}', ''],
    ['{"Attributes":[]}', 'Start of list found where not expected'],
    ['{"Attributes":{"a":1}}', 'NUMBER_VALUE can not be converted to a String'],
    ['{"Enabled":"true"}', 'STRING_VALUE can not be converted to an Boolean'],
    ['{"Enabled":1}', 'NUMBER_VALUE can not be converted to an Boolean'],
    ['{"Ratio":"1.5"}', 'STRING_VALUE can not be converted to a Double'],
    ['{"When":true}', 'TRUE_VALUE can not be converted to a Date'],
    ['{"When":"yesterday"}', ''],
    ['{"Data":"not base64!"}', ''],
    ['{"Data":5}', 'NUMBER_VALUE can not be converted to a ByteBuffer'],
    ['{"Inner":{"Numbers":["1"]}}', 'STRING_VALUE can not be converted to an Integer'],
  ])('%s → SerializationException %j', (body, message) => {
    const error = decodeError(body);
    expect(error.code).toBe('SerializationException');
    expect(error.status).toBe(400);
    expect(error.message).toBe(message);
  });

  it('renders a SerializationException without a message as a bare __type', () => {
    const res = codec.encodeError(decodeError('{'), schema, 'Echo', 'rid');
    expect(bodyJson(res)).toEqual({ __type: 'SerializationException' });
    const withMessage = codec.encodeError(decodeError('{"Count":"1"}'), schema, 'Echo', 'rid');
    expect(bodyJson(withMessage)).toEqual({
      __type: 'SerializationException',
      message: 'STRING_VALUE can not be converted to an Integer',
    });
  });
});

describe('awsJson1_1 output', () => {
  it('writes every shape type', () => {
    const res = codec.encodeOutput(
      { ...fullThing, Extra: 'dropped', Count: null, Small: undefined },
      schema,
      'Echo',
      'rid-1',
    );
    expect(res.status).toBe(200);
    expect(res.headers).toEqual({
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-requestid': 'rid-1',
    });
    expect(bodyJson(res)).toEqual({
      Name: 'a<b>&"c\'',
      Big: 9007199254740991,
      Ratio: 0.5,
      Enabled: false,
      When: 1795860309.123,
      Data: 'AAEC+v8=',
      Tags: [
        { Key: 'env', Value: 'prod' },
        { Key: 'team', Value: '定期 ünïcode' },
      ],
      Names: ['x', '', 'z'],
      Attributes: { a: '1', 'b.c': '2' },
      Inner: { Label: 'in', Numbers: [1, 2, 3], When: 1767323045 },
    });
  });

  it('round-trips through its own decoder', () => {
    const res = codec.encodeOutput(fullThing, schema, 'Echo', 'rid');
    expect(codec.decodeInput(request(res.body as string), schema, 'Echo')).toEqual(fullThing);
  });

  it('writes non-finite floats as strings and empty containers as empty', () => {
    const res = codec.encodeOutput(
      { Ratio: Number.POSITIVE_INFINITY, Small: Number.NaN, Tags: [], Attributes: {}, Inner: {} },
      schema,
      'Echo',
      'rid',
    );
    expect(bodyJson(res)).toEqual({
      Ratio: 'Infinity',
      Small: 'NaN',
      Tags: [],
      Attributes: {},
      Inner: {},
    });
  });

  it('writes {} for an operation without output and for an undefined output', () => {
    expect(bodyJson(codec.encodeOutput(undefined, schema, 'Ping', 'rid'))).toEqual({});
    expect(bodyJson(codec.encodeOutput(undefined, schema, 'Echo', 'rid'))).toEqual({});
  });

  it('uses the application/x-amz-json-1.0 type for a 1.0 service', () => {
    const res = codec.encodeOutput({}, thingSchema('json', { jsonVersion: '1.0' }), 'Ping', 'rid');
    expect(res.headers['content-type']).toBe('application/x-amz-json-1.0');
  });
});

describe('awsJson1_1 errors', () => {
  it.each([
    [
      'a declared error with extra fields',
      new ServiceError({
        code: 'NotFound',
        message: 'no such thing',
        fields: { ResourceName: 'x', Since: new Date(1000) },
      }),
      404,
      { __type: 'NotFound', message: 'no such thing', ResourceName: 'x', Since: 1 },
    ],
    [
      'a declared error whose shape says Message',
      new ServiceError({ code: 'BoomException', message: 'down' }),
      503,
      { __type: 'BoomException', Message: 'down' },
    ],
    [
      'an undeclared error, in the service convention',
      new ServiceError({ code: 'ThrottlingException', message: 'slow down', status: 429 }),
      429,
      { __type: 'ThrottlingException', message: 'slow down' },
    ],
    [
      'an internal failure',
      new ServiceError({ code: 'InternalFailure', message: 'oops', status: 500 }),
      500,
      { __type: 'InternalFailure', message: 'oops' },
    ],
  ])('%s', (_name, error, status, body) => {
    const res = codec.encodeError(error, schema, 'Echo', 'rid-2');
    expect(res.status).toBe(status);
    expect(res.headers).toEqual({
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-requestid': 'rid-2',
      'x-amzn-errortype': error.code,
    });
    expect(bodyJson(res)).toEqual(body);
  });
});
