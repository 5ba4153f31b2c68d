import { describe, expect, it } from 'vitest';
import { appEvents } from './fixtures.js';
import { event, table } from './helpers.js';

describe('stats', () => {
  const events = appEvents();
  it.each([
    { query: 'stats count(*)', rows: [{ 'count(*)': '6' }] },
    { query: 'stats count()', rows: [{ 'count()': '6' }] },
    { query: 'stats count(nothing) as n', rows: [{ n: '0' }] },
    {
      query: 'stats count(level) as n, count_distinct(server) as servers',
      rows: [{ n: '6', servers: '3' }],
    },
    {
      query:
        'stats sum(duration) as total, avg(duration) as mean, min(duration) as low, max(duration) as high',
      rows: [{ total: '3725', mean: '620.8333333333334', low: '30', high: '2500' }],
    },
    { query: 'stats stddev(status) as sd', rows: [{ sd: '151.5806715910706' }] },
    {
      query: 'stats pct(duration, 50) as p50, pct(duration, 95) as p95',
      rows: [{ p50: '80', p95: '2500' }],
    },
    {
      query: 'stats earliest(server) as first, latest(server) as last',
      rows: [{ first: 'web-1', last: 'web-3' }],
    },
    {
      // earliest(@timestamp) comes back in epoch milliseconds, as on AWS.
      query: 'stats earliest(@timestamp) as first, max(@timestamp) as newest',
      rows: [{ first: String(Date.UTC(2024, 0, 1, 12)), newest: '2024-01-01 12:05:00.000' }],
    },
    {
      query: 'stats sortsFirst(message) as a, sortsLast(message) as z',
      rows: [{ a: 'GET /health took 80 ms', z: 'POST /orders failed: timeout exception' }],
    },
    {
      query: 'stats count(*) as requests by server | sort requests desc, server asc',
      rows: [
        { server: 'web-1', requests: '2' },
        { server: 'web-2', requests: '2' },
        { server: 'web-3', requests: '2' },
      ],
    },
    {
      // Groups come newest first: web-3 logged last, web-1 longest ago.
      query: 'stats max(duration) as slowest by server',
      rows: [
        { server: 'web-3', slowest: '45' },
        { server: 'web-2', slowest: '2500' },
        { server: 'web-1', slowest: '120' },
      ],
    },
    {
      query: 'filter status >= 500 | stats count(*) by level, server',
      rows: [{ level: 'ERROR', server: 'web-2', 'count(*)': '2' }],
    },
    {
      // Items may combine aggregates and reuse earlier aliases (the Lambda sample query).
      query:
        'stats max(duration / 1000) as maxS, min(duration / 1000) as minS, maxS - minS as spread, sum(duration) / count(*) as perRequest',
      rows: [{ maxS: '2.5', minS: '0.03', spread: '2.47', perRequest: '620.8333333333334' }],
    },
    {
      query: 'stats count(*) by status >= 500 as failed',
      rows: [
        { failed: '0', 'count(*)': '4' },
        { failed: '1', 'count(*)': '2' },
      ],
    },
    {
      query: 'stats count(*) as n by server | filter n > 1 | sort server desc | limit 2',
      rows: [
        { server: 'web-3', n: '2' },
        { server: 'web-2', n: '2' },
      ],
    },
    {
      query:
        'stats count(*) as n by server | fields n * 10 as tenfold | sort tenfold desc | limit 1',
      rows: [{ server: 'web-3', n: '2', tenfold: '20' }],
    },
  ])('$query', ({ query, rows }) => {
    expect(table(query, events)).toEqual(rows);
  });

  it('counts zero over no events, and an empty by gives no rows', () => {
    expect(table('stats count(*) as n, sum(x) as s', [])).toEqual([{ n: '0' }]);
    expect(table('stats count(*) by server', [])).toEqual([]);
  });

  it('groups events missing a by field together, without the field', () => {
    expect(table('stats count(*) as n by k', [event('{"k":"a"}', 2), event('{}', 1)])).toEqual([
      { k: 'a', n: '1' },
      { n: '1' },
    ]);
  });

  it('counts exceptions per hour (the documented sample)', () => {
    const hourly = [0, 10, 59, 60, 61, 125].map((min) =>
      event('java.lang.IllegalStateException: boom', min * 60_000),
    );
    expect(
      table(
        'filter @message like /Exception/ | stats count(*) as exceptionCount by bin(1h) | sort exceptionCount desc',
        hourly,
      ),
    ).toEqual([
      { 'bin(1h)': '2024-01-01 12:00:00.000', exceptionCount: '3' },
      { 'bin(1h)': '2024-01-01 13:00:00.000', exceptionCount: '2' },
      { 'bin(1h)': '2024-01-01 14:00:00.000', exceptionCount: '1' },
    ]);
  });

  it.each([
    { period: '5m', bins: ['12:10:00.000', '12:05:00.000', '12:00:00.000'] },
    { period: '300s', bins: ['12:12:00.000', '12:07:00.000', '12:05:00.000', '12:00:00.000'] },
    { period: '10min', bins: ['12:10:00.000', '12:00:00.000'] },
    { period: '2hrs', bins: ['12:00:00.000'] },
    { period: '30sec', bins: ['12:12:00.000', '12:07:00.000', '12:05:00.000', '12:00:00.000'] },
    { period: '1d', bins: ['00:00:00.000'] },
  ])('bins by $period (bin(300s) is capped at 60 seconds)', ({ period, bins }) => {
    const times = [0, 20, 5 * 60 + 10, 7 * 60, 12 * 60 + 5].map((s) => event('x', s * 1000));
    expect(
      table(`stats count(*) by bin(${period})`, times).map((r) => r[`bin(${period})`]!.slice(11)),
    ).toEqual(bins);
  });

  it.each([
    { period: '1w', bin: '2024-01-01 00:00:00.000' },
    { period: '1mo', bin: '2024-01-01 00:00:00.000' },
    { period: '1q', bin: '2024-01-01 00:00:00.000' },
    { period: '1y', bin: '2024-01-01 00:00:00.000' },
    { period: '100ms', bin: '2024-01-01 12:00:00.100' },
  ])('bins by calendar period $period', ({ period, bin }) => {
    expect(table(`stats count(*) as n by bin(${period}) as t`, [event('x', 123)])).toEqual([
      { t: bin, n: '1' },
    ]);
  });

  it('runs a second stats over the first one’s rows (the documented examples)', () => {
    const sizes = [0, 60, 120, 400, 420].map((s, i) => event('x'.repeat((i + 1) * 100), s * 1000));
    expect(
      table(
        `FIELDS strlen(@message) AS message_length
| STATS sum(message_length) as bytes BY bin(5m)
| STATS max(bytes) AS peak, min(bytes) AS low, avg(bytes) AS mean`,
        sizes,
      ),
    ).toEqual([{ peak: '900', low: '600', mean: '750' }]);
    expect(
      table(
        `FIELDS strlen(@message) AS message_length
| STATS sum(message_length) AS bytes BY BIN(5m) as @t
| STATS max(bytes) AS peak BY dateceil(@t, 10m)`,
        sizes,
      ),
    ).toEqual([
      { 'dateceil(@t, 10m)': '2024-01-01 12:10:00.000', peak: '900' },
      { 'dateceil(@t, 10m)': '2024-01-01 12:00:00.000', peak: '600' },
    ]);
    expect(
      table(
        `STATS count_distinct(client_ip) AS session_ips, count(*) AS requests BY session_id, client_platform
| FILTER session_ips > 1
| STATS count(*) AS multiple_ip_sessions, sum(requests) / count(*) AS avg_session_requests BY client_platform`,
        [
          event('{"session_id":"s1","client_platform":"ios","client_ip":"1.1.1.1"}', 1),
          event('{"session_id":"s1","client_platform":"ios","client_ip":"1.1.1.2"}', 2),
          event('{"session_id":"s1","client_platform":"ios","client_ip":"1.1.1.2"}', 3),
          event('{"session_id":"s2","client_platform":"ios","client_ip":"1.1.1.3"}', 4),
          event('{"session_id":"s3","client_platform":"web","client_ip":"1.1.1.3"}', 5),
          event('{"session_id":"s3","client_platform":"web","client_ip":"1.1.1.4"}', 6),
        ],
      ),
    ).toEqual([
      { client_platform: 'web', multiple_ip_sessions: '1', avg_session_requests: '2' },
      { client_platform: 'ios', multiple_ip_sessions: '1', avg_session_requests: '3' },
    ]);
  });
});
