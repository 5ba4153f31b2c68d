import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Request counters for `/_teiki/metrics`, in the Prometheus text format. */
export class GatewayMetrics {
  private readonly requests = new Map<string, { count: number; seconds: number }>();
  private readonly startedAtMs = performance.now();
  /**
   * How late the event loop ran its timers: the measure of work that did not yield. No
   * request should hold the loop for long (see RELIABILITY.md), and this says whether one did.
   */
  private readonly loopDelay = monitorEventLoopDelay({ resolution: LOOP_SAMPLE_MS });

  constructor() {
    this.loopDelay.enable();
  }

  record(service: string, operation: string, status: number, seconds: number): void {
    const key = `service="${service}",operation="${operation}",status="${status}"`;
    const entry = this.requests.get(key) ?? { count: 0, seconds: 0 };
    entry.count += 1;
    entry.seconds += seconds;
    this.requests.set(key, entry);
  }

  render(extra: Record<string, number> = {}): string {
    const lines = [
      '# HELP teiki_requests_total AWS API requests answered, by service, operation and HTTP status.',
      '# TYPE teiki_requests_total counter',
      ...[...this.requests].map(([labels, e]) => `teiki_requests_total{${labels}} ${e.count}`),
      '# HELP teiki_request_seconds_total Time spent answering AWS API requests.',
      '# TYPE teiki_request_seconds_total counter',
      ...[...this.requests].map(
        ([labels, e]) => `teiki_request_seconds_total{${labels}} ${e.seconds.toFixed(6)}`,
      ),
      '# HELP teiki_uptime_seconds Seconds since the process started serving.',
      '# TYPE teiki_uptime_seconds gauge',
      `teiki_uptime_seconds ${((performance.now() - this.startedAtMs) / 1000).toFixed(3)}`,
      '# HELP teiki_event_loop_delay_seconds How late the event loop ran, since start (beyond its 10 ms sampling timer).',
      '# TYPE teiki_event_loop_delay_seconds summary',
      ...[0.5, 0.99, 0.999].map(
        (q) =>
          `teiki_event_loop_delay_seconds{quantile="${q}"} ${seconds(this.loopDelay.percentile(q * 100))}`,
      ),
      `teiki_event_loop_delay_seconds_max ${seconds(this.loopDelay.max)}`,
    ];
    for (const [name, value] of Object.entries(extra)) {
      lines.push(`# TYPE ${name} gauge`, `${name} ${value}`);
    }
    return lines.join('\n') + '\n';
  }
}

const LOOP_SAMPLE_MS = 10;

/**
 * The histogram counts nanoseconds between its timer's runs, the sampling interval
 * included; before its first sample it reads 0 (or a huge max).
 */
function seconds(nanoseconds: number): string {
  if (!Number.isFinite(nanoseconds) || nanoseconds > 1e15) return '0';
  return (Math.max(0, nanoseconds / 1e6 - LOOP_SAMPLE_MS) / 1000).toFixed(6);
}
