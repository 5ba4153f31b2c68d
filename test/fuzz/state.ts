/**
 * What there is, read through the list operations of every service for one caller: two
 * snapshots around a request AWS refuses must be equal (bad input changes nothing).
 */
import { serviceSchemas } from '../../src/gateway/generated/index.js';
import type { ServiceName } from '../../src/gateway/generated/index.js';
import type { HttpClient } from './http.js';
import type { Value } from './values.js';
import { encodeRequest, type Caller } from './wire.js';

export const STATE_CALLER: Caller = { accessKeyId: '000000000000', region: 'us-east-1' };

const LISTS: Array<[ServiceName, string, { [key: string]: Value }]> = [
  ['ecs', 'ListClusters', {}],
  ['ecs', 'ListTaskDefinitionFamilies', {}],
  ['ecs', 'ListTaskDefinitions', {}],
  ['logs', 'DescribeLogGroups', {}],
  ['events', 'ListRules', {}],
  ['events', 'ListEventBuses', {}],
  ['scheduler', 'ListSchedules', {}],
  ['scheduler', 'ListScheduleGroups', {}],
  ['iam', 'ListRoles', {}],
  ['iam', 'ListPolicies', { Scope: 'Local' }],
  ['iam', 'ListUsers', {}],
  ['ec2', 'DescribeVpcs', {}],
  ['ec2', 'DescribeSubnets', {}],
  ['ec2', 'DescribeSecurityGroups', {}],
  ['ec2', 'DescribeRouteTables', {}],
];

/** Request ids differ on every answer; nothing else may. */
function normalise(body: string): string {
  return body.replace(/<(RequestId|requestId)>[^<]*<\/\1>/g, '');
}

export async function snapshot(http: HttpClient): Promise<string> {
  const parts: string[] = [];
  for (const [service, operation, input] of LISTS) {
    const schema = serviceSchemas[service];
    const answer = await http.send(encodeRequest(schema, operation, input, STATE_CALLER));
    parts.push(
      `${service}:${operation} ${answer.status} ${normalise(answer.body.toString('utf8'))}`,
    );
  }
  return parts.join('\n');
}

/** The first line where two snapshots differ, for the report. */
export function firstDifference(before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `before: ${a[i]?.slice(0, 300)}\nafter:  ${b[i]?.slice(0, 300)}`;
  }
  return '';
}
