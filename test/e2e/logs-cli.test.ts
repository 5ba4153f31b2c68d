/** The AWS CLI against teiki's CloudWatch Logs, as a user runs it. */
import { afterAll, describe, expect, it } from 'vitest';
import { awsCli, spawnTeiki, type TeikiProcess } from '../helpers/process.js';
import { virtualClockArgs } from '../helpers/teiki.js';

const START = '2026-11-28T02:20:00.000Z';
const START_MS = Date.parse(START);

const running: TeikiProcess[] = [];
afterAll(() => {
  for (const p of running) p.child.kill('SIGKILL');
});

function ok(endpoint: string, args: string[]): unknown {
  const result = awsCli(endpoint, args);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout.trim() === '' ? undefined : JSON.parse(result.stdout);
}

describe('aws logs', () => {
  it('creates a group and stream, puts, gets and filters events, and describes the group', async () => {
    const teiki = await spawnTeiki(virtualClockArgs(START));
    running.push(teiki);
    const group = '/ecs/sample-task';
    const stream = 'ecs/sample/0f1e2d3c';

    ok(teiki.url, ['logs', 'create-log-group', '--log-group-name', group]);
    ok(teiki.url, [
      'logs',
      'create-log-stream',
      '--log-group-name',
      group,
      '--log-stream-name',
      stream,
    ]);
    const events = [
      { timestamp: START_MS - 3000, message: '[INFO] sample:logger started' },
      { timestamp: START_MS - 2000, message: '[ERROR] sample:logger could not reach db' },
      { timestamp: START_MS - 1000, message: '[INFO] sample:logger done' },
    ];
    const putOut = ok(teiki.url, [
      'logs',
      'put-log-events',
      '--log-group-name',
      group,
      '--log-stream-name',
      stream,
      '--log-events',
      JSON.stringify(events),
    ]) as { nextSequenceToken: string };
    expect(putOut.nextSequenceToken).toMatch(/^\d{56}$/);

    const got = ok(teiki.url, [
      'logs',
      'get-log-events',
      '--log-group-name',
      group,
      '--log-stream-name',
      stream,
      '--start-from-head',
    ]) as { events: unknown[]; nextForwardToken: string; nextBackwardToken: string };
    expect(got.events).toEqual(events.map((e) => ({ ...e, ingestionTime: START_MS })));
    expect(got.nextForwardToken).toMatch(/^f\/\d{56}\/s$/);
    expect(got.nextBackwardToken).toMatch(/^b\/\d{56}\/s$/);

    const filtered = ok(teiki.url, [
      'logs',
      'filter-log-events',
      '--log-group-name',
      group,
      '--filter-pattern',
      'ERROR',
    ]) as { events: Array<Record<string, unknown>>; searchedLogStreams: unknown[] };
    expect(filtered.events).toEqual([
      {
        logStreamName: stream,
        timestamp: START_MS - 2000,
        message: '[ERROR] sample:logger could not reach db',
        ingestionTime: START_MS,
        eventId: expect.stringMatching(/^\d{56}$/),
      },
    ]);
    expect(filtered.searchedLogStreams).toEqual([]);

    const described = ok(teiki.url, [
      'logs',
      'describe-log-groups',
      '--log-group-name-prefix',
      '/ecs/',
    ]) as { logGroups: Array<Record<string, unknown>> };
    expect(described.logGroups).toEqual([
      {
        logGroupName: group,
        creationTime: START_MS,
        metricFilterCount: 0,
        arn: `arn:aws:logs:us-east-1:000000000000:log-group:${group}:*`,
        storedBytes: events.reduce((sum, e) => sum + Buffer.byteLength(e.message) + 26, 0),
        logGroupClass: 'STANDARD',
        logGroupArn: `arn:aws:logs:us-east-1:000000000000:log-group:${group}`,
      },
    ]);
  });

  it('shows AWS errors as the CLI prints them', async () => {
    const teiki = await spawnTeiki(['--in-memory']);
    running.push(teiki);
    const missing = awsCli(teiki.url, [
      'logs',
      'get-log-events',
      '--log-group-name',
      '/nope',
      '--log-stream-name',
      's',
    ]);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr.trim()).toBe(
      'An error occurred (ResourceNotFoundException) when calling the GetLogEvents operation: The specified log group does not exist.',
    );
    ok(teiki.url, ['logs', 'create-log-group', '--log-group-name', '/dup']);
    const dup = awsCli(teiki.url, ['logs', 'create-log-group', '--log-group-name', '/dup']);
    expect(dup.stderr.trim()).toBe(
      'An error occurred (ResourceAlreadyExistsException) when calling the CreateLogGroup operation: The specified log group already exists',
    );
  });
});
