import { describe, expect, it } from 'vitest';
import { CLOUDTRAIL_EVENT, appEvents } from './fixtures.js';
import { event, run, table } from './helpers.js';

describe('fields, display and the default columns', () => {
  const events = appEvents();
  it.each([
    {
      query: 'fields @timestamp, @message | sort @timestamp desc | limit 2',
      rows: [
        { '@timestamp': '2024-01-01 12:05:00.000', '@message': events[5]!.message },
        { '@timestamp': '2024-01-01 12:04:00.000', '@message': events[4]!.message },
      ],
    },
    {
      // A query without fields shows @timestamp and @message, newest first.
      query: 'filter (duration>2000)',
      rows: [{ '@timestamp': '2024-01-01 12:04:00.000', '@message': events[4]!.message }],
    },
    {
      query: 'fields server, abs(duration - 1000) as distance | filter status = 500',
      rows: [{ server: 'web-2', distance: '50' }],
    },
    {
      // Without an alias an expression shows under its text as written.
      query: 'fields concat(level, "-", status) | limit 1',
      rows: [{ 'concat(level, "-", status)': 'INFO-200' }],
    },
    {
      query: 'fields server, level | display level | filter server = "web-3" | limit 1',
      rows: [{ level: 'INFO' }],
    },
    {
      // Only the last display counts.
      query: 'fields server, level | display server | display level | limit 1',
      rows: [{ level: 'INFO' }],
    },
    {
      // display computes too (the documented parse example).
      query: 'display server, level = "ERROR" as isError | filter status >= 500',
      rows: [
        { server: 'web-2', isError: '1' },
        { server: 'web-2', isError: '1' },
      ],
    },
    {
      query: 'FIELDS server | FILTER level IN ["WARN"] | SORT server ASC',
      rows: [{ server: 'web-3' }],
    },
    {
      // Backticks name fields with other characters.
      query: 'fields `detail-type` | limit 1',
      rows: [{}],
    },
  ])('$query', ({ query, rows }) => {
    expect(table(query, events)).toEqual(rows);
  });

  it('puts @ptr last in every row of log events', () => {
    const e = event('hello');
    expect(run('fields @message', [e])).toEqual([
      [
        { field: '@message', value: 'hello' },
        { field: '@ptr', value: e.ptr },
      ],
    ]);
  });

  it('shows the system fields as GetQueryResults does', () => {
    const e = event('x', 1234, { logStream: 'task/app/abc', log: '123456789012:/ecs/app' });
    expect(table('fields @timestamp, @ingestionTime, @logStream, @log, @ptr', [e])).toEqual([
      {
        '@timestamp': '2024-01-01 12:00:01.234',
        '@ingestionTime': '2024-01-01 12:00:01.484',
        '@logStream': 'task/app/abc',
        '@log': '123456789012:/ecs/app',
      },
    ]);
  });

  it('evaluates every item of one fields command against the row as it came in', () => {
    // As on AWS: `j.name` in the same fields command as `jsonParse(...) as j` is empty.
    expect(
      table(`fields jsonParse('{"name":"test"}') as j, j.name as jName`, [event('x')]),
    ).toEqual([{ j: '{"name":"test"}' }]);
    expect(
      table(`fields jsonParse('{"name":"test"}') as j | fields j.name as jName`, [event('x')]),
    ).toEqual([{ j: '{"name":"test"}', jName: 'test' }]);
  });

  it('discovers JSON fields with dots and array positions (the CloudTrail example)', () => {
    const query =
      'fields @timestamp, @message | filter requestParameters.instancesSet.items.0.instanceId="i-abcde123" | sort @timestamp desc';
    expect(run(query, [event(CLOUDTRAIL_EVENT), event('{"other":1}')])).toHaveLength(1);
    expect(
      table(
        'filter eventName="StartInstances" | fields awsRegion, userIdentity.userName, responseElements.instancesSet.items.0.currentState.code',
        [event(CLOUDTRAIL_EVENT)],
      ),
    ).toEqual([
      {
        awsRegion: 'us-east-2',
        'userIdentity.userName': 'Alice',
        'responseElements.instancesSet.items.0.currentState.code': '0',
      },
    ]);
  });
});

describe('filter', () => {
  const events = appEvents();
  const servers = (query: string) => table(query, events).map((r) => r.server ?? '-');
  it.each([
    { query: 'filter duration > 900', servers: ['web-2', 'web-2'] },
    { query: 'filter (duration>100 and status=200)', servers: ['web-1'] },
    { query: 'filter status=404 or duration<50', servers: ['web-3', 'web-3'] },
    { query: 'filter not (level = "INFO")', servers: ['web-2', 'web-3', 'web-2'] },
    { query: 'filter level != "INFO" and level != "ERROR"', servers: ['web-3'] },
    { query: 'filter status in [300,400,404]', servers: ['web-3'] },
    { query: 'filter server not in ["web-1","web-2",1]', servers: ['web-3', 'web-3'] },
    { query: 'filter message like "Exception"', servers: ['web-2'] },
    { query: 'filter message like /Exception/', servers: ['web-2'] },
    { query: 'filter message =~ /Exception/', servers: ['web-2'] },
    { query: 'filter message like /(?i)Exception/', servers: ['web-2', 'web-2'] },
    {
      query: 'filter message not like /(?i)exception/',
      servers: ['web-3', 'web-3', 'web-1', 'web-1'],
    },
    { query: 'filter status like /2\\d\\d/', servers: ['web-3', 'web-1', 'web-1'] },
    { query: 'filter status not like /2\\d\\d/', servers: ['web-2', 'web-3', 'web-2'] },
    { query: 'filter message =~ /^(?i)get \\/index/', servers: ['web-3', 'web-1'] },
    { query: 'filter ispresent(nothing)', servers: [] },
    { query: 'filter isPresent(server) and duration % 2 = 1', servers: ['web-3'] },
    { query: 'filter duration / 10 >= 95 and duration ^ 2 < 1000000', servers: ['web-2'] },
    { query: 'where level = "WARN"', servers: ['web-3'] },
  ])('$query', ({ query, servers: expected }) => {
    expect(servers(`${query} | fields server`)).toEqual(expected);
  });

  it('compares a parsed string with a number as numbers', () => {
    const rows = table('parse @message "took * ms" as ms | filter ms > 50 | fields ms', [
      event('took 120 ms'),
      event('took 9 ms'),
      event('took 80 ms'),
    ]);
    expect(rows).toEqual([{ ms: '120' }, { ms: '80' }]);
  });

  it('a missing field takes part in no comparison', () => {
    const e = [event('{"a":1}'), event('{"b":1}')];
    expect(run('filter a = 1', e)).toHaveLength(1);
    expect(run('filter a != 1', e)).toHaveLength(0);
    expect(run('filter a not like /1/', e)).toHaveLength(0);
    expect(run('filter not a = 1', e)).toHaveLength(1);
  });

  it('ignores comments', () => {
    const query =
      'fields @timestamp, @message\n    # | filter @message like /delay/\n    | limit 20';
    expect(run(query, appEvents())).toHaveLength(6);
    expect(
      run('fields server # the host\n| filter level = "WARN" # only warnings', appEvents()),
    ).toHaveLength(1);
  });
});

describe('sort, limit and dedup', () => {
  const events = appEvents();
  it.each([
    {
      query: 'fields server, duration | sort duration desc | limit 3',
      rows: ['web-2:2500', 'web-2:950', 'web-1:120'],
    },
    {
      query: 'fields server, duration | sort server asc, duration desc',
      rows: ['web-1:120', 'web-1:80', 'web-2:2500', 'web-2:950', 'web-3:45', 'web-3:30'],
    },
    {
      // Without a direction: ascending.
      query: 'fields server, duration | sort duration | limit 2',
      rows: ['web-3:30', 'web-3:45'],
    },
    {
      // A limit without a sort takes the newest events.
      query: 'fields server, duration | limit 2',
      rows: ['web-3:45', 'web-2:2500'],
    },
    {
      // The most recent event for each server (the documented dedup example).
      query: 'fields @timestamp, server, duration | sort @timestamp desc | dedup server',
      rows: ['web-3:45', 'web-2:2500', 'web-1:80'],
    },
    {
      query: 'fields server, duration | sort @timestamp asc | dedup server',
      rows: ['web-1:120', 'web-2:950', 'web-3:30'],
    },
    {
      // Unsorted: dedup keeps the newest.
      query: 'fields server, level, duration | dedup server, level | limit 2',
      rows: ['web-3:45', 'web-2:2500'],
    },
    {
      query: 'sort @timestamp desc | limit 25 | display server, duration',
      rows: ['web-3:45', 'web-2:2500', 'web-3:30', 'web-1:80', 'web-2:950', 'web-1:120'],
    },
  ])('$query', ({ query, rows }) => {
    expect(table(query, events).map((r) => `${r.server}:${r.duration}`)).toEqual(rows);
  });

  it('keeps every row missing a dedup field', () => {
    const e = [
      event('{"k":"a"}', 3),
      event('{"x":1}', 2),
      event('{"x":2}', 1),
      event('{"k":"a"}', 0),
    ];
    expect(table('fields k, x | dedup k', e)).toEqual([{ k: 'a' }, { x: '1' }, { x: '2' }]);
  });

  it('returns at most StartQuery’s limit, at most 10,000 rows by default, or the query’s own limit', () => {
    const many = Array.from({ length: 10_050 }, (_, i) => event(`m${i}`, i));
    expect(run('fields @message', many)).toHaveLength(10_000);
    expect(run('fields @message', many, { limit: 7 })).toHaveLength(7);
    expect(run('fields @message | limit 5', many, { limit: 7 })).toHaveLength(5);
    // The query's own limit may ask for more than the default, up to 100,000.
    expect(run('fields @message | limit 10020', many)).toHaveLength(10_020);
    expect(run('fields @message | limit 10020', many, { limit: 10_010 })).toHaveLength(10_010);
    expect(run('fields @message | limit 10020', many, { limit: 10_030 })).toHaveLength(10_020);
    const oldest = run('fields @message | sort @timestamp asc | display @message', many);
    expect(oldest).toHaveLength(10_000);
    expect(oldest[0]![0]!.value).toBe('m0');
    expect(oldest.at(-1)![0]!.value).toBe('m9999');
  });

  it('sorts in the documented natural order', () => {
    const values = [
      '0',
      '@_',
      '111A',
      '3',
      'A9876fghj',
      '!:',
      '5A',
      '#',
      '2',
      'a12345hfh',
      '*%04',
      '2345_',
      '@',
      'A',
      '0#',
      '1',
      '01',
    ];
    const events2 = values.map((v, i) => event(JSON.stringify({ v }), i));
    expect(table('fields v | sort v asc', events2).map((r) => r.v)).toEqual([
      '!:',
      '#',
      '*%04',
      '0#',
      '5A',
      '111A',
      '2345_',
      '@',
      '@_',
      'A',
      'A9876fghj',
      'a12345hfh',
      '0',
      '1',
      '01',
      '2',
      '3',
    ]);
  });
});
