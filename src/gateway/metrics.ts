/** Request counters for `/_teiki/metrics`, in the Prometheus text format. */
export class GatewayMetrics {
  private readonly requests = new Map<string, { count: number; seconds: number }>();
  private readonly startedAtMs = performance.now();

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
    ];
    for (const [name, value] of Object.entries(extra)) {
      lines.push(`# TYPE ${name} gauge`, `${name} ${value}`);
    }
    return lines.join('\n') + '\n';
  }
}
