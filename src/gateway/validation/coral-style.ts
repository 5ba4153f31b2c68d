/**
 * What differs between services in how Coral words a validation error, from recorded AWS
 * answers (docs/decisions.md, "Validation messages", lists them):
 * - which constraint kinds print no value: CloudWatch Logs now answers a pattern
 *   violation as `Value at 'logGroupName' failed to satisfy constraint: Member must satisfy
 *   regular expression pattern: …` (users' pasted errors, 2025–26), while its length,
 *   range and enum violations still print the value (LocalStack's AWS recordings of
 *   February 2026). EventBridge, IAM and STS print the value for a pattern too.
 * - how a structure prints: the Java model's Lombok `toString`, `Name(field=value, …)`,
 *   every field in the Java class's order with `null` for absent ones, including fields
 *   the public model does not show. The order is known only where AWS was recorded; other
 *   structures follow the model's member order.
 */

export type ConstraintKind = 'length' | 'pattern' | 'enum' | 'range' | 'null' | 'group';

const VALUE_OMITTED: Record<string, ReadonlySet<ConstraintKind>> = {
  logs: new Set(['pattern']),
};

/** Whether `service` prints the offending value for a violation of this kind. */
export function printsValue(service: string, kind: ConstraintKind): boolean {
  return !VALUE_OMITTED[service]?.has(kind);
}

/**
 * Java field lists, keyed `service.Shape`, as AWS printed them:
 * - events PutEventsRequestEntry: PutEvents with 11 entries (LocalStack
 *   test_events.snapshot.json, test_put_events_exceed_limit_ten_entries, recorded
 *   2024-12-06);
 * - logs MetricTransformation: PutMetricFilter with two transformations (LocalStack
 *   test_logs_metric_filters.snapshot.json, recorded 2026-02-05).
 */
const JAVA_FIELDS: Record<string, readonly string[]> = {
  'events.PutEventsRequestEntry': [
    'time',
    'source',
    'resources',
    'detailType',
    'detail',
    'eventBusName',
    'traceHeader',
    'kmsKeyIdentifier',
    'internalMetadata',
  ],
  'logs.MetricTransformation': [
    'metricName',
    'metricNamespace',
    'metricValue',
    'defaultValue',
    'unit',
    'dimensions',
  ],
};

/** The Java fields of a structure, in print order; `members` are the model's names. */
export function javaFields(service: string, shapeName: string, members: string[]): string[] {
  return [...(JAVA_FIELDS[`${service}.${shapeName}`] ?? members.map(lowerFirst))];
}

/**
 * A violation a service answers in its own words instead of Coral's. ECS checks enum
 * values itself: `InvalidParameterException: launch type should be one of
 * [EC2,FARGATE,EXTERNAL,MANAGED_INSTANCES]` (moto's RunTask and CreateService tests, written
 * against AWS; MANAGED_INSTANCES is in today's model). Other members follow the same form
 * with the member's name in words (`include should be one of [TAGS]`), unconfirmed.
 */
export function serviceOwnError(
  service: string,
  violations: ReadonlyArray<{ path: string; enumValues?: readonly string[] }>,
): { code: string; message: string } | undefined {
  if (service !== 'ecs') return undefined;
  const outside = violations.find((v) => v.enumValues !== undefined);
  if (!outside?.enumValues) return undefined;
  const member =
    outside.path
      .split('.')
      .filter((segment) => segment !== 'member' && !/^\d+$/.test(segment))
      .pop() ?? outside.path;
  const words = member.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return {
    code: 'InvalidParameterException',
    message: `${words} should be one of [${outside.enumValues.join(',')}]`,
  };
}

export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
