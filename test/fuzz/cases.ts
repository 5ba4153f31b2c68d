/**
 * One fuzz case from a seed: an AWS operation of any protocol (an input that fits the
 * model, one with bad values at some of its places, or a request broken below the model:
 * bodies, encodings, headers, counts, paths), or an admin route with odd values.
 */
import type { ServiceSchema } from '../../src/gateway/schema/types.js';
import { adminCase } from './admin-cases.js';
import type { RawRequest } from './http.js';
import type { Rng } from '../helpers/rng.js';
import { badValue, oddText, validInput, type Value } from './values.js';
import { numberedRun } from './runs.js';
import {
  authorization,
  encodeRequest,
  formBody,
  formText,
  type Caller,
  type WireCase,
} from './wire.js';

export interface FuzzCase {
  /** What the case is, for the report: `logs:FilterLogEvents mutated`. */
  label: string;
  kind: 'aws' | 'admin';
  /** An operation that may change state (not Describe/List/Get/Test/…). */
  write: boolean;
  /** The service's protocol, to read an error from the answer. */
  protocol?: ServiceSchema['protocol'];
  request: RawRequest;
}

export interface Target {
  schema: ServiceSchema;
  operation: string;
}

const READS = /^(Describe|List|Get|Test|Filter|Lookup|Search|Simulate|Validate)/;

/** Requests that would run host processes are always given a task definition that cannot exist. */
const NEVER_RUN = new Set(['RunTask', 'StartTask']);

const CALLERS: Caller[] = [
  { accessKeyId: 'test', region: 'us-east-1' },
  { accessKeyId: '000000000000', region: 'us-east-1' },
  { accessKeyId: '111111111111', region: 'eu-west-1' },
  { accessKeyId: 'AKIAFUZZFUZZFUZZFUZZ', region: 'ap-northeast-1' },
];

/** The runs the largest cases send, up to the most a case draws. */
const JSON_KEYS = numberedRun((i) => `"k${i}":${i}`, ',', 50_000);
const FILTERS = numberedRun((i) => formText([[`Filter.${i + 1}.Name`, 'vpc-id']]), '&', 30_000);
const FILTER_VALUES = numberedRun(
  (i) => formText([[`Filter.1.Value.${i + 1}`, `vpc-${i}`]]),
  '&',
  20_000,
);
const MEMBERS = numberedRun((i) => formText([[`Tags.member.${i + 1}.Key`, `k${i}`]]), '&', 50_000);

export function isWrite(operation: string): boolean {
  return !READS.test(operation);
}

export function generateCase(rng: Rng, targets: readonly Target[]): FuzzCase {
  if (rng.chance(0.12)) return adminCase(rng);
  const target = rng.pick(targets);
  const { schema, operation } = target;
  const caller = rng.pick(CALLERS);
  const strategy = rng.weighted([
    [25, 'valid'],
    [45, 'mutated'],
    [30, 'raw'],
  ] as const);
  const op = schema.operations[operation]!;
  const generated = op.input
    ? validInput(rng, schema, op.input)
    : { value: {} as { [key: string]: Value }, slots: [] };
  if (strategy === 'mutated' && generated.slots.length > 0) {
    const n = rng.int(1, 3);
    for (let i = 0; i < n; i++) {
      const slot = rng.pick(generated.slots);
      slot.set(badValue(rng, schema, slot.ref));
    }
  }
  if (NEVER_RUN.has(operation)) generated.value.taskDefinition = 'fz-never-registered';
  let request = encodeRequest(schema, operation, generated.value, caller, {
    rawPath: rng.chance(0.3),
  });
  let how: string = strategy;
  if (strategy === 'raw') {
    const broken = breakRequest(rng, schema, operation, request, caller);
    request = broken.request;
    how = `raw ${broken.how}`;
  }
  return {
    label: `${schema.name}:${operation} ${how}`,
    kind: 'aws',
    write: isWrite(operation),
    protocol: schema.protocol,
    request,
  };
}

/** Breaks a well-formed request below the model: body, encoding, headers, counts, paths. */
function breakRequest(
  rng: Rng,
  schema: ServiceSchema,
  operation: string,
  request: WireCase,
  caller: Caller,
): { how: string; request: WireCase } {
  const form = schema.protocol === 'query' || schema.protocol === 'ec2';
  const choices: Array<[string, () => WireCase]> = [
    [
      'truncated body',
      () => ({ ...request, body: request.body.subarray(0, rng.int(0, request.body.length)) }),
    ],
    ['garbage body', () => ({ ...request, body: randomBytes(rng, rng.int(1, 4096)) })],
    [
      'invalid utf-8',
      () => ({
        ...request,
        body: Buffer.concat([
          request.body,
          Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
        ]),
      }),
    ],
    [
      'not json',
      () => ({
        ...request,
        body: Buffer.from(
          rng.pick([
            '{',
            '{"a":}',
            '[1,]',
            '{"a":NaN}',
            "{'a':1}",
            '{"a":1}{"b":2}',
            '"str"',
            '123',
            'null',
            '{"a":1,"a":2}',
            '\ufeff{}',
            '{"\\ud800":1}',
          ]),
        ),
      }),
    ],
    [
      'deep nesting',
      () => ({ ...request, body: Buffer.from(`${'['.repeat(rng.int(1_001, 200_000))}`) }),
    ],
    [
      'deep object',
      () => ({
        ...request,
        body: Buffer.from(`{"a":${'{"a":'.repeat(rng.int(900, 5_000))}1${'}'.repeat(5_001)}`),
      }),
    ],
    ['no content-type', () => ({ ...request, headers: without(request.headers, 'content-type') })],
    [
      'odd content-type',
      () => ({
        ...request,
        headers: {
          ...request.headers,
          'content-type': rng.pick([
            'text/plain',
            'application/json; charset=ebcdic',
            'multipart/form-data',
            'application/x-amz-json-9.9',
          ]),
        },
      }),
    ],
    ['no auth', () => ({ ...request, headers: without(request.headers, 'authorization') })],
    [
      'bad auth',
      () => ({
        ...request,
        headers: {
          ...request.headers,
          authorization: rng.pick([
            'AWS4-HMAC-SHA256',
            'Basic Zm9vOmJhcg==',
            'AWS4-HMAC-SHA256 Credential=/',
            `AWS4-HMAC-SHA256 Credential=${'x'.repeat(5000)}/a/b/c/aws4_request`,
            'AWS4-HMAC-SHA256 Credential=test/20261128/us-east-1/nope/aws4_request, SignedHeaders=, Signature=',
          ]),
        },
      }),
    ],
    [
      'odd method',
      () => ({
        ...request,
        method: rng.pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']),
      }),
    ],
    [
      'odd path',
      () => ({
        ...request,
        path: rng.pick([
          '/x',
          '/..',
          '/%2e%2e/%2e%2e/etc/passwd',
          '//',
          `/${'a/'.repeat(2000)}`,
          '/?Action=',
          '/schedules/%00',
          '/schedules/../schedule-groups',
        ]),
      }),
    ],
  ];
  if (schema.protocol === 'json') {
    choices.push(
      [
        'unknown target',
        () => ({
          ...request,
          headers: {
            ...request.headers,
            'x-amz-target': rng.pick([
              `${schema.targetPrefix}.NoSuchOp`,
              `${schema.targetPrefix}.`,
              `${schema.targetPrefix}.${operation.toLowerCase()}`,
              '.',
              'x'.repeat(3000),
              `${schema.targetPrefix}.__proto__`,
            ]),
          },
        }),
      ],
      [
        'huge array',
        () => ({
          ...request,
          body: Buffer.from(`{"x":[${'1,'.repeat(rng.int(10_000, 300_000))}1]}`),
        }),
      ],
      [
        'many keys',
        () => ({
          ...request,
          body: Buffer.from(`{${JSON_KEYS(rng.int(1_000, 50_000))}}`),
        }),
      ],
    );
  }
  if (form) {
    choices.push(
      ['many filters', () => withParams(request, schema, operation, FILTERS(rng.int(201, 30_000)))],
      [
        'many filter values',
        () =>
          withParams(
            request,
            schema,
            operation,
            `${formText([['Filter.1.Name', 'vpc-id']])}&${FILTER_VALUES(rng.int(201, 20_000))}`,
          ),
      ],
      [
        'sparse index',
        () =>
          withParams(
            request,
            schema,
            operation,
            formText([
              [
                `Filter.${rng.pick(['0', '-1', '1e30', '99999999999999999999', '01', '1.5', ''])}.Name`,
                'x',
              ],
            ]),
          ),
      ],
      [
        'dotted key',
        () =>
          withParams(
            request,
            schema,
            operation,
            formText([[`${'a.'.repeat(rng.int(1_000, 100_000))}a`, 'x']]),
          ),
      ],
      [
        'many members',
        () => withParams(request, schema, operation, MEMBERS(rng.int(1_000, 50_000))),
      ],
      [
        'unknown action',
        () => ({
          ...request,
          body: formBody([
            [
              'Action',
              rng.pick([
                'NoSuchAction',
                '',
                operation.toLowerCase(),
                '__proto__',
                'x'.repeat(5000),
              ]),
            ],
            ['Version', schema.apiVersion],
          ]),
        }),
      ],
      [
        'wrong version',
        () => ({
          ...request,
          body: formBody([
            ['Action', operation],
            ['Version', rng.pick(['', '1999-01-01', oddText(rng)])],
          ]),
        }),
      ],
      [
        'query string',
        () => ({
          ...request,
          method: 'GET',
          path: `/?${request.body.toString('utf8')}`,
          body: Buffer.alloc(0),
        }),
      ],
    );
  }
  if (schema.protocol === 'rest-json') {
    choices.push(
      [
        'traversal label',
        () => ({
          ...request,
          path: request.path.replace(
            /\/[^/?]*(\?|$)/,
            `/${rng.pick(['..', '.', '%2e%2e', '%00', '%ff%fe', '..%2f..%2f', 'a%2Fb', '%', '%zz'])}$1`,
          ),
        }),
      ],
      [
        'long label',
        () => ({
          ...request,
          path: request.path.replace(/\/[^/?]*(\?|$)/, `/${'n'.repeat(rng.int(65, 20_000))}$1`),
        }),
      ],
    );
  }
  const [how, make] = rng.pick(choices);
  const made = make();
  // A break may drop the signature header; a caller is still named where one is needed.
  if (!made.headers.authorization && rng.chance(0.5)) {
    made.headers.authorization = authorization(caller, schema.signingName);
  }
  return { how, request: made };
}

/** The request with its form body: Action, Version, then `params` (form text already). */
function withParams(
  request: WireCase,
  schema: ServiceSchema,
  operation: string,
  params: string,
): WireCase {
  const head = formText([
    ['Action', operation],
    ['Version', schema.apiVersion],
  ]);
  return { ...request, body: Buffer.from(`${head}&${params}`, 'utf8') };
}

function without(headers: Record<string, string>, name: string): Record<string, string> {
  const copy = { ...headers };
  delete copy[name];
  return copy;
}

function randomBytes(rng: Rng, n: number): Buffer {
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) out[i] = rng.int(0, 255);
  return out;
}
