import type {
  GroupScanOptions,
  LogCursor,
  NewLogEvent,
  StoredLogEvent,
} from '../../src/store/log-events.js';
import type { Scope, Store } from '../../src/store/types.js';
import { useStore, type Harness } from './store-fixtures.js';

/** What the log event contract suites share: scopes, a clock origin and helpers. */

export const A: Scope = { accountId: '000000000000', region: 'us-east-1' };
export const B: Scope = { accountId: '111111111111', region: 'us-east-1' };
export const C: Scope = { accountId: '000000000000', region: 'eu-west-1' };
export const T = 1_700_000_000_000;
export const INGESTED = T + 60_000;
export const GROUP = '/ecs/sample-logger-task';

export const ev = (offset: number, message = `m${offset}`): NewLogEvent => ({
  timestamp: T + offset,
  message,
});
export const messages = (events: StoredLogEvent[]) => events.map((e) => e.message);
export const seqs = (events: StoredLogEvent[]) => events.map((e) => e.seq);
export const byPosition = (a: LogCursor, b: LogCursor) =>
  a.timestamp - b.timestamp || a.seq - b.seq;
export const cursor = (e: StoredLogEvent): LogCursor => ({ timestamp: e.timestamp, seq: e.seq });

export interface LogStoreFixture {
  readonly store: Store;
  append: (
    stream: string,
    events: NewLogEvent[],
    scope?: Scope,
    group?: string,
  ) => Promise<StoredLogEvent[]>;
  /** Every batch a scan yields. */
  scan: (options?: GroupScanOptions, scope?: Scope, group?: string) => Promise<StoredLogEvent[][]>;
  scanFlat: (
    options?: GroupScanOptions,
    scope?: Scope,
    group?: string,
  ) => Promise<StoredLogEvent[]>;
}

/** A fresh store for each test of the calling `describe`. */
export function useLogStore(harness: () => Harness): LogStoreFixture {
  const fixture = useStore(harness);
  const scan = async (options: GroupScanOptions = {}, scope = A, group = GROUP) => {
    const batches: StoredLogEvent[][] = [];
    for await (const batch of fixture.store.logEvents.scanGroup(scope, group, options)) {
      batches.push(batch);
    }
    return batches;
  };
  return {
    get store() {
      return fixture.store;
    },
    append: (stream, events, scope = A, group = GROUP) =>
      fixture.store.logEvents.append(scope, group, stream, events, INGESTED),
    scan,
    scanFlat: async (options, scope, group) => (await scan(options, scope, group)).flat(),
  };
}
