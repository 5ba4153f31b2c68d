/**
 * AWS's "legacy parsing" pass and its resource-format checks. The two are interleaved
 * on AWS: a statement's resources are legacy-parsed only while no resource-format error
 * has been found, and a legacy failure ("The policy failed legacy parsing") outranks a
 * format error, which is reported later, after the Sid and action-presence checks.
 */
import { PARTITIONS, isJsonObject, splitOperator, type Json, type JsonObject } from './grammar.js';

export type LegacyOutcome =
  | { kind: 'legacy-failure' }
  | {
      kind: 'ok';
      /** The resource-format message AWS reports later, if any. */ resourceError?: string;
    };

export function legacyParse(statements: readonly JsonObject[]): LegacyOutcome {
  for (const statement of statements) {
    if (!legacyStatementOk(statement)) return { kind: 'legacy-failure' };
  }
  // AWS keeps the last failing resource it meets; in a list it walks the resources in
  // descending order, so the smallest failing one is what the message names.
  let resourceError: string | undefined;
  for (const key of ['Resource', 'NotResource']) {
    for (const statement of statements) {
      const value = statement[key];
      if (value === undefined) continue;
      const resources = typeof value === 'string' ? [value] : stringsOf(value).sort().reverse();
      for (const resource of resources) {
        resourceError = resourceFormatError(resource) ?? resourceError;
      }
      if (resourceError === undefined && !legacyResourcesOk(resources)) {
        return { kind: 'legacy-failure' };
      }
    }
  }
  return resourceError === undefined ? { kind: 'ok' } : { kind: 'ok', resourceError };
}

function stringsOf(value: Json): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string' && v !== '')
    : [];
}

function legacyStatementOk(statement: JsonObject): boolean {
  // Effect was matched case-insensitively by the syntax pass; legacy wants it exact.
  if (statement['Effect'] !== 'Allow' && statement['Effect'] !== 'Deny') return false;
  const condition = statement['Condition'];
  if (!isJsonObject(condition)) return true;
  for (const [operator, block] of Object.entries(condition)) {
    if (!splitOperator(operator).base.startsWith('Date') || !isJsonObject(block)) continue;
    for (const value of Object.values(block)) {
      const values = Array.isArray(value) ? value : [value];
      if (!values.every((v) => typeof v === 'string' && legacyDateOk(v))) return false;
    }
  }
  return true;
}

/** Legacy parsing rejects resources that look like ARNs missing segments. */
function legacyResourcesOk(resources: readonly string[]): boolean {
  return resources.every((r) => {
    if (r === '*') return true;
    const colons = r.split(':').length - 1;
    if (colons < 5 && r.includes('::')) return false;
    return (r.split(':')[2] ?? '') !== '';
  });
}

const IAM_PATH_PREFIXES = [
  'user/',
  'federated-user/',
  'role/',
  'group/',
  'instance-profile/',
  'mfa/',
  'server-certificate/',
  'policy/',
  'sms-mfa/',
  'saml-provider/',
  'oidc-provider/',
  'report/',
  'access-report/',
];

/** Splits at the first colon: [before, found, after]. */
function cut(text: string): [string, boolean, string] {
  const i = text.indexOf(':');
  return i < 0 ? [text, false, ''] : [text.slice(0, i), true, text.slice(i + 1)];
}

/** AWS's message for a resource that is not an acceptable ARN, or undefined. */
export function resourceFormatError(resource: string): string | undefined {
  if (resource === '*') return undefined;
  const [, hasColon, afterPrefix] = cut(resource);
  if (!hasColon) return `Resource ${resource} must be in ARN format or "*".`;
  const [partition, hasService, afterPartition] = cut(afterPrefix);
  if (partition !== '*' && !PARTITIONS.includes(partition)) {
    return `Partition "${partition}" is not valid for resource "${partitionEcho(partition, afterPartition)}".`;
  }
  if (!hasService) return 'Resource vendor must be fully qualified and cannot contain regexes.';
  const [service, , afterService] = cut(afterPartition);
  const [, , afterRegion] = cut(afterService);
  const [, , resourcePart] = cut(afterRegion);
  // As on AWS, a resource that ends right after the service counts as naming a region.
  const hasRegion = !afterService.startsWith(':');
  if (service === 'iam' && hasRegion) {
    return `IAM resource ${resource} cannot contain region information.`;
  }
  if (service === 's3' && hasRegion && !resourcePart.startsWith('accesspoint/')) {
    return `Resource ${resource} can not contain region information.`;
  }
  if (
    service === 'iam' &&
    resourcePart !== '*' &&
    !IAM_PATH_PREFIXES.some((p) => resourcePart.startsWith(p))
  ) {
    return `IAM resource path must either be "*" or start with ${IAM_PATH_PREFIXES.join(', ')}.`;
  }
  return undefined;
}

/** How AWS echoes a resource with a bad partition: six segments, `*` for missing ones. */
function partitionEcho(partition: string, rest: string): string {
  const parts = rest.split(':');
  const first = parts[0] !== '' || parts.length > 1 ? (parts[0] ?? '*') : '*';
  const second = parts.length > 1 ? (parts[1] ?? '*') : '*';
  const third = parts.length > 2 ? (parts[2] ?? '*') : '*';
  const fourth = parts.length > 3 ? parts.slice(3).join(':') : '*';
  return `arn:${partition}:${first}:${second}:${third}:${fourth}`;
}

const INT = /^\s*[+-]?\d+\s*$/;
const MAX_EPOCH = 9223372036854775807n;

function intIn(text: string | undefined, min: number, max: number): boolean {
  if (text === undefined || !INT.test(text)) return false;
  const n = Number(text);
  return n >= min && n <= max;
}

/** A Date condition value as AWS's legacy parser accepts it: ISO 8601 or epoch seconds. */
export function legacyDateOk(value: string): boolean {
  const text = value.toLowerCase();
  if (!text.includes('t') && !text.includes('-')) {
    if (!INT.test(text)) return false;
    const n = BigInt(text.trim());
    return n >= 0n && n <= MAX_EPOCH;
  }
  const t = text.indexOf('t');
  const datePart = t < 0 ? text : text.slice(0, t);
  const timePart = t < 0 ? '' : text.slice(t + 1);
  const negative = datePart.startsWith('-');
  const dateParts = (negative ? datePart.slice(1) : datePart).split('-');
  const year = negative ? `-${dateParts[0] ?? ''}` : dateParts[0];
  if (!intIn(year, -292275054, 292278993)) return false;
  if (dateParts.length > 1 && !intIn(dateParts[1], 1, 12)) return false;
  if (dateParts.length > 2 && !intIn(dateParts[2], 1, 31)) return false;
  if (dateParts.length > 3) return false;
  const timeParts = timePart.split(':');
  if (timeParts[0] !== '' && !intIn(timeParts[0], 0, 23)) return false;
  if (timeParts.length > 1 && !intIn(timeParts[1], 0, 59)) return false;
  if (timeParts.length > 2) return legacySecondsOk(timeParts[2] ?? '');
  return true;
}

/** Seconds with an optional fraction and zone: `05.123z`, `05+09`, `05.1+09:30`, `05-05`. */
function legacySecondsOk(text: string): boolean {
  let seconds = text;
  const z = text.indexOf('z');
  const sign = Math.max(text.indexOf('+'), text.indexOf('-'));
  if (z >= 0) {
    if (text.slice(z + 1) !== '') return false;
    seconds = text.slice(0, z);
  } else if (sign >= 0) {
    seconds = text.slice(0, sign);
    const [hours, hasMinutes, minutes] = cut(text.slice(sign + 1));
    if (hours.length !== 2 || !intIn(hours, 0, 23)) return false;
    if (hasMinutes && (minutes.length !== 2 || !intIn(minutes, 0, 59))) return false;
  }
  const dot = seconds.indexOf('.');
  const whole = dot < 0 ? seconds : seconds.slice(0, dot);
  if (!intIn(whole, 0, 59)) return false;
  return dot < 0 || intIn(seconds.slice(dot + 1), 0, 999999999);
}
