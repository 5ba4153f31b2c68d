/**
 * Runs Logs Insights queries in the background of the teiki process: each query is fed from
 * the store in batches through the engine's slicing driver (which yields to the event loop
 * every 20 ms of work), can be stopped (StopQuery), and times out after 60 minutes of
 * runtime as on AWS. The 60 minutes run on the teiki clock, as every lifetime in teiki does:
 * a virtual clock moved an hour ahead ends a query still running.
 *
 * While a query runs its partial rows and statistics are read from memory; when it ends its
 * record is written once with the final rows, so GetQueryResults answers the same after a
 * restart. A query a restart interrupted is left Running in its record: it is reported as
 * Unknown, the status AWS has for a query it lost track of.
 */
import type {
  CompiledQuery,
  QueryExecution,
  ResultRow,
} from '../../../engine/logs-insights/index.js';
import { consume } from '../../../engine/logs-insights/index.js';
import type { Logger } from '../../../engine/log.js';
import type { Scope } from '../../../store/types.js';
import type { LogsDeps } from '../deps.js';
import type { QueryStatus } from '../generated/types.js';
import { queryFeed, type QueryFeed } from './feed.js';
import { QUERIES, type QueryCounts, type QueryRecord } from './records.js';

export const QUERY_TIMEOUT_MS = 60 * 60 * 1000;

interface Running {
  scope: Scope;
  record: QueryRecord;
  execution: QueryExecution;
  feed: QueryFeed;
  stop: AbortController;
  startedMs: number;
}

export interface QueryProgress {
  status: QueryStatus;
  results: ResultRow[];
  statistics: QueryCounts;
}

export class QueryRunner {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly deps: LogsDeps,
    private readonly logger?: Logger,
  ) {}

  /** Queries of a scope not yet ended in this process. */
  activeIn(scope: Scope): number {
    let n = 0;
    for (const r of this.running.values()) {
      if (r.scope.accountId === scope.accountId && r.scope.region === scope.region) n++;
    }
    return n;
  }

  isRunning(queryId: string): boolean {
    return this.running.has(queryId);
  }

  /** The rows and counts so far of a query this process runs. */
  progress(queryId: string): QueryProgress | undefined {
    const r = this.running.get(queryId);
    if (!r) return undefined;
    return {
      status: r.record.status,
      results: r.execution.results(),
      statistics: counts(r),
    };
  }

  /** Asks a running query to stop; false when it is not running here. */
  stop(queryId: string): boolean {
    const r = this.running.get(queryId);
    if (!r) return false;
    r.stop.abort();
    return true;
  }

  /** Starts `record` (already stored as Scheduled) in the background. */
  start(scope: Scope, record: QueryRecord, query: CompiledQuery): void {
    const now = this.deps.clock.nowMs();
    const startMs = record.startTime * 1000;
    // endTime is inclusive, to the millisecond its seconds convert to (AWS converts straight).
    const endMsExclusive = record.endTime * 1000 + 1;
    const execution = query.start({
      startTime: startMs,
      endTime: record.endTime * 1000,
      now,
      ...(record.limit !== undefined ? { limit: record.limit } : {}),
    });
    const running: Running = {
      scope,
      record,
      execution,
      feed: queryFeed(this.deps, scope, record.logGroupNames, query, {
        startMs,
        endMsExclusive,
      }),
      stop: new AbortController(),
      startedMs: now,
    };
    this.running.set(record.queryId, running);
    void this.run(running);
  }

  private async run(r: Running): Promise<void> {
    const timeout = new AbortController();
    let timedOut = false;
    this.deps.clock.sleepUntil(r.startedMs + QUERY_TIMEOUT_MS, timeout.signal).then(
      () => {
        timedOut = true;
        r.stop.abort();
      },
      () => {
        // Ended first.
      },
    );
    let status: QueryStatus;
    try {
      // Started on the next turn, so StartQuery answers before any work is done.
      await new Promise((resolve) => setImmediate(resolve));
      r.record.status = 'Running';
      await this.save(r.scope, r.record);
      const outcome = await consume(r.execution, r.feed.batches, { signal: r.stop.signal });
      status = outcome === 'Complete' ? 'Complete' : timedOut ? 'Timeout' : 'Cancelled';
    } catch (error) {
      this.logger?.error('a Logs Insights query failed', { queryId: r.record.queryId, error });
      status = 'Failed';
    } finally {
      timeout.abort();
    }
    const ended: QueryRecord = {
      ...r.record,
      status,
      durationMs: this.deps.clock.nowMs() - r.startedMs,
      statistics: counts(r),
      ...(status === 'Complete' ? { results: r.execution.finish() } : {}),
    };
    try {
      await this.save(r.scope, ended);
    } finally {
      this.running.delete(r.record.queryId);
    }
  }

  private async save(scope: Scope, record: QueryRecord): Promise<void> {
    await this.deps.store.collection<QueryRecord>(QUERIES).put(scope, record.queryId, record);
  }
}

function counts(r: Running): QueryCounts {
  const s = r.execution.statistics();
  return {
    recordsMatched: s.recordsMatched,
    recordsScanned: s.recordsScanned + r.feed.skipped.records,
    bytesScanned: s.bytesScanned + r.feed.skipped.bytes,
    logGroupsScanned: r.feed.groupsScanned,
  };
}
