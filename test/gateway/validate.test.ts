import { describe, expect, it } from 'vitest';
import { serviceSchemas, type ServiceName } from '../../src/gateway/generated/index.js';
import type { ServiceSchema } from '../../src/gateway/schema/types.js';
import {
  validateInput,
  validationErrorCode,
  validationMessage,
} from '../../src/gateway/validate.js';

const TAG_KEY_LOGS = String.raw`^([\p{L}\p{Z}\p{N}_.:/=+\-@]+)$`;
const TAG_VALUE_LOGS = String.raw`^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$`;
const TAG_KEY_IAM = String.raw`[\p{L}\p{Z}\p{N}_.:/=+\-@]+`;
const LOG_GROUP = String.raw`[\.\-_/#A-Za-z0-9]+`;

interface Case {
  name: string;
  service: ServiceName;
  shape: string;
  input: unknown;
  expected: string[];
}

const cases: Case[] = [
  // CloudWatch Logs
  {
    name: 'logs: valid name',
    service: 'logs',
    shape: 'CreateLogGroupRequest',
    input: { logGroupName: '/ecs/sample-logger' },
    expected: [],
  },
  {
    name: 'logs: a pattern violation prints no value',
    service: 'logs',
    shape: 'CreateLogGroupRequest',
    input: { logGroupName: 'bad name!' },
    expected: [
      `Value at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${LOG_GROUP}`,
    ],
  },
  {
    name: 'logs: pattern must match the whole value',
    service: 'logs',
    shape: 'CreateLogGroupRequest',
    input: { logGroupName: 'ok/then:colon' },
    expected: [
      `Value at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${LOG_GROUP}`,
    ],
  },
  {
    name: 'logs: length, range and enum violations still print the value',
    service: 'logs',
    shape: 'GetLogEventsRequest',
    input: { logGroupName: 'x'.repeat(513), logStreamName: 's', limit: 10001 },
    expected: [
      `Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000`,
      `Value '${'x'.repeat(513)}' at 'logGroupName' failed to satisfy constraint: Member must have length less than or equal to 512`,
    ],
  },
  {
    name: 'logs: a structure prints as its Java class, fields in AWS’s order',
    service: 'logs',
    shape: 'PutMetricFilterRequest',
    input: {
      logGroupName: 'g',
      filterName: 'f',
      filterPattern: '',
      metricTransformations: [
        { metricName: 'metric1', metricNamespace: 'namespace1', metricValue: '1' },
        { metricName: 'metric2', metricNamespace: 'namespace2', metricValue: '1' },
      ],
    },
    expected: [
      `Value '[MetricTransformation(metricName=metric1, metricNamespace=namespace1, metricValue=1, defaultValue=null, unit=null, dimensions=null), MetricTransformation(metricName=metric2, metricNamespace=namespace2, metricValue=1, defaultValue=null, unit=null, dimensions=null)]' at 'metricTransformations' failed to satisfy constraint: Member must have length less than or equal to 1`,
    ],
  },
  {
    name: 'events: PutEvents entries print with the fields the public model hides',
    service: 'events',
    shape: 'PutEventsRequest',
    input: {
      Entries: Array.from({ length: 11 }, () => ({
        Source: 's',
        DetailType: 't',
        Detail: '{"a": 1}',
      })),
    },
    expected: [
      `Value '[${Array.from(
        { length: 11 },
        () =>
          'PutEventsRequestEntry(time=null, source=s, resources=null, detailType=t, detail={"a": 1}, eventBusName=null, traceHeader=null, kmsKeyIdentifier=null, internalMetadata=null)',
      ).join(
        ', ',
      )}]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10`,
    ],
  },
  {
    name: 'logs: missing required member',
    service: 'logs',
    shape: 'CreateLogGroupRequest',
    input: {},
    expected: [
      `Value null at 'logGroupName' failed to satisfy constraint: Member must not be null`,
    ],
  },
  {
    name: 'logs: explicit null is missing',
    service: 'logs',
    shape: 'CreateLogGroupRequest',
    input: { logGroupName: null },
    expected: [
      `Value null at 'logGroupName' failed to satisfy constraint: Member must not be null`,
    ],
  },
  {
    name: 'logs: too long',
    service: 'logs',
    shape: 'CreateLogGroupRequest',
    input: { logGroupName: 'a'.repeat(513) },
    expected: [
      `Value '${'a'.repeat(513)}' at 'logGroupName' failed to satisfy constraint: Member must have length less than or equal to 512`,
    ],
  },
  {
    name: 'logs: exactly the maximum length',
    service: 'logs',
    shape: 'CreateLogGroupRequest',
    input: { logGroupName: 'a'.repeat(512) },
    expected: [],
  },
  {
    name: 'logs: empty breaks length, then pattern',
    service: 'logs',
    shape: 'CreateLogGroupRequest',
    input: { logGroupName: '' },
    expected: [
      `Value '' at 'logGroupName' failed to satisfy constraint: Member must have length greater than or equal to 1`,
      `Value at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${LOG_GROUP}`,
    ],
  },
  {
    name: 'logs: enum',
    service: 'logs',
    shape: 'CreateLogGroupRequest',
    input: { logGroupName: 'g', logGroupClass: 'COLD' },
    expected: [
      `Value 'COLD' at 'logGroupClass' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, INFREQUENT_ACCESS, DELIVERY]`,
    ],
  },
  {
    name: 'logs: enum is case-sensitive',
    service: 'logs',
    shape: 'CreateLogGroupRequest',
    input: { logGroupName: 'g', logGroupClass: 'standard' },
    expected: [
      `Value 'standard' at 'logGroupClass' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, INFREQUENT_ACCESS, DELIVERY]`,
    ],
  },
  {
    name: 'logs: empty map below its minimum size',
    service: 'logs',
    shape: 'CreateLogGroupRequest',
    input: { logGroupName: 'g', tags: {} },
    expected: [
      `Value '{}' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1`,
    ],
  },
  {
    name: 'logs: bad map key',
    service: 'logs',
    shape: 'CreateLogGroupRequest',
    input: { logGroupName: 'g', tags: { 'bad#key': 'v', good: 'v' } },
    expected: [
      `Value '{bad#key=v, good=v}' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: ${TAG_KEY_LOGS}]`,
    ],
  },
  {
    name: 'logs: bad map value',
    service: 'logs',
    shape: 'CreateLogGroupRequest',
    input: { logGroupName: 'g', tags: { team: 'a'.repeat(257) } },
    expected: [
      `Value '{team=${'a'.repeat(257)}}' at 'tags' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 256, Member must satisfy regular expression pattern: ${TAG_VALUE_LOGS}, Member must not be null]`,
    ],
  },
  {
    name: 'logs: Unicode letters, spaces and numbers are tag characters',
    service: 'logs',
    shape: 'CreateLogGroupRequest',
    input: { logGroupName: 'g', tags: { 'チーム 1': 'значение ٣', 'a:b/c=d+e-f@g': '' } },
    expected: [],
  },
  {
    name: 'logs: number below its minimum is quoted',
    service: 'logs',
    shape: 'DescribeLogGroupsRequest',
    input: { limit: 0 },
    expected: [
      `Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1`,
    ],
  },
  {
    name: 'logs: number above its maximum',
    service: 'logs',
    shape: 'DescribeLogGroupsRequest',
    input: { limit: 51 },
    expected: [
      `Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50`,
    ],
  },
  {
    name: 'logs: number at its bounds',
    service: 'logs',
    shape: 'DescribeLogGroupsRequest',
    input: { limit: 50, logGroupNamePrefix: '/ecs' },
    expected: [],
  },
  {
    name: 'logs: empty list',
    service: 'logs',
    shape: 'PutLogEventsRequest',
    input: { logGroupName: 'g', logStreamName: 's', logEvents: [] },
    expected: [
      `Value '[]' at 'logEvents' failed to satisfy constraint: Member must have length greater than or equal to 1`,
    ],
  },
  {
    name: 'logs: nested list element paths are 1-based with .member',
    service: 'logs',
    shape: 'PutLogEventsRequest',
    input: {
      logGroupName: 'g',
      logStreamName: 's',
      logEvents: [{ timestamp: 1, message: 'ok' }, { timestamp: 2, message: '' }, { message: 'x' }],
    },
    expected: [
      `Value '' at 'logEvents.2.member.message' failed to satisfy constraint: Member must have length greater than or equal to 1`,
      `Value null at 'logEvents.3.member.timestamp' failed to satisfy constraint: Member must not be null`,
    ],
  },
  {
    name: 'logs: several missing members, in model order',
    service: 'logs',
    shape: 'PutLogEventsRequest',
    input: {},
    expected: [
      `Value null at 'logEvents' failed to satisfy constraint: Member must not be null`,
      `Value null at 'logGroupName' failed to satisfy constraint: Member must not be null`,
      `Value null at 'logStreamName' failed to satisfy constraint: Member must not be null`,
    ],
  },
  {
    name: 'logs: a null list element',
    service: 'logs',
    shape: 'PutLogEventsRequest',
    input: { logGroupName: 'g', logStreamName: 's', logEvents: [null] },
    expected: [
      `Value null at 'logEvents.1.member' failed to satisfy constraint: Member must not be null`,
    ],
  },
  {
    name: 'logs: unknown members are not the validator’s business',
    service: 'logs',
    shape: 'CreateLogGroupRequest',
    input: { logGroupName: 'g', somethingElse: 'bad name!' },
    expected: [],
  },
  // IAM (query protocol: members are PascalCase, paths are not)
  {
    name: 'iam: role name outside the pattern',
    service: 'iam',
    shape: 'CreateRoleRequest',
    input: { RoleName: 'bad/name', AssumeRolePolicyDocument: '{}' },
    expected: [
      String.raw`Value 'bad/name' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+`,
    ],
  },
  {
    name: 'iam: role name too long',
    service: 'iam',
    shape: 'CreateRoleRequest',
    input: { RoleName: 'r'.repeat(65), AssumeRolePolicyDocument: '{}' },
    expected: [
      `Value '${'r'.repeat(65)}' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    ],
  },
  {
    name: 'iam: integer range',
    service: 'iam',
    shape: 'CreateRoleRequest',
    input: { RoleName: 'r', AssumeRolePolicyDocument: '{}', MaxSessionDuration: 100 },
    expected: [
      `Value '100' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600`,
    ],
  },
  {
    name: 'iam: nested structure in a list',
    service: 'iam',
    shape: 'CreateRoleRequest',
    input: {
      RoleName: 'r',
      AssumeRolePolicyDocument: '{}',
      Tags: [{ Key: 'ok', Value: 'v' }, { Key: 'bad#key', Value: 'v' }, { Key: 'novalue' }],
    },
    expected: [
      `Value 'bad#key' at 'tags.2.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: ${TAG_KEY_IAM}`,
      `Value null at 'tags.3.member.value' failed to satisfy constraint: Member must not be null`,
    ],
  },
  {
    name: 'iam: list length before its elements',
    service: 'iam',
    shape: 'CreateRoleRequest',
    input: {
      RoleName: 'r',
      AssumeRolePolicyDocument: '{}',
      Tags: [
        ...Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })),
        { Key: 'bad#', Value: 'v' },
      ],
    },
    expected: [
      expect.stringMatching(
        /^Value '\[Tag\(key=k0, value=v\), .*\]' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50$/,
      ),
      `Value 'bad#' at 'tags.51.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: ${TAG_KEY_IAM}`,
    ],
  },
  {
    name: 'iam: a list of strings is one violation listing every element constraint',
    service: 'iam',
    shape: 'UntagRoleRequest',
    input: { RoleName: 'r', TagKeys: ['ok', 'bad#', 'also*bad'] },
    expected: [
      `Value '[ok, bad#, also*bad]' at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: ${TAG_KEY_IAM}, Member must not be null]`,
    ],
  },
  {
    name: 'iam: a sensitive value is never printed',
    service: 'iam',
    shape: 'CreateLoginProfileRequest',
    input: { UserName: 'u', Password: 'p'.repeat(129) },
    expected: [
      `Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 128`,
    ],
  },
  {
    name: 'iam: a sensitive value breaking its pattern',
    service: 'iam',
    shape: 'CreateLoginProfileRequest',
    input: { Password: 'tab\tok but \u0001 not' },
    expected: [
      String.raw`Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: [\u0009\u000A\u000D\u0020-\u00FF]+`,
    ],
  },
  // STS
  {
    name: 'sts: duration below its minimum, session name too short',
    service: 'sts',
    shape: 'AssumeRoleRequest',
    input: {
      RoleArn: 'arn:aws:iam::000000000000:role/r',
      RoleSessionName: 'a',
      DurationSeconds: 899,
    },
    expected: [
      `Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`,
      `Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2`,
    ],
  },
  {
    name: 'sts: an ARN pattern with a supplementary-plane range',
    service: 'sts',
    shape: 'AssumeRoleRequest',
    input: { RoleArn: 'arn:aws:iam::000000000000:role/\u0001', RoleSessionName: 'session' },
    expected: [
      String.raw`Value 'arn:aws:iam::000000000000:role/` +
        '\u0001' +
        String.raw`' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: [\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]+`,
    ],
  },
  // EventBridge
  {
    name: 'events: rule name and state',
    service: 'events',
    shape: 'PutRuleRequest',
    input: { Name: 'my rule', State: 'ON', ScheduleExpression: 'cron(20 2 * * ? *)' },
    expected: [
      String.raw`Value 'my rule' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\.\-_A-Za-z0-9]+`,
      `Value 'ON' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]`,
    ],
  },
  {
    // The very message AWS returned for this input (a user's notes on an input transformer).
    name: 'events: map keys deep in a list of targets',
    service: 'events',
    shape: 'PutTargetsRequest',
    input: {
      Rule: 'r',
      Targets: [
        {
          Id: '1',
          Arn: 'arn:aws:sns:us-east-1:000000000000:t',
          InputTransformer: {
            InputPathsMap: {
              'de onde?': '$.detail.sourceIPAddress',
              'Quem foi?': '$.detail.userIdentity.userName',
              'o que?': '$.detail.eventName',
            },
            InputTemplate: '"<o que?>"',
          },
        },
      ],
    },
    expected: [
      String.raw`Value '{de onde?=$.detail.sourceIPAddress, Quem foi?=$.detail.userIdentity.userName, o que?=$.detail.eventName}' at 'targets.1.member.inputTransformer.inputPathsMap' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [A-Za-z0-9\_\-]+]`,
    ],
  },
  {
    name: 'events: ECS target task count',
    service: 'events',
    shape: 'PutTargetsRequest',
    input: {
      Rule: 'r',
      Targets: [{ Id: 't', Arn: 'arn', EcsParameters: { TaskDefinitionArn: 'td', TaskCount: 0 } }],
    },
    expected: [
      `Value '0' at 'targets.1.member.ecsParameters.taskCount' failed to satisfy constraint: Member must have value greater than or equal to 1`,
    ],
  },
  // Scheduler (rest-json)
  {
    name: 'scheduler: nested structure members',
    service: 'scheduler',
    shape: 'CreateScheduleInput',
    input: {
      Name: 'daily',
      ScheduleExpression: 'cron(20 2 * * ? *)',
      FlexibleTimeWindow: { Mode: 'SOMETIMES', MaximumWindowInMinutes: 1441 },
      Target: {
        Arn: 'arn:aws:ecs:us-east-1:000000000000:cluster/c',
        RoleArn: 'arn:aws:iam::000000000000:role/r',
      },
    },
    expected: [
      `Value '1441' at 'flexibleTimeWindow.maximumWindowInMinutes' failed to satisfy constraint: Member must have value less than or equal to 1440`,
      `Value 'SOMETIMES' at 'flexibleTimeWindow.mode' failed to satisfy constraint: Member must satisfy enum value set: [OFF, FLEXIBLE]`,
    ],
  },
  {
    name: 'scheduler: required members of a nested structure',
    service: 'scheduler',
    shape: 'CreateScheduleInput',
    input: {
      Name: 'bad name',
      ScheduleExpression: 'rate(1 minute)',
      FlexibleTimeWindow: {},
      Target: {},
    },
    expected: [
      `Value null at 'flexibleTimeWindow.mode' failed to satisfy constraint: Member must not be null`,
      `Value 'bad name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z-_.]+$`,
      `Value null at 'target.arn' failed to satisfy constraint: Member must not be null`,
      `Value null at 'target.roleArn' failed to satisfy constraint: Member must not be null`,
    ],
  },
  // ECS
  {
    name: 'ecs: a double bound prints as Java prints a double',
    service: 'ecs',
    shape: 'CreateDaemonRequest',
    input: {
      daemonName: 'd',
      daemonTaskDefinitionArn: 'td',
      capacityProviderArns: [],
      deploymentConfiguration: { drainPercent: 100.5 },
    },
    expected: [
      `Value '100.5' at 'deploymentConfiguration.drainPercent' failed to satisfy constraint: Member must have value less than or equal to 100.0`,
    ],
  },
  {
    name: 'ecs: integer range deep in a structure',
    service: 'ecs',
    shape: 'CreateCapacityProviderRequest',
    input: {
      name: 'cp',
      autoScalingGroupProvider: { autoScalingGroupArn: 'a', managedScaling: { targetCapacity: 0 } },
    },
    expected: [
      `Value '0' at 'autoScalingGroupProvider.managedScaling.targetCapacity' failed to satisfy constraint: Member must have value greater than or equal to 1`,
    ],
  },
  // Robustness: wrong JSON types are the codec's to refuse; here they pass untouched.
  {
    name: 'wrong types are skipped, not crashed on',
    service: 'logs',
    shape: 'PutLogEventsRequest',
    input: { logGroupName: 42, logStreamName: ['x'], logEvents: 'not a list' },
    expected: [],
  },
  {
    name: 'a wrongly typed nested value is skipped',
    service: 'logs',
    shape: 'PutLogEventsRequest',
    input: { logGroupName: 'g', logStreamName: 's', logEvents: [7, 'x', [1]] },
    expected: [],
  },
  {
    name: 'a non-object input is checked as an empty one',
    service: 'logs',
    shape: 'CreateLogGroupRequest',
    input: 'nonsense',
    expected: [
      `Value null at 'logGroupName' failed to satisfy constraint: Member must not be null`,
    ],
  },
  {
    name: 'an unknown shape yields nothing',
    service: 'logs',
    shape: 'NoSuchShape',
    input: {},
    expected: [],
  },
];

describe('validateInput against the generated schemas', () => {
  it.each(cases)('$name', ({ service, shape, input, expected }) => {
    expect(validateInput(serviceSchemas[service], shape, input)).toEqual(expected);
  });

  it('reports at most ten violations', () => {
    const logEvents = Array.from({ length: 12 }, () => ({ timestamp: 1 }));
    const violations = validateInput(serviceSchemas.logs, 'PutLogEventsRequest', {
      logGroupName: 'g',
      logStreamName: 's',
      logEvents,
    });
    expect(violations).toHaveLength(10);
    expect(violations[9]).toBe(
      `Value null at 'logEvents.10.member.message' failed to satisfy constraint: Member must not be null`,
    );
  });
});

describe('validation against a hand-made schema', () => {
  const schema: ServiceSchema = {
    name: 'test',
    protocol: 'json',
    apiVersion: '2020-01-01',
    signingName: 'test',
    endpointPrefix: 'test',
    operations: {},
    shapes: {
      Input: {
        type: 'structure',
        members: {
          Ratio: { shape: 'Ratio' },
          Data: { shape: 'Data' },
          Secrets: { shape: 'Secrets' },
          Ports: { shape: 'Ports' },
          Env: { shape: 'Env' },
          Token: { shape: 'Token' },
        },
        required: ['Token'],
      },
      Ratio: { type: 'double', min: 0.5, max: 1e7 },
      Data: { type: 'blob', max: 4 },
      Secret: { type: 'string', min: 3, sensitive: true },
      Secrets: { type: 'list', member: { shape: 'Secret' } },
      Port: { type: 'integer', min: 1, max: 65535 },
      Ports: { type: 'list', member: { shape: 'Port' }, max: 3 },
      Env: { type: 'map', key: { shape: 'Name' }, value: { shape: 'Value' } },
      Name: { type: 'string', enum: ['A', 'B'] },
      Value: { type: 'string' },
      Token: { type: 'string', sensitive: true },
      Untranslatable: { type: 'string', pattern: '[a-z&&[^x]]+' },
    },
  };

  it.each([
    {
      name: 'double bounds and values in Java form',
      input: { Token: 't', Ratio: 0.25 },
      expected: [
        `Value '0.25' at 'ratio' failed to satisfy constraint: Member must have value greater than or equal to 0.5`,
      ],
    },
    {
      name: 'large double bound in Java exponent form',
      input: { Token: 't', Ratio: 2e7 },
      expected: [
        `Value '2.0E7' at 'ratio' failed to satisfy constraint: Member must have value less than or equal to 1.0E7`,
      ],
    },
    {
      name: 'blob length in bytes, printed as a byte buffer',
      input: { Token: 't', Data: new Uint8Array(5) },
      expected: [
        `Value 'java.nio.HeapByteBuffer[pos=0 lim=5 cap=5]' at 'data' failed to satisfy constraint: Member must have length less than or equal to 4`,
      ],
    },
    {
      name: 'a list of sensitive strings is not printed',
      input: { Token: 't', Secrets: ['abcd', 'x'] },
      expected: [
        `Value at 'secrets' failed to satisfy constraint: Member must satisfy constraint: [Member must have length greater than or equal to 3, Member must not be null]`,
      ],
    },
    {
      name: 'a list of numbers: one violation, and the list length first',
      input: { Token: 't', Ports: [80, 0, 70000, 443] },
      expected: [
        `Value '[80, 0, 70000, 443]' at 'ports' failed to satisfy constraint: Member must have length less than or equal to 3`,
        `Value '[80, 0, 70000, 443]' at 'ports' failed to satisfy constraint: Member must satisfy constraint: [Member must have value less than or equal to 65535, Member must have value greater than or equal to 1, Member must not be null]`,
      ],
    },
    {
      name: 'a null element of a scalar list',
      input: { Token: 't', Ports: [80, null] },
      expected: [
        `Value '[80, null]' at 'ports' failed to satisfy constraint: Member must satisfy constraint: [Member must have value less than or equal to 65535, Member must have value greater than or equal to 1, Member must not be null]`,
      ],
    },
    {
      name: 'enum map keys, and a null map value',
      input: { Token: 't', Env: { A: 'x', C: null } },
      expected: [
        `Value '{A=x, C=null}' at 'env' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy enum value set: [A, B]]`,
        `Value '{A=x, C=null}' at 'env' failed to satisfy constraint: Map value must satisfy constraint: [Member must not be null]`,
      ],
    },
    {
      name: 'a missing sensitive member',
      input: {},
      expected: [`Value at 'token' failed to satisfy constraint: Member must not be null`],
    },
  ])('$name', ({ input, expected }) => {
    expect(validateInput(schema, 'Input', input)).toEqual(expected);
  });

  it('skips a pattern JavaScript cannot express instead of refusing every value', () => {
    const withPattern: ServiceSchema = {
      ...schema,
      shapes: {
        ...schema.shapes,
        In: { type: 'structure', members: { V: { shape: 'Untranslatable' } } },
      },
    };
    expect(validateInput(withPattern, 'In', { V: 'anything at all' })).toEqual([]);
  });
});

describe('validationMessage', () => {
  it.each([
    [
      ["Value null at 'a' failed to satisfy constraint: Member must not be null"],
      "1 validation error detected: Value null at 'a' failed to satisfy constraint: Member must not be null",
    ],
    [['v1', 'v2'], '2 validation errors detected: v1; v2'],
    [['v1', 'v2', 'v3'], '3 validation errors detected: v1; v2; v3'],
  ])('%j', (violations, expected) => {
    expect(validationMessage(violations)).toBe(expected);
  });

  it('words a CreateLogGroup pattern violation as AWS does now, without the value', () => {
    const violations = validateInput(serviceSchemas.logs, 'CreateLogGroupRequest', {
      logGroupName: 'bad name!',
    });
    expect(validationMessage(violations)).toBe(
      String.raw`1 validation error detected: Value at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\.\-_/#A-Za-z0-9]+`,
    );
  });
});

describe('validationErrorCode', () => {
  it.each([
    ['events', 'ValidationException'],
    ['scheduler', 'ValidationException'],
    ['logs', 'InvalidParameterException'],
    ['iam', 'ValidationError'],
    ['sts', 'ValidationError'],
    ['ecs', 'ClientException'],
    ['ec2', 'InvalidParameterValue'],
    ['unknown', 'ValidationException'],
  ])('%s → %s', (service, code) => {
    expect(validationErrorCode(service)).toBe(code);
  });
});
