/**
 * Metric filters as stored: one record per filter (id: `GROUP:FILTER`; neither name may
 * hold `:`, so a group's filters are the ids under `GROUP:`).
 */
import type { MetricTransformation } from '../generated/types.js';

export const METRIC_FILTERS = 'logs.metric-filters';

export interface MetricFilterRecord {
  filterName: string;
  logGroupName: string;
  filterPattern: string;
  metricTransformations: MetricTransformation[];
  creationTime: number;
  applyOnTransformedLogs?: boolean;
  emitSystemFieldDimensions?: string[];
}

export function metricFilterId(logGroupName: string, filterName: string): string {
  return `${logGroupName}:${filterName}`;
}

export function groupFilterPrefix(logGroupName: string): string {
  return `${logGroupName}:`;
}
