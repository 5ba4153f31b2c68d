/** Shared set-up of the awslogs driver suites: a teiki, a driver, timers, reading back. */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  paginateGetLogEvents,
} from '@aws-sdk/client-cloudwatch-logs';
import type { VirtualClock } from '../../../src/engine/clock/types.js';
import { createAwslogsDriver } from '../../../src/services/ecs/awslogs/driver.js';
import type { Timers } from '../../../src/services/ecs/awslogs/sink.js';
import type {
  AwslogsDriver,
  AwslogsTarget,
  ContainerLogSink,
} from '../../../src/services/ecs/awslogs/types.js';
import { recordingLogger, type LogEntry } from '../../helpers/logger.js';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';

export { recordingLogger, type LogEntry };

export const START = '2026-03-01T00:00:00.000Z';
export const START_MS = Date.parse(START);
export const ACCOUNT = '000000000000';
export const TASK_ID = '0123456789abcdef0123456789abcdef';

/** Timers that fire only when told: batching and quiet periods without waiting. */
export class ManualTimers implements Timers {
  private readonly pending = new Map<number, { callback: () => Promise<void>; ms: number }>();
  private next = 0;

  set(callback: () => Promise<void>, ms: number): () => void {
    const id = this.next++;
    this.pending.set(id, { callback, ms });
    return () => this.pending.delete(id);
  }

  /** Delays currently armed, in arming order. */
  armed(): number[] {
    return [...this.pending.values()].map((timer) => timer.ms);
  }

  /** Fires every armed timer of that delay (all when omitted) and waits for their work. */
  async fire(ms?: number): Promise<void> {
    const due = [...this.pending.entries()].filter(([, t]) => ms === undefined || t.ms === ms);
    for (const [id] of due) this.pending.delete(id);
    await Promise.all(due.map(([, timer]) => timer.callback()));
  }
}

export interface DriverFixture {
  teiki: TestTeiki;
  clock: VirtualClock;
  timers: ManualTimers;
  log: LogEntry[];
  driver: AwslogsDriver;
  logs(region?: string, accessKeyId?: string): CloudWatchLogsClient;
}

/** `store`: `['--in-memory']` (the default) or `['--data-dir', DIR]` for SQLite. */
export async function startDriverFixture(store = ['--in-memory']): Promise<DriverFixture> {
  const teiki = await startTestTeiki([...store, '--clock', 'virtual', '--clock-start', START]);
  const timers = new ManualTimers();
  const log: LogEntry[] = [];
  const driver = createAwslogsDriver({
    store: teiki.store,
    clock: teiki.clock,
    timers,
    logger: recordingLogger(log),
  });
  return {
    teiki,
    clock: teiki.clock as VirtualClock,
    timers,
    log,
    driver,
    logs: (region = 'us-east-1', accessKeyId = 'test') =>
      new CloudWatchLogsClient(teiki.clientConfig({ region, accessKeyId })),
  };
}

let counter = 0;
/** A fresh group name per test, so tests sharing a server never meet. */
export function uniqueGroup(prefix = '/ecs/awslogs'): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

export function target(
  group: string,
  options: Record<string, string> = {},
  overrides: Partial<AwslogsTarget> = {},
): AwslogsTarget {
  return {
    accountId: ACCOUNT,
    options: {
      'awslogs-group': group,
      'awslogs-region': 'us-east-1',
      'awslogs-stream-prefix': 'ecs',
      ...options,
    },
    taskId: TASK_ID,
    containerName: 'app',
    ...overrides,
  };
}

/** Creates the group through the API, then opens a sink on it. */
export async function openOn(
  fixture: DriverFixture,
  options: Record<string, string> = {},
): Promise<{ group: string; sink: ContainerLogSink }> {
  const group = uniqueGroup();
  await fixture.logs().send(new CreateLogGroupCommand({ logGroupName: group }));
  const sink = await fixture.driver.open(target(group, options));
  return { group, sink };
}

export interface ReadEvent {
  timestamp: number;
  message: string;
}

/** Every event of the stream, oldest first, through GetLogEvents. */
export async function readEvents(
  client: CloudWatchLogsClient,
  logGroupName: string,
  logStreamName: string,
): Promise<ReadEvent[]> {
  const events: ReadEvent[] = [];
  for await (const page of paginateGetLogEvents(
    { client, stopOnSameToken: true },
    { logGroupName, logStreamName, startFromHead: true },
  )) {
    for (const event of page.events ?? []) {
      events.push({ timestamp: event.timestamp ?? -1, message: event.message ?? '' });
    }
  }
  return events;
}

/** Writes lines to stdout, one clock millisecond apart, starting at the clock's reading. */
export async function writeLines(
  fixture: DriverFixture,
  sink: ContainerLogSink,
  lines: string[],
): Promise<void> {
  for (const line of lines) {
    sink.write('stdout', line);
    await fixture.clock.advance(1);
  }
}
