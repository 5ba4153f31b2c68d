/** Shared set-up of the CloudWatch Logs suites: a teiki, SDK clients and error capture. */
import {
  CloudWatchLogsClient,
  CloudWatchLogsServiceException,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
  type InputLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';
import { expectRejection, rejection } from '../../helpers/errors.js';
import { expect } from 'vitest';
import { raw, startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';

/** Where the virtual clock of the event suites starts. */
export const START = '2026-03-01T00:00:00.000Z';
export const START_MS = Date.parse(START);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A teiki for the Logs suites: the store arguments given, and a virtual clock at START. */
export function startLogsTeiki(storeArgs: readonly string[]): Promise<TestTeiki> {
  return startTestTeiki([...storeArgs, '--clock', 'virtual', '--clock-start', START]);
}

export function logsClient(
  teiki: TestTeiki,
  overrides?: Parameters<TestTeiki['clientConfig']>[0],
): CloudWatchLogsClient {
  return new CloudWatchLogsClient(teiki.clientConfig(overrides));
}

export function logsError(promise: Promise<unknown>): Promise<CloudWatchLogsServiceException> {
  return rejection(promise, CloudWatchLogsServiceException);
}

/** Asserts AWS's error name, message and HTTP status. */
export function expectLogsError(
  promise: Promise<unknown>,
  name: string,
  message: string | RegExp,
  status = 400,
): Promise<void> {
  return expectRejection(promise, CloudWatchLogsServiceException, name, message, status);
}

export { uniqueName } from '../../helpers/errors.js';

export async function createGroupWithStream(
  client: CloudWatchLogsClient,
  group: string,
  ...streams: string[]
): Promise<void> {
  await client.send(new CreateLogGroupCommand({ logGroupName: group }));
  for (const stream of streams) {
    await client.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
  }
}

export async function put(
  client: CloudWatchLogsClient,
  group: string,
  stream: string,
  logEvents: InputLogEvent[],
) {
  return client.send(
    new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents }),
  );
}

export async function advanceClock(teiki: TestTeiki, seconds: number): Promise<void> {
  const response = await raw(teiki.url, {
    path: '/_teiki/clock',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  expect(response.status).toBe(200);
}

/** The stores the event suites run against: memory, and SQLite in a temporary directory. */
export function storeArgs(kind: 'memory' | 'sqlite', dataDir: () => string): string[] {
  return kind === 'memory' ? ['--in-memory'] : ['--data-dir', dataDir()];
}
