/**
 * The metrics metric filters make, for `/_teiki/metrics`: teiki has no CloudWatch metrics
 * service, so each metric (account, region, namespace, name, dimensions, unit) is one
 * Prometheus series pair, the sum of the values emitted and how many were, as CloudWatch's
 * Sum and SampleCount statistics would show them over all time.
 *
 * One registry per log event store, like the append feed: every write path (the API, the
 * awslogs driver, a Logs target) shares the store, not the services' deps.
 */
import type { LogEventStore } from '../../../store/log-events.js';

export interface MetricPoint {
  accountId: string;
  region: string;
  namespace: string;
  name: string;
  unit?: string;
  dimensions: ReadonlyArray<readonly [string, string]>;
}

interface Series {
  labels: string;
  sum: number;
  count: number;
}

export class LogMetricSeries {
  private readonly series = new Map<string, Series>();

  record(point: MetricPoint, value: number): void {
    const labels = labelsOf(point);
    let s = this.series.get(labels);
    if (!s) this.series.set(labels, (s = { labels, sum: 0, count: 0 }));
    s.sum += value;
    s.count += 1;
  }

  clear(): void {
    this.series.clear();
  }

  render(): string {
    const all = [...this.series.values()].sort((a, b) => (a.labels < b.labels ? -1 : 1));
    return [
      '# HELP teiki_log_metric_value_sum Sum of the values CloudWatch Logs metric filters emitted, per metric.',
      '# TYPE teiki_log_metric_value_sum counter',
      ...all.map((s) => `teiki_log_metric_value_sum{${s.labels}} ${formatNumber(s.sum)}`),
      '# HELP teiki_log_metric_values_total Values CloudWatch Logs metric filters emitted, per metric.',
      '# TYPE teiki_log_metric_values_total counter',
      ...all.map((s) => `teiki_log_metric_values_total{${s.labels}} ${s.count}`),
      '',
    ].join('\n');
  }
}

/** Dimensions go in one label, `Name=Value` pairs sorted and joined by commas. */
function labelsOf(p: MetricPoint): string {
  const dimensions = [...p.dimensions]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const labels: Array<[string, string]> = [
    ['account', p.accountId],
    ['region', p.region],
    ['namespace', p.namespace],
    ['metric', p.name],
    ['dimensions', dimensions],
    ['unit', p.unit ?? 'None'],
  ];
  return labels.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',');
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function formatNumber(n: number): string {
  return Number.isFinite(n) ? String(n) : n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
}

const registries = new WeakMap<LogEventStore, LogMetricSeries>();

/** The metric series of an event store, created on first use. */
export function logMetricSeries(store: LogEventStore): LogMetricSeries {
  let series = registries.get(store);
  if (!series) {
    series = new LogMetricSeries();
    registries.set(store, series);
  }
  return series;
}
