/** How an API destination request is built from the destination, target, connection and event. */
import { describe, expect, it } from 'vitest';
import type { ApiDestinationRecord } from '../../../src/services/events/api-destinations/records.js';
import type { ConnectionCredentials } from '../../../src/services/events/connections/credentials.js';
import type { HttpParameters } from '../../../src/services/events/generated/types.js';
import { buildApiDestinationRequest } from '../../../src/triggers/targets/api-destination-request.js';
import { TargetError } from '../../../src/triggers/target-error.js';

function destination(endpoint: string, method: ApiDestinationRecord['httpMethod'] = 'POST') {
  return {
    name: 'd',
    arn: 'arn:aws:events:us-east-1:000000000000:api-destination/d/u',
    connectionArn: 'arn:aws:events:us-east-1:000000000000:connection/c/u',
    invocationEndpoint: endpoint,
    httpMethod: method,
    invocationRateLimitPerSecond: 300,
    creationTime: 0,
    lastModifiedTime: 0,
  } satisfies ApiDestinationRecord;
}

const EVENT = { id: 'e1', 'detail-type': 'Order Placed', detail: { id: 'o-9', n: 3 } };

function build(options: {
  endpoint: string;
  method?: ApiDestinationRecord['httpMethod'];
  parameters?: HttpParameters;
  credentials?: ConnectionCredentials;
  payload?: string;
}) {
  return buildApiDestinationRequest({
    destination: destination(options.endpoint, options.method),
    parameters: options.parameters,
    credentials: options.credentials ?? {},
    authorization: { header: 'Authorization', value: 'Basic x' },
    payload: options.payload ?? '{"a":1}',
    event: EVENT,
  });
}

describe('path parameters', () => {
  const cases: Array<[string, string[], string]> = [
    ['https://h/orders/*', ['o-1'], '/orders/o-1'],
    ['https://h/a/*/b/*', ['x', 'y z'], '/a/x/b/y%20z'],
    ['https://h/items/*', ['$.detail.id'], '/items/o-9'],
    ['https://h/plain', [], '/plain'],
  ];
  for (const [endpoint, values, path] of cases) {
    it(`${endpoint} with ${JSON.stringify(values)} → ${path}`, () => {
      expect(build({ endpoint, parameters: { PathParameterValues: values } }).url.pathname).toBe(
        path,
      );
    });
  }

  it('refuses a count of values that does not match the wildcards', () => {
    expect(() =>
      build({ endpoint: 'https://h/a/*', parameters: { PathParameterValues: [] } }),
    ).toThrow(TargetError);
  });
});

describe('headers and query strings', () => {
  it('merges target and connection parameters, the connection winning, and keeps AWS headers', () => {
    const request = build({
      endpoint: 'https://h/p?fixed=1',
      parameters: {
        HeaderParameters: { 'X-Kind': '$.detail-type', 'x-shared': 'target', Host: 'evil' },
        QueryStringParameters: { q: 'target', n: '$.detail.n' },
      },
      credentials: {
        invocation_http_parameters: {
          header_parameters: [{ key: 'X-Shared', value: 'connection', is_value_secret: false }],
          query_string_parameters: [{ key: 'q', value: 'connection', is_value_secret: true }],
        },
      },
    });
    expect(Object.fromEntries(request.url.searchParams)).toEqual({
      fixed: '1',
      q: 'connection',
      n: '3',
    });
    expect(request.headers).toEqual({
      'X-Kind': 'Order Placed',
      'X-Shared': 'connection',
      Authorization: 'Basic x',
      'Content-Type': 'application/json; charset=utf-8',
      'User-Agent': 'Amazon/EventBridge/ApiDestinations',
      Range: 'bytes=0-1048575',
      'Accept-Encoding': 'gzip,deflate',
      Connection: 'close',
    });
  });

  it('keeps a Content-Type the target gives', () => {
    const request = build({
      endpoint: 'https://h/',
      parameters: { HeaderParameters: { 'content-type': 'text/plain' } },
    });
    expect(request.headers['content-type']).toBe('text/plain');
    expect(request.headers['Content-Type']).toBeUndefined();
  });
});

describe('the body', () => {
  const cases: Array<[string, ApiDestinationRecord['httpMethod'], string, string | undefined]> = [
    ['a JSON object gains the connection body parameters', 'POST', '{"a":1}', '{"a":1,"k":"v"}'],
    ['a JSON array is sent as it is', 'PUT', '[1]', '[1]'],
    ['plain text is sent as it is', 'PATCH', 'hello', 'hello'],
    ['GET sends no body', 'GET', '{"a":1}', undefined],
    ['HEAD sends no body', 'HEAD', '{"a":1}', undefined],
  ];
  for (const [name, method, payload, body] of cases) {
    it(name, () => {
      const request = build({
        endpoint: 'https://h/',
        method,
        payload,
        credentials: {
          invocation_http_parameters: {
            body_parameters: [{ key: 'k', value: 'v', is_value_secret: false }],
          },
        },
      });
      expect(request.body).toBe(body);
    });
  }
});
