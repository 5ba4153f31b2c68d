/**
 * Metric filters applied on ingestion (PutLogEvents' write path, so the awslogs driver's
 * lines and a Logs target's events count too): for each stored event and each filter of its
 * group, a matching event emits the metric value (a number, or a field the pattern reads:
 * `$.latency`, `$bytes`) with its dimensions (fields too), and a non-matching one emits the
 * filter's defaultValue when it has one. A value that does not read as a number, or a
 * dimension whose field the event lacks, emits nothing for that event (AWS does not say what
 * it does; teiki will not invent a value).
 */
import type { CompiledFilterPattern } from '../../../engine/log-patterns/api.js';
import type { StoredLogEvent } from '../../../store/log-events.js';
import type { Entry, Scope } from '../../../store/types.js';
import type { LogsDeps } from '../deps.js';
import { compilePattern } from '../filter-events.js';
import { groupFilterPrefix, METRIC_FILTERS, type MetricFilterRecord } from './records.js';
import { logMetricSeries, type MetricPoint } from './series.js';

const NUMBER = /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

/** Compiled patterns by source: the same few filters see every batch of a busy group. */
const compiled = new Map<string, CompiledFilterPattern>();
const COMPILED_MAX = 1_000;

function patternOf(source: string): CompiledFilterPattern {
  let p = compiled.get(source);
  if (!p) {
    p = compilePattern(source, 'metric-filter');
    if (compiled.size >= COMPILED_MAX) compiled.clear();
    compiled.set(source, p);
  }
  return p;
}

/** A group's metric filters, as `applyMetricFilters` takes them when read beforehand. */
export async function groupMetricFilters(
  deps: LogsDeps,
  scope: Scope,
  logGroupName: string,
): Promise<Array<Entry<MetricFilterRecord>>> {
  return deps.store
    .collection<MetricFilterRecord>(METRIC_FILTERS)
    .list(scope, { prefix: groupFilterPrefix(logGroupName) });
}

/**
 * `filters`: the group's, when the caller read them already (alongside the group, so
 * a batch waits for one read fewer); else they are read here.
 */
export async function applyMetricFilters(
  deps: LogsDeps,
  scope: Scope,
  logGroupName: string,
  events: readonly StoredLogEvent[],
  readFilters?: ReadonlyArray<Entry<MetricFilterRecord>>,
): Promise<void> {
  if (events.length === 0) return;
  const filters = readFilters ?? (await groupMetricFilters(deps, scope, logGroupName));
  if (filters.length === 0) return;
  const series = logMetricSeries(deps.store.logEvents);
  for (const { value: filter } of filters) {
    const t = filter.metricTransformations[0];
    if (!t) continue;
    const pattern = patternOf(filter.filterPattern);
    const literal = NUMBER.test(t.metricValue) ? Number(t.metricValue) : undefined;
    const system: Array<[string, string]> = (filter.emitSystemFieldDimensions ?? []).map((f) => [
      f,
      f === '@aws.account' ? scope.accountId : scope.region,
    ]);
    const base = {
      accountId: scope.accountId,
      region: scope.region,
      namespace: t.metricNamespace,
      name: t.metricName,
      ...(t.unit !== undefined ? { unit: t.unit } : {}),
    };
    for (const event of events) {
      if (!pattern.matches(event.message)) {
        if (t.defaultValue !== undefined) {
          series.record({ ...base, dimensions: system }, t.defaultValue);
        }
        continue;
      }
      const raw = literal ?? pattern.valueOf(event.message, t.metricValue);
      const value =
        typeof raw === 'number'
          ? raw
          : raw !== undefined && NUMBER.test(raw)
            ? Number(raw)
            : undefined;
      if (value === undefined) continue;
      const dimensions: Array<readonly [string, string]> = [...system];
      let complete = true;
      for (const [name, reference] of Object.entries(t.dimensions ?? {})) {
        const found = pattern.valueOf(event.message, reference);
        if (found === undefined) {
          complete = false;
          break;
        }
        dimensions.push([name, found]);
      }
      if (complete) series.record({ ...base, dimensions } satisfies MetricPoint, value);
    }
  }
}
