/**
 * The admin routes' shapes, fuzzed: the clock's values (huge, negative, not numbers, out
 * of range, not ISO-8601), fire's names, invocations' limits, the console's addresses
 * (folders, dot segments, encoded escapes, NUL bytes) and its JSON API's parameters.
 */
import type { FuzzCase } from './cases.js';
import type { Rng } from '../helpers/rng.js';
import { oddText } from './values.js';

const JSON_HEADERS = { 'content-type': 'application/json' };

/** Clock values: mostly refusals; small valid moves now and then. */
function clockBody(rng: Rng): string {
  const advance = rng.pick<unknown>([
    0,
    1,
    60,
    3600,
    -1,
    -0,
    1e300,
    1e15,
    1e12,
    Number.MAX_SAFE_INTEGER,
    0.0004,
    '60',
    null,
    true,
    [],
    {},
  ]);
  const set = rng.pick<unknown>([
    '2026-11-28T00:00:00Z',
    '2026-11-29T02:20:00Z',
    '+275760-09-13T00:00:00Z',
    '-271821-04-20T00:00:00Z',
    '10000-01-01T00:00:00Z',
    '1969-12-31T23:59:59.999Z',
    '2026-02-30T00:00:00Z',
    '2026-11-28T02:20:00',
    'yesterday',
    '',
    1795832400000,
    null,
    oddText(rng),
  ]);
  return rng.pick([
    () => JSON.stringify({ advanceSeconds: advance }),
    () => JSON.stringify({ set }),
    () => JSON.stringify({ advanceSeconds: advance, set }),
    () => '{"advanceSeconds": NaN}',
    () => '{"advanceSeconds": 1e400}',
    () => '{"advanceSeconds": -Infinity}',
    () => '{}',
    () => '[]',
    () => 'null',
    () => `${'['.repeat(5_000)}`,
    () => `{"set": ${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}}`,
  ])();
}

function fireBody(rng: Rng): string {
  const name = rng.pick<unknown>(['fz-a', 'default', 'scheduler', oddText(rng), 12, null, []]);
  return rng.pick([
    () => JSON.stringify({ rule: name }),
    () => JSON.stringify({ rule: name, eventBusName: rng.pick(['default', oddText(rng)]) }),
    () => JSON.stringify({ schedule: name, groupName: rng.pick(['default', oddText(rng)]) }),
    () => JSON.stringify({ rule: name, schedule: name }),
    () => JSON.stringify({ rule: name, region: oddText(rng), accountId: oddText(rng) }),
    () => '{}',
    () => '{"rule":',
  ])();
}

const CONSOLE_PATHS = [
  '/_teiki/console',
  '/_teiki/console/',
  '/_teiki/console/assets/',
  '/_teiki/console/assets/.',
  '/_teiki/console/assets/..',
  '/_teiki/console/assets/./',
  '/_teiki/console/assets//',
  '/_teiki/console/assets/%2e',
  '/_teiki/console/assets/%2e%2e%2f%2e%2e%2fpackage.json',
  '/_teiki/console/assets/../../../../etc/passwd',
  '/_teiki/console/assets/%00',
  '/_teiki/console/assets/app.js%00.css',
  '/_teiki/console/assets/app.js',
  '/_teiki/console/assets/nope.js',
  '/_teiki/console/tasks?cluster=%00',
  `/_teiki/console/${'a/'.repeat(1000)}`,
];

const API_PATHS = [
  '/_teiki/api/overview',
  '/_teiki/api/iam/roles',
  '/_teiki/api/iam/policies',
  '/_teiki/api/iam/can-run',
  '/_teiki/api/invocations',
  '/_teiki/api/logs/groups',
  '/_teiki/api/logs/streams',
  '/_teiki/api/logs/events',
  '/_teiki/api/schedules',
  '/_teiki/api/schedules/state',
  '/_teiki/api/task',
  '/_teiki/api/task-definition',
  '/_teiki/api/task-definitions',
  '/_teiki/api/tasks',
  '/_teiki/api/nope',
];

const API_PARAMS = [
  'group',
  'stream',
  'filter',
  'cluster',
  'family',
  'revision',
  'limit',
  'nextToken',
  'kind',
  'name',
  'arn',
  'role',
  'start',
  'end',
  'task',
];

function query(rng: Rng): string {
  const params = new URLSearchParams();
  const n = rng.int(0, 4);
  for (let i = 0; i < n; i++) {
    params.append(
      rng.pick(API_PARAMS),
      rng.pick([
        'fz-a',
        '1',
        '-1',
        '1e400',
        '0',
        'x'.repeat(5000),
        '%\\d*\\d*\\d*x%',
        oddText(rng),
      ]),
    );
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export function adminCase(rng: Rng): FuzzCase {
  const kind = rng.weighted([
    [30, 'clock'],
    [10, 'clock-read'],
    [15, 'fire'],
    [10, 'invocations'],
    [15, 'console'],
    [15, 'api'],
    [5, 'other'],
  ] as const);
  const get = (path: string) => ({ method: 'GET', path, headers: {}, body: Buffer.alloc(0) });
  const post = (path: string, body: string) => ({
    method: 'POST',
    path,
    headers: JSON_HEADERS,
    body: Buffer.from(body, 'utf8'),
  });
  let request;
  switch (kind) {
    case 'clock':
      request = post('/_teiki/clock', clockBody(rng));
      break;
    case 'clock-read':
      request = get('/_teiki/clock');
      break;
    case 'fire':
      request = post('/_teiki/fire', fireBody(rng));
      break;
    case 'invocations':
      request = get(
        `/_teiki/invocations${rng.pick(['', '?limit=1', '?limit=10000', '?limit=10001', '?limit=-1', '?limit=abc', '?limit=1e3', '?limit=%00'])}`,
      );
      break;
    case 'console':
      request = get(rng.pick(CONSOLE_PATHS));
      break;
    case 'api': {
      const path = `${rng.pick(API_PATHS)}${query(rng)}`;
      request = rng.chance(0.7)
        ? get(path)
        : post(
            path,
            rng.pick([
              '{}',
              '{"kind":"rule","name":"fz-a","enabled":false}',
              '{',
              '[]',
              JSON.stringify({ kind: oddText(rng), name: oddText(rng) }),
            ]),
          );
      break;
    }
    case 'other':
      request = rng.pick([
        get('/_teiki/health'),
        get('/_teiki/metrics'),
        get('/_teiki/nope'),
        get('/_teiki'),
        get('/_teiki/'),
        post('/_teiki/health', '{}'),
        { method: 'DELETE', path: '/_teiki/clock', headers: {}, body: Buffer.alloc(0) },
        post('/_teiki/invocations', '{}'),
      ]);
      break;
  }
  // A clock move or a firing changes what there is; the rest never does.
  const write =
    kind === 'clock' || kind === 'fire' || (kind === 'api' && request.method === 'POST');
  return { label: `admin:${kind}`, kind: 'admin', write, request };
}
