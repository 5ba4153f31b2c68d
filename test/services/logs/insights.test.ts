/**
 * Logs Insights over HTTP through SDK v3: a table of queries with the rows and statistics
 * the wire carries (a smaller sibling of the engine's tables), on both stores, and the
 * request-level rules of StartQuery, GetQueryResults, StopQuery, DescribeQueries,
 * GetLogRecord and GetLogGroupFields.
 */
import { rmSync } from 'node:fs';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import {
  CloudWatchLogsServiceException,
  DescribeQueriesCommand,
  GetLogGroupFieldsCommand,
  GetLogRecordCommand,
  GetQueryResultsCommand,
  MalformedQueryException,
  StartQueryCommand,
  StopQueryCommand,
  type StartQueryCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection } from '../../helpers/errors.js';
import { tempDir, type TestTeiki } from '../../helpers/teiki.js';
import {
  advanceClock,
  createGroupWithStream,
  expectLogsError,
  logsClient,
  put,
  START_MS,
  startLogsTeiki,
  storeArgs,
  uniqueName,
} from './helpers.js';
import { rowsOf, runQuery } from './insights-helpers.js';

/** 2026-03-01 00:00:00 UTC in epoch seconds: the events sit in the hour before it. */
const END_S = START_MS / 1000;
const T0 = START_MS - 3_600_000;
const at = (minutes: number, seconds = 0) => T0 + minutes * 60_000 + seconds * 1000;

/** The fixture: text lines in web, JSON lines in worker, 40 events over 40 minutes. */
function webEvents() {
  return Array.from({ length: 30 }, (_, i) => ({
    timestamp: at(i),
    message:
      i % 10 === 3
        ? `ERROR request ${i} failed after ${i * 10} ms`
        : `INFO request ${i} took ${i * 10} ms`,
  }));
}
function workerEvents() {
  return Array.from({ length: 10 }, (_, i) => ({
    timestamp: at(i * 4, 30),
    message: JSON.stringify({
      level: i % 3 === 0 ? 'error' : 'info',
      job: `job-${i % 2}`,
      ms: i * 7,
    }),
  }));
}
const ALL = [...webEvents(), ...workerEvents()];
const bytes = (events: Array<{ message: string }>) =>
  events.reduce((n, e) => n + Buffer.byteLength(e.message) + 26, 0);

describe.each(['memory', 'sqlite'] as const)('Logs Insights (%s store)', (kind) => {
  let teiki: TestTeiki;
  let client: CloudWatchLogsClient;
  let dir: string | undefined;
  const group = uniqueName('/insights/app');
  const other = uniqueName('/insights/other');

  beforeAll(async () => {
    teiki = await startLogsTeiki(storeArgs(kind, () => (dir = tempDir())));
    client = logsClient(teiki);
    await createGroupWithStream(client, group, 'web', 'worker');
    await put(client, group, 'web', webEvents());
    await put(client, group, 'worker', workerEvents());
    await createGroupWithStream(client, other, 'batch');
    await put(client, other, 'batch', [
      { timestamp: at(5), message: 'ERROR from the other group' },
    ]);
  });
  afterAll(async () => {
    await teiki.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const window = { startTime: T0 / 1000, endTime: END_S };
  const q = (queryString: string, extra: Partial<StartQueryCommandInput> = {}) =>
    runQuery(client, { logGroupName: group, ...window, queryString, ...extra });

  describe('a table of queries, rows and statistics as the wire carries them', () => {
    it.each<[string, string, Array<Record<string, string>>, { matched: number }]>([
      [
        'the newest three events',
        'fields @timestamp, @message | sort @timestamp desc | limit 3',
        [
          {
            '@timestamp': '2026-02-28 23:36:30.000',
            '@message': '{"level":"error","job":"job-1","ms":63}',
          },
          {
            '@timestamp': '2026-02-28 23:32:30.000',
            '@message': '{"level":"info","job":"job-0","ms":56}',
          },
          { '@timestamp': '2026-02-28 23:29:00.000', '@message': 'INFO request 29 took 290 ms' },
        ],
        { matched: 40 },
      ],
      [
        'ERRORs counted by 10-minute bins (latest bin first)',
        'filter @message like /ERROR/ | stats count(*) by bin(10m)',
        [
          { 'bin(10m)': '2026-02-28 23:20:00.000', 'count(*)': '1' },
          { 'bin(10m)': '2026-02-28 23:10:00.000', 'count(*)': '1' },
          { 'bin(10m)': '2026-02-28 23:00:00.000', 'count(*)': '1' },
        ],
        { matched: 3 },
      ],
      [
        'JSON fields discovered and grouped',
        'filter ispresent(level) | stats count(*) as n, sum(ms) as total by level | sort level',
        [
          { level: 'error', n: '4', total: '126' },
          { level: 'info', n: '6', total: '189' },
        ],
        { matched: 10 },
      ],
      [
        'parse with a glob, then aggregates',
        'parse @message "took * ms" as took | filter ispresent(took) | stats avg(took) as avg, max(took) as max',
        // The 27 INFO lines: (0 + 10 + … + 290 − 30 − 130 − 230) / 27.
        [{ avg: '146.66666666666666', max: '290' }],
        { matched: 27 },
      ],
      [
        'regex parse with named groups, and a comparison',
        'parse @message /request (?<n>\\d+) failed/ | filter n > 10 | fields n | sort n',
        [{ n: '13' }, { n: '23' }],
        { matched: 2 },
      ],
      [
        'dedup keeps the newest of each stream',
        'fields @logStream, @message | dedup @logStream',
        [
          { '@logStream': 'worker', '@message': '{"level":"error","job":"job-1","ms":63}' },
          { '@logStream': 'web', '@message': 'INFO request 29 took 290 ms' },
        ],
        { matched: 40 },
      ],
    ])('%s', async (_, queryString, rows, { matched }) => {
      const out = await q(queryString);
      expect(out.status).toBe('Complete');
      expect(rowsOf(out)).toEqual(rows);
      expect(out.statistics).toEqual({
        recordsMatched: matched,
        recordsScanned: 40,
        bytesScanned: bytes(ALL),
        logGroupsScanned: 1,
      });
      expect(out.queryLanguage).toBe('CWLI');
    });
  });

  it('reads the time range inclusive at both ends, to the second', async () => {
    const out = await q('stats count(*) as n', { startTime: at(3) / 1000, endTime: at(5) / 1000 });
    // web at 3, 4 and 5 minutes; the worker's events are at 4:30 (inside) and 0:30, 8:30.
    expect(rowsOf(out)).toEqual([{ n: '4' }]);
  });

  it('queries several groups, naming each event by @log', async () => {
    const out = await runQuery(client, {
      logGroupIdentifiers: [group, `arn:aws:logs:us-east-1:000000000000:log-group:${other}`],
      ...window,
      queryString: 'filter @message like "ERROR" | stats count(*) as n by @log | sort @log',
    });
    expect(rowsOf(out)).toEqual(
      [
        { '@log': `000000000000:${group}`, n: '3' },
        { '@log': `000000000000:${other}`, n: '1' },
      ].sort((a, b) => (a['@log'] < b['@log'] ? -1 : 1)),
    );
    expect(out.statistics?.logGroupsScanned).toBe(2);
    expect(out.statistics?.recordsScanned).toBe(41);
  });

  it("takes StartQuery's limit", async () => {
    const out = await q('fields @message', { limit: 5 });
    expect(out.results).toHaveLength(5);
  });

  it('pages GetQueryResults when asked to with maxItems', async () => {
    const { queryId } = await q('fields @message | limit 7');
    const first = await client.send(new GetQueryResultsCommand({ queryId, maxItems: 5 }));
    expect(first.results).toHaveLength(5);
    const second = await client.send(
      new GetQueryResultsCommand({ queryId, maxItems: 5, nextToken: first.nextToken }),
    );
    expect(second.results).toHaveLength(2);
    expect(second.nextToken).toBeUndefined();
  });

  it("GetLogRecord answers every field of a row's event from its @ptr", async () => {
    const out = await q('filter level = "error" | sort @timestamp | limit 1');
    const ptr = out.results?.[0]?.find((f) => f.field === '@ptr')?.value;
    expect(ptr).toMatch(/\S/);
    const record = await client.send(new GetLogRecordCommand({ logRecordPointer: ptr }));
    expect(record.logRecord).toEqual({
      '@ingestionTime': String(START_MS),
      '@log': `000000000000:${group}`,
      '@logStream': 'worker',
      '@message': '{"level":"error","job":"job-0","ms":0}',
      '@timestamp': String(at(0, 30)),
      level: 'error',
      job: 'job-0',
      ms: '0',
    });
    await expectLogsError(
      client.send(new GetLogRecordCommand({ logRecordPointer: 'not-a-pointer' })),
      'InvalidParameterException',
      'The specified log record pointer is not valid.',
    );
  });

  it('GetLogGroupFields: system fields in every event, JSON fields by share, busiest first', async () => {
    const out = await client.send(
      new GetLogGroupFieldsCommand({ logGroupName: group, time: at(20) / 1000 }),
    );
    // 8 minutes either side of 23:20: web 12..28 (17 events) and worker at 12:30,16:30,20:30,24:30,28:30... 5.
    const json = 4;
    const total = 17 + json;
    expect(out.logGroupFields).toEqual([
      { name: '@ingestionTime', percent: 100 },
      { name: '@log', percent: 100 },
      { name: '@logStream', percent: 100 },
      { name: '@message', percent: 100 },
      { name: '@timestamp', percent: 100 },
      { name: 'job', percent: Math.round((json * 100) / total) },
      { name: 'level', percent: Math.round((json * 100) / total) },
      { name: 'ms', percent: Math.round((json * 100) / total) },
    ]);
  });

  describe('errors', () => {
    it('MalformedQueryException carries queryCompileError with the offending span', async () => {
      const error = await rejection(
        client.send(
          new StartQueryCommand({
            logGroupName: group,
            ...window,
            queryString: 'fields @message | sort',
          }),
        ),
        MalformedQueryException,
      );
      expect(error.name).toBe('MalformedQueryException');
      expect(error.queryCompileError?.message).toMatch(/unexpected end of query/);
      expect(error.queryCompileError?.location).toEqual({ startCharOffset: 22, endCharOffset: 22 });
    });

    it('refuses what teiki cannot run by name, never ignoring it', async () => {
      const error = await rejection(
        client.send(
          new StartQueryCommand({
            logGroupName: group,
            ...window,
            queryString: 'fields @message | pattern @message',
          }),
        ),
        MalformedQueryException,
      );
      expect(error.queryCompileError?.message).toMatch(/teiki does not implement/);
    });

    it.each<[string, Partial<StartQueryCommandInput>, string, string | RegExp]>([
      ['no log group', {}, 'InvalidParameterException', /Exactly one of logGroupName/],
      [
        'two kinds of log group parameter',
        { logGroupName: '/a', logGroupNames: ['/b'] },
        'InvalidParameterException',
        /Only one of logGroupName/,
      ],
      [
        'more than 50 log groups',
        { logGroupNames: Array.from({ length: 51 }, (_, i) => `/g${i}`) },
        'InvalidParameterException',
        /up to 50 log groups/,
      ],
      [
        'an end before the start',
        { logGroupName: '/a', startTime: 100, endTime: 50 },
        'InvalidParameterException',
        'End time should not be before start time.',
      ],
      [
        'a log group that does not exist',
        { logGroupName: '/no/such/group' },
        'ResourceNotFoundException',
        "Log group '/no/such/group' does not exist for account ID '000000000000'",
      ],
      [
        'another query language',
        { logGroupName: '/a', queryLanguage: 'SQL' },
        'InvalidParameterException',
        /teiki does not implement SQL queries/,
      ],
    ])('%s', async (_, extra, name, message) => {
      await expectLogsError(
        client.send(new StartQueryCommand({ ...window, queryString: 'fields @message', ...extra })),
        name,
        message,
      );
    });

    it('unknown query ids are ResourceNotFoundException; stopping an ended query is refused', async () => {
      await expectLogsError(
        client.send(new GetQueryResultsCommand({ queryId: 'no-such-query' })),
        'ResourceNotFoundException',
        'The specified query does not exist.',
      );
      const { queryId } = await q('fields @message');
      const error = await rejection(
        client.send(new StopQueryCommand({ queryId })),
        CloudWatchLogsServiceException,
      );
      expect(error.name).toBe('InvalidParameterException');
      expect(error.message).toMatch(/is not running: its status is Complete/);
    });
  });

  it('DescribeQueries: recent queries newest first, by status and group, paged', async () => {
    const mine = uniqueName('/insights/described');
    await createGroupWithStream(client, mine, 's');
    const ids: string[] = [];
    for (const text of ['fields @message', 'stats count(*)', 'fields @timestamp']) {
      ids.push(
        (await runQuery(client, { logGroupName: mine, ...window, queryString: text })).queryId,
      );
      await advanceClock(teiki, 1);
    }
    const listed = await client.send(new DescribeQueriesCommand({ logGroupName: mine }));
    expect(listed.queries?.map((qi) => qi.queryId)).toEqual([...ids].reverse());
    expect(listed.queries?.[0]).toMatchObject({
      status: 'Complete',
      logGroupName: mine,
      queryLanguage: 'CWLI',
      createTime: teiki.clock.nowMs() - 1000,
      queryString: `SOURCE "${mine}" START=${window.startTime} END=${window.endTime} | fields @timestamp`,
      userIdentity: 'arn:aws:iam::000000000000:root',
    });
    const page = await client.send(
      new DescribeQueriesCommand({ logGroupName: mine, maxResults: 2 }),
    );
    expect(page.queries).toHaveLength(2);
    const rest = await client.send(
      new DescribeQueriesCommand({ logGroupName: mine, maxResults: 2, nextToken: page.nextToken }),
    );
    expect(rest.queries?.map((qi) => qi.queryId)).toEqual([ids[0]]);
    expect(rest.nextToken).toBeUndefined();
    const running = await client.send(
      new DescribeQueriesCommand({ logGroupName: mine, status: 'Running' }),
    );
    expect(running.queries).toEqual([]);
  });
});
