import { describe, expect, it } from 'vitest';
import { codecFor } from '../../../src/gateway/protocols/index.js';
import { ServiceError } from '../../../src/services/error.js';
import { bodyJson, bodyText, wire } from './helpers.js';
import { fullThing } from './fixtures.js';
import { restSchema } from './rest-json-fixtures.js';

const codec = codecFor('rest-json');

const schema = restSchema;

function req(
  method: string,
  path: string,
  init: { query?: string; headers?: Record<string, string>; body?: string } = {},
) {
  return wire({
    method,
    path,
    query: init.query ?? '',
    headers: init.headers ?? {},
    body: init.body ?? '',
  });
}

describe('restJson1 routing', () => {
  it.each([
    ['GET', '/things', '', 'ListThings'],
    ['GET', '/things/', '', 'ListThings'],
    ['GET', '/things/abc', '', 'GetThing'],
    ['get', '/things/abc', '', 'GetThing'],
    ['GET', '/things/special', '', 'ExactThing'],
    ['GET', '/things/a%2Fb', '', 'GetThing'],
    ['PUT', '/things/abc', '', 'PutThing'],
    ['DELETE', '/things/abc', '', 'DeleteThing'],
    ['POST', '/things/abc', 'tagging', 'TagThing'],
    ['POST', '/things/abc', 'tagging=&x=1', 'TagThing'],
    ['POST', '/things/abc', '', undefined],
    ['GET', '/things/abc/def', '', undefined],
    ['GET', '/objects/b/k', '', 'GetObject'],
    ['GET', '/objects/b/a/b/c.txt', '', 'GetObject'],
    ['GET', '/objects/b', '', undefined],
    ['GET', '/objects/b/', '', undefined],
    ['PATCH', '/things/abc', '', undefined],
    ['GET', '/', '', undefined],
    ['GET', '/nothing', '', undefined],
  ])('%s %s ?%s → %s', (method, path, query, expected) => {
    expect(codec.resolveOperation(req(method, path, { query }), schema)).toBe(expected);
  });

  it('answers an unknown route with 404 UnknownOperationException', () => {
    const error = codec.unknownOperation(req('GET', '/nothing'), schema);
    expect(error).toMatchObject({ code: 'UnknownOperationException', status: 404 });
    const res = codec.encodeError(error, schema, undefined, 'rid');
    expect(res.status).toBe(404);
    expect(res.headers['x-amzn-errortype']).toBe('UnknownOperationException');
    // The service's errors spell the member Message.
    expect(bodyJson(res)).toEqual({ Message: 'Unknown Operation' });
  });
});

describe('restJson1 input', () => {
  it('reads URI labels, query parameters, headers and header maps', () => {
    const input = codec.decodeInput(
      req('GET', '/things/my%20thing%2Fx', {
        query: 'version=3&tag=a&tag=b&since=2026-11-28T10%3A05%3A09Z&enabled=true&other=ignored',
        headers: {
          'if-match': '"etag"',
          'x-when': 'Sat, 28 Nov 2026 10:05:09 GMT',
          'x-ids': '1, 2,3',
          'x-meta-color': 'red',
          'x-meta-size': 'L',
          host: 'h',
        },
      }),
      schema,
      'GetThing',
    );
    expect(input).toEqual({
      Name: 'my thing/x',
      Version: 3,
      Tags: ['a', 'b'],
      Since: new Date('2026-11-28T10:05:09Z'),
      Enabled: true,
      IfMatch: '"etag"',
      When: new Date('2026-11-28T10:05:09Z'),
      Ids: [1, 2, 3],
      Meta: { color: 'red', size: 'L' },
    });
  });

  it('leaves absent bindings out', () => {
    expect(codec.decodeInput(req('GET', '/things/x'), schema, 'GetThing')).toEqual({ Name: 'x' });
  });

  it('reads a greedy label with its slashes', () => {
    expect(
      codec.decodeInput(req('GET', '/objects/bkt/a/b%20c/d.txt'), schema, 'GetObject'),
    ).toEqual({ Bucket: 'bkt', Key: 'a/b c/d.txt' });
  });

  it('reads the JSON body beside the labels, the label winning over a body member of the same name', () => {
    const body = JSON.stringify({
      Name: 'from-body',
      Count: 2,
      When: 1795860309,
      Tags: [{ Key: 'k' }],
      Inner: { Numbers: [1] },
    });
    expect(codec.decodeInput(req('PUT', '/things/from-uri', { body }), schema, 'PutThing')).toEqual(
      {
        Name: 'from-uri',
        Count: 2,
        When: new Date('2026-11-28T10:05:09Z'),
        Tags: [{ Key: 'k' }],
        Inner: { Numbers: [1] },
      },
    );
  });

  it('takes an empty body as no body members', () => {
    expect(codec.decodeInput(req('PUT', '/things/x'), schema, 'PutThing')).toEqual({ Name: 'x' });
  });

  it('reads a structure payload and a string payload', () => {
    expect(
      codec.decodeInput(
        req('POST', '/docs/d1', { body: '{"Label":"l","Numbers":[4]}' }),
        schema,
        'PutDoc',
      ),
    ).toEqual({ Id: 'd1', Doc: { Label: 'l', Numbers: [4] } });
    expect(
      codec.decodeInput(req('POST', '/texts/t1', { body: 'plain "text"' }), schema, 'PutText'),
    ).toEqual({ Id: 't1', Text: 'plain "text"' });
  });

  it('gives unbound query parameters to a querystring map', () => {
    expect(
      codec.decodeInput(
        req('GET', '/things', { query: 'limit=5&a=1&b=2&a=3' }),
        schema,
        'ListThings',
      ),
    ).toEqual({ Limit: 5, Rest: { a: '1', b: '2' } });
  });

  it.each([
    [
      'GetThing',
      'GET',
      '/things/x',
      'version=abc',
      {},
      '',
      "Value 'abc' at 'version' can not be converted to an Integer",
    ],
    [
      'GetThing',
      'GET',
      '/things/x',
      'enabled=yes',
      {},
      '',
      "Value 'yes' at 'enabled' can not be converted to a Boolean",
    ],
    [
      'GetThing',
      'GET',
      '/things/x',
      'since=yesterday',
      {},
      '',
      "Value 'yesterday' at 'since' can not be converted to a Timestamp",
    ],
    [
      'GetThing',
      'GET',
      '/things/x',
      '',
      { 'x-when': '2026-11-28' },
      '',
      "Value '2026-11-28' at 'X-When' can not be converted to a Timestamp",
    ],
    [
      'GetThing',
      'GET',
      '/things/%E0%A4%A',
      '',
      {},
      '',
      "The URI label 'Name' is not properly percent-encoded",
    ],
    ['PutThing', 'PUT', '/things/x', '', {}, '{', ''],
    [
      'PutThing',
      'PUT',
      '/things/x',
      '',
      {},
      '{"Count":"1"}',
      'STRING_VALUE can not be converted to an Integer',
    ],
    ['PutThing', 'PUT', '/things/x', '', {}, '[1]', 'Start of list found where not expected'],
  ])(
    '%s %s %s ?%s → SerializationException',
    (operation, method, path, query, headers, body, message) => {
      let caught: unknown;
      try {
        codec.decodeInput(req(method, path, { query, headers, body }), schema, operation);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ServiceError);
      expect(caught).toMatchObject({ code: 'SerializationException', status: 400, message });
    },
  );
});

describe('restJson1 output', () => {
  it('writes the body, the response code and the request id', () => {
    const res = codec.encodeOutput(fullThing, schema, 'PutThing', 'rid-1');
    expect(res.status).toBe(201);
    expect(res.headers).toEqual({
      'content-type': 'application/json',
      'x-amzn-requestid': 'rid-1',
    });
    expect(bodyJson(res)).toMatchObject({
      Name: 'a<b>&"c\'',
      When: 1795860309.123,
      Data: 'AAEC+v8=',
    });
  });

  it('writes header bindings, header maps and the status code member, the rest in the body', () => {
    const res = codec.encodeOutput(
      {
        ETag: '"v1"',
        Modified: new Date('2026-11-28T10:05:09Z'),
        Meta: { Color: 'red' },
        Status: 202,
        Thing: { Name: 'n' },
        Label: 'l',
        Unknown: 1,
      },
      schema,
      'GetThing',
      'rid',
    );
    expect(res.status).toBe(202);
    expect(res.headers).toEqual({
      'content-type': 'application/json',
      'x-amzn-requestid': 'rid',
      etag: '"v1"',
      'last-modified': 'Sat, 28 Nov 2026 10:05:09 GMT',
      'x-meta-color': 'red',
    });
    expect(bodyJson(res)).toEqual({ Thing: { Name: 'n' }, label: 'l' });
  });

  it('writes {} for an operation without output', () => {
    const res = codec.encodeOutput(undefined, schema, 'DeleteThing', 'rid');
    expect(res.status).toBe(200);
    expect(bodyJson(res)).toEqual({});
  });

  it('writes a blob payload as the raw body', () => {
    const res = codec.encodeOutput(
      { Body: new Uint8Array([0xff, 0, 0x41]), Type: 'image/png' },
      schema,
      'GetObject',
      'rid',
    );
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.body).toEqual(Buffer.from([0xff, 0, 0x41]));
  });

  it('writes a structure payload as the whole body', () => {
    const res = codec.encodeOutput({ Id: 'x', Doc: { Label: 'l' } }, schema, 'PutDoc', 'rid');
    expect(bodyJson(res)).toEqual({ Label: 'l' });
  });
});

describe('restJson1 errors', () => {
  it.each([
    [
      'a declared error',
      new ServiceError({ code: 'ConflictException', message: 'exists' }),
      409,
      { Message: 'exists' },
    ],
    [
      'a declared error with a field',
      new ServiceError({ code: 'ValidationException', message: 'bad', fields: { Reason: 'r' } }),
      400,
      { Message: 'bad', Reason: 'r' },
    ],
    [
      'an undeclared error',
      new ServiceError({ code: 'ThrottlingException', message: 'slow', status: 429 }),
      429,
      { Message: 'slow' },
    ],
    [
      'a message-less error',
      new ServiceError({ code: 'SerializationException', message: '' }),
      400,
      {},
    ],
  ])('%s', (_name, error, status, body) => {
    const res = codec.encodeError(error, schema, 'GetThing', 'rid-4');
    expect(res.status).toBe(status);
    expect(res.headers).toEqual({
      'content-type': 'application/json',
      'x-amzn-requestid': 'rid-4',
      'x-amzn-errortype': error.code,
    });
    expect(bodyText(res)).toBe(JSON.stringify(body));
  });
});
