/**
 * One container's output on its way into its log stream.
 *
 * `write` only groups lines into events and buffers them; it never waits and never throws.
 * Buffered events are stored in batches through the Logs ingestion path (PutLogEvents'
 * rules), one batch at a time and in order: after FLUSH_DELAY_MS of wall time, or at once
 * when a batch's worth has gathered. A multi-line event still waiting for lines is emitted
 * when its next start line arrives, on close, or after QUIET_MS of wall time without a
 * line (moby flushes it on its 5 s ticker once it is 5 s old; a shorter, quiet-based wait
 * shows the last event of a pausing task sooner and never cuts a trace that is still
 * arriving). Both waits are wall time, not the teiki clock: they pace I/O, and a virtual
 * clock that stands still must not hold output back. Timestamps come from the teiki clock.
 *
 * A batch that cannot be stored (its group was deleted while the task runs) is logged and
 * dropped, as moby does; the next batch tries again, and when the group exists again the
 * stream (deleted with it) is created anew so that output lands again. moby would keep
 * failing there until the container restarts; teiki prefers not to lose what follows.
 */
import type { Logger } from '../../../engine/log.js';
import type { NewLogEvent } from '../../../store/log-events.js';
import type { Scope } from '../../../store/types.js';
import type { OutputStream } from '../../../runtimes/types.js';
import type { Clock } from '../../../engine/clock/types.js';
import { isServiceError } from '../../error.js';
import type { LogsDeps } from '../../logs/deps.js';
import type { LogIngestion } from '../../logs/ingestion.js';
import { LineGrouper } from './grouping.js';
import { tryCreateStream } from './setup.js';
import type { ContainerLogSink } from './types.js';
import type { LinearRegex } from '../../../engine/linear-regex/index.js';

export const FLUSH_DELAY_MS = 200;
export const QUIET_MS = 1_000;
/** PutLogEvents' batch limits: a batch this large goes out without waiting. */
const BATCH_EVENTS = 10_000;
const BATCH_BYTES = 1_048_576;
const EVENT_OVERHEAD_BYTES = 26;

/** Wall-clock timers, injectable so tests fire them instead of waiting. */
export interface Timers {
  /**
   * Calls `callback` once after `ms`; the returned function cancels it. The callback's
   * promise settles when the work it started is done (a flush stored), never rejecting.
   */
  set(callback: () => Promise<void>, ms: number): () => void;
}

export const realTimers: Timers = {
  set(callback, ms) {
    const handle = setTimeout(() => void callback(), ms);
    // A pending flush must not keep the process alive; close() flushes explicitly.
    handle.unref();
    return () => clearTimeout(handle);
  },
};

export interface SinkDeps {
  logs: LogsDeps;
  clock: Clock;
  ingestion: LogIngestion;
  timers: Timers;
  logger: Logger;
}

export interface SinkTarget {
  scope: Scope;
  logGroupName: string;
  logStreamName: string;
  startPattern?: LinearRegex;
}

export class AwslogsSink implements ContainerLogSink {
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly region: string;

  private readonly grouper: LineGrouper;
  private events: NewLogEvent[] = [];
  private bytes = 0;
  private cancelFlush: (() => void) | undefined;
  private cancelQuiet: (() => void) | undefined;
  private stored: Promise<void> = Promise.resolve();
  private closing: Promise<void> | undefined;

  constructor(
    private readonly deps: SinkDeps,
    private readonly target: SinkTarget,
  ) {
    this.logGroupName = target.logGroupName;
    this.logStreamName = target.logStreamName;
    this.region = target.scope.region;
    this.grouper = new LineGrouper(target.startPattern, (event, bytes) => this.add(event, bytes));
  }

  write(_stream: OutputStream, line: string): void {
    // Both streams share one grouper and one stream, in arrival order, as in moby.
    if (this.closing) return;
    this.grouper.push(line, this.deps.clock.nowMs());
    if (this.grouper.pending) {
      this.cancelQuiet?.();
      this.cancelQuiet = this.deps.timers.set(() => {
        this.cancelQuiet = undefined;
        this.grouper.flush();
        return this.stored;
      }, QUIET_MS);
    }
  }

  close(): Promise<void> {
    this.closing ??= this.finish();
    return this.closing;
  }

  private async finish(): Promise<void> {
    this.cancelQuiet?.();
    this.cancelQuiet = undefined;
    this.grouper.flush();
    await this.flushNow();
  }

  private add(event: NewLogEvent, bytes: number): void {
    this.events.push(event);
    this.bytes += bytes + EVENT_OVERHEAD_BYTES;
    if (this.events.length >= BATCH_EVENTS || this.bytes >= BATCH_BYTES) void this.flushNow();
    else this.cancelFlush ??= this.deps.timers.set(() => this.flushNow(), FLUSH_DELAY_MS);
  }

  /** Sends what is buffered; resolves when everything sent so far is stored. */
  private flushNow(): Promise<void> {
    this.cancelFlush?.();
    this.cancelFlush = undefined;
    if (this.events.length > 0) {
      const batch = this.events;
      this.events = [];
      this.bytes = 0;
      this.stored = this.stored.then(() => this.store(batch));
    }
    return this.stored;
  }

  /** Stores one batch; never rejects. */
  private async store(batch: NewLogEvent[]): Promise<void> {
    let failure: unknown;
    try {
      await this.ingest(batch);
      return;
    } catch (error) {
      failure = error;
    }
    if (isMissing(failure) && (await this.recreateStream())) {
      try {
        await this.ingest(batch);
        return;
      } catch (error) {
        failure = error;
      }
    }
    this.deps.logger.error('awslogs: failed to put log events', {
      logGroupName: this.logGroupName,
      logStreamName: this.logStreamName,
      region: this.region,
      dropped: batch.length,
      error: failure,
    });
  }

  private async ingest(batch: NewLogEvent[]): Promise<void> {
    const { scope, logGroupName, logStreamName } = this.target;
    const outcome = await this.deps.ingestion.ingest(scope, logGroupName, logStreamName, batch);
    const { tooOld, expired, tooNew } = outcome.rejected;
    if (tooOld + expired + tooNew > 0) {
      this.deps.logger.warn('awslogs: log events rejected', {
        logGroupName,
        logStreamName,
        tooOld,
        expired,
        tooNew,
      });
    }
  }

  /** The group is back but its stream went with the old one: make the stream again. */
  private async recreateStream(): Promise<boolean> {
    try {
      return await tryCreateStream(this.deps.logs, this.target.scope, this.target);
    } catch {
      return false;
    }
  }
}

function isMissing(error: unknown): boolean {
  return isServiceError(error) && error.code === 'ResourceNotFoundException';
}
