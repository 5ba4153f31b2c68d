/**
 * PutMetricFilter, DescribeMetricFilters and DeleteMetricFilter. A filter belongs to a log
 * group (at most 100 per group), has one transformation whose value is a number or a field
 * its pattern reads, and may carry up to three dimensions (fields of a JSON or
 * space-delimited pattern, never with a default value). Applying them is apply.ts.
 */
import type { CompiledFilterPattern } from '../../../engine/log-patterns/api.js';
import type { OperationTable } from '../../operation.js';
import { compareIds } from '../../../store/ids.js';
import { decodePageToken, encodePageToken } from '../../paging.js';
import type { LogsDeps } from '../deps.js';
import { compilePattern } from '../filter-events.js';
import {
  InvalidParameterException,
  LimitExceededException,
  ResourceNotFoundException,
} from '../generated/errors.js';
import type { LogsOperations, MetricFilter, MetricTransformation } from '../generated/types.js';
import { INVALID_NEXT_TOKEN, requireGroup } from '../lookup.js';
import {
  groupFilterPrefix,
  METRIC_FILTERS,
  metricFilterId,
  type MetricFilterRecord,
} from './records.js';
import { scopeOf } from '../../context.js';

export const MAX_FILTERS_PER_GROUP = 100;
export const MAX_DIMENSIONS = 3;
const DESCRIBE_DEFAULT = 50;
const SYSTEM_FIELDS = ['@aws.account', '@aws.region'];
const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

type MetricFilterOperations = Pick<
  OperationTable<LogsOperations>,
  'PutMetricFilter' | 'DescribeMetricFilters' | 'DeleteMetricFilter'
>;

export function createMetricFilterOperations(deps: LogsDeps): MetricFilterOperations {
  const filters = deps.store.collection<MetricFilterRecord>(METRIC_FILTERS);
  return {
    PutMetricFilter: async (input, ctx) => {
      const scope = scopeOf(ctx);
      await requireGroup(deps, scope, input.logGroupName);
      const pattern = compilePattern(input.filterPattern, 'metric-filter');
      const transformation = checkTransformation(input.metricTransformations, pattern);
      if (input.fieldSelectionCriteria !== undefined && input.fieldSelectionCriteria !== '') {
        throw new InvalidParameterException('teiki does not implement fieldSelectionCriteria yet.');
      }
      for (const field of input.emitSystemFieldDimensions ?? []) {
        if (!SYSTEM_FIELDS.includes(field)) {
          throw new InvalidParameterException(
            `Invalid system field ${field}: emitSystemFieldDimensions takes ${SYSTEM_FIELDS.join(' and ')}.`,
          );
        }
      }
      const id = metricFilterId(input.logGroupName, input.filterName);
      const existing = await filters.get(scope, id);
      if (!existing) {
        const count = await filters.count(scope, { prefix: groupFilterPrefix(input.logGroupName) });
        if (count >= MAX_FILTERS_PER_GROUP) {
          throw new LimitExceededException(
            `Resource limit exceeded: a log group can have at most ${MAX_FILTERS_PER_GROUP} metric filters.`,
          );
        }
      }
      const record: MetricFilterRecord = {
        filterName: input.filterName,
        logGroupName: input.logGroupName,
        filterPattern: input.filterPattern,
        metricTransformations: [transformation],
        creationTime: existing?.creationTime ?? deps.clock.nowMs(),
        ...(input.applyOnTransformedLogs !== undefined
          ? { applyOnTransformedLogs: input.applyOnTransformedLogs }
          : {}),
        ...(input.emitSystemFieldDimensions?.length
          ? { emitSystemFieldDimensions: input.emitSystemFieldDimensions }
          : {}),
      };
      await filters.put(scope, id, record);
      return {};
    },

    DescribeMetricFilters: async (input, ctx) => {
      const scope = scopeOf(ctx);
      if ((input.metricName === undefined) !== (input.metricNamespace === undefined)) {
        throw new InvalidParameterException(
          input.metricName !== undefined
            ? 'If you include the metricName parameter in your request, you must also include the metricNamespace parameter.'
            : 'If you include the metricNamespace parameter in your request, you must also include the metricName parameter.',
        );
      }
      const after = input.nextToken === undefined ? undefined : decodePageToken(input.nextToken);
      if (input.nextToken !== undefined && after === undefined) {
        throw new InvalidParameterException(INVALID_NEXT_TOKEN);
      }
      if (input.logGroupName !== undefined) await requireGroup(deps, scope, input.logGroupName);
      const rows = await filters.list(
        scope,
        input.logGroupName !== undefined ? { prefix: groupFilterPrefix(input.logGroupName) } : {},
      );
      // The name prefix counts only with a group, as AWS documents.
      const prefix = input.logGroupName !== undefined ? (input.filterNamePrefix ?? '') : '';
      const kept = rows
        .map((r) => r.value)
        .filter(
          (f) =>
            f.filterName.startsWith(prefix) &&
            (input.metricName === undefined ||
              f.metricTransformations.some(
                (t) =>
                  t.metricName === input.metricName && t.metricNamespace === input.metricNamespace,
              )),
        )
        .sort(
          (a, b) =>
            compareIds(a.filterName, b.filterName) || compareIds(a.logGroupName, b.logGroupName),
        );
      const start = after === undefined ? 0 : kept.findIndex((f) => positionOf(f) > after);
      const size = input.limit ?? DESCRIBE_DEFAULT;
      const page = start < 0 ? [] : kept.slice(start, start + size);
      const last = page[page.length - 1];
      return {
        metricFilters: page.map(toWire),
        ...(last && start + size < kept.length
          ? { nextToken: encodePageToken(positionOf(last)) }
          : {}),
      };
    },

    DeleteMetricFilter: async (input, ctx) => {
      const scope = scopeOf(ctx);
      await requireGroup(deps, scope, input.logGroupName);
      const deleted = await filters.delete(
        scope,
        metricFilterId(input.logGroupName, input.filterName),
      );
      if (!deleted)
        throw new ResourceNotFoundException('The specified metric filter does not exist.');
      return {};
    },
  };
}

function checkTransformation(
  transformations: MetricTransformation[],
  pattern: CompiledFilterPattern,
): MetricTransformation {
  const t = transformations[0]!;
  const value = t.metricValue;
  if (!NUMBER.test(value) && !readsField(pattern, value)) {
    throw new InvalidParameterException(
      `Invalid metric transformation: metric value ${value} must be a valid number`,
    );
  }
  const dimensions = Object.entries(t.dimensions ?? {});
  if (dimensions.length > 0) {
    if (pattern.kind !== 'json' && pattern.kind !== 'space-delimited') {
      throw new InvalidParameterException(
        'Dimensions are only supported for JSON and space-delimited filter patterns.',
      );
    }
    if (dimensions.length > MAX_DIMENSIONS) {
      throw new InvalidParameterException(
        `A metric transformation can have at most ${MAX_DIMENSIONS} dimensions.`,
      );
    }
    if (t.defaultValue !== undefined) {
      throw new InvalidParameterException(
        'A metric transformation with dimensions cannot have a default value.',
      );
    }
    for (const [name, reference] of dimensions) {
      if (!readsField(pattern, reference)) {
        throw new InvalidParameterException(
          `Invalid dimension ${name}: ${reference} is not a field of the filter pattern.`,
        );
      }
    }
  }
  return {
    metricName: t.metricName,
    metricNamespace: t.metricNamespace,
    metricValue: t.metricValue,
    ...(t.defaultValue !== undefined ? { defaultValue: t.defaultValue } : {}),
    ...(dimensions.length > 0 ? { dimensions: t.dimensions } : {}),
    ...(t.unit !== undefined ? { unit: t.unit } : {}),
  };
}

/**
 * Whether `reference` names a field a pattern of this kind reads: a JSON selector (`$.a.b`,
 * `$.list[0]`) for a JSON pattern, `$name` or `$N` for a space-delimited one; terms have none.
 */
function readsField(pattern: CompiledFilterPattern, reference: string): boolean {
  if (pattern.kind === 'json') return /^\$(\.|\[)/.test(reference);
  if (pattern.kind === 'space-delimited') return /^\$(?:[A-Za-z_]\w*|[1-9]\d*)$/.test(reference);
  return false;
}

function toWire(f: MetricFilterRecord): MetricFilter {
  return {
    filterName: f.filterName,
    logGroupName: f.logGroupName,
    filterPattern: f.filterPattern,
    metricTransformations: f.metricTransformations,
    creationTime: f.creationTime,
    ...(f.applyOnTransformedLogs !== undefined
      ? { applyOnTransformedLogs: f.applyOnTransformedLogs }
      : {}),
    ...(f.emitSystemFieldDimensions
      ? { emitSystemFieldDimensions: f.emitSystemFieldDimensions }
      : {}),
  };
}

function positionOf(f: MetricFilterRecord): string {
  return `${f.filterName}\u0000${f.logGroupName}`;
}
