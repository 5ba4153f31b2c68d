import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceSchemas, type ServiceName } from '../../src/gateway/generated/index.js';
import type { MemberRef, Shape } from '../../src/gateway/schema/types.js';
import { ServiceError } from '../../src/services/error.js';
import type { OperationShapes, OperationTable } from '../../src/services/operation.js';
import type { Ec2Operations } from '../../src/services/ec2/generated/types.js';
import type { EcsOperations } from '../../src/services/ecs/generated/types.js';
import type { EventsOperations } from '../../src/services/events/generated/types.js';
import type { IamOperations } from '../../src/services/iam/generated/types.js';
import type {
  LogsOperations,
  CreateLogGroupRequest,
} from '../../src/services/logs/generated/types.js';
import type { SchedulerOperations } from '../../src/services/scheduler/generated/types.js';
import type { SecretsmanagerOperations } from '../../src/services/secretsmanager/generated/types.js';
import type { SsmOperations } from '../../src/services/ssm/generated/types.js';
import type { StsOperations } from '../../src/services/sts/generated/types.js';
import { NoSuchEntityException } from '../../src/services/iam/generated/errors.js';
import { ServiceUnavailableException } from '../../src/services/logs/generated/errors.js';
import {
  InternalServerException,
  ConflictException,
} from '../../src/services/scheduler/generated/errors.js';
import { RegionDisabledException } from '../../src/services/sts/generated/errors.js';

// Type-level checks (tsc fails, not vitest, if the generated maps stop fitting the contract).
type Fits<T extends OperationShapes> = OperationTable<T>;
export type GeneratedOperationTables = [
  Fits<EcsOperations>,
  Fits<EventsOperations>,
  Fits<LogsOperations>,
  Fits<IamOperations>,
  Fits<StsOperations>,
  Fits<Ec2Operations>,
  Fits<SchedulerOperations>,
  Fits<SsmOperations>,
  Fits<SecretsmanagerOperations>,
];
const createLogGroup: CreateLogGroupRequest = {
  logGroupName: 'g',
  tags: { team: 'a' },
  logGroupClass: 'STANDARD',
};

const ROOT = resolve(import.meta.dirname, '../..');
const MODELS = resolve(process.env['TEIKI_AWS_MODELS'] ?? join(ROOT, '../shared/aws-models'));
const SERVICES: ServiceName[] = [
  'ecs',
  'events',
  'logs',
  'iam',
  'sts',
  'ec2',
  'scheduler',
  'ssm',
  'secretsmanager',
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

describe('scripts/gen-api.mjs', () => {
  let out: string;
  let summary: string;

  beforeAll(() => {
    expect(
      existsSync(join(MODELS, 'logs/service-2.json')),
      `AWS models expected at ${MODELS}`,
    ).toBe(true);
    out = mkdtempSync(join(tmpdir(), 'teiki-gen-'));
    summary = execFileSync(
      process.execPath,
      [join(ROOT, 'scripts/gen-api.mjs'), MODELS, '--out', out],
      {
        encoding: 'utf8',
      },
    );
  });

  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
  });

  it('writes exactly the committed files, byte for byte', () => {
    const generated = filesUnder(out);
    const expected = [
      'src/gateway/generated/index.ts',
      ...SERVICES.map((svc) => `src/gateway/generated/${svc}.ts`),
      ...SERVICES.flatMap((svc) => [
        `src/services/${svc}/generated/errors.ts`,
        `src/services/${svc}/generated/types.ts`,
      ]),
    ].sort();
    expect(generated).toEqual(expected);
    for (const file of generated) {
      expect(readFileSync(join(out, file), 'utf8'), file).toBe(
        readFileSync(join(ROOT, file), 'utf8'),
      );
    }
    expect(filesUnder(join(ROOT, 'src/gateway/generated'))).toEqual(
      expected
        .filter((f) => f.startsWith('src/gateway/generated/'))
        .map((f) => f.slice('src/gateway/generated/'.length)),
    );
  });

  it('prints a summary per service with every pattern translated', () => {
    for (const svc of SERVICES)
      expect(summary).toMatch(new RegExp(`^${svc}: \\d+ operations, \\d+ shapes, `, 'm'));
    expect(summary).not.toMatch(/untranslatable \(/);
    expect(summary).toMatch(/^logs: 113 operations, /m);
  });

  it('refuses to run without a models folder', () => {
    expect(() =>
      execFileSync(process.execPath, [join(ROOT, 'scripts/gen-api.mjs')], { stdio: 'pipe' }),
    ).toThrow();
  });
});

const ALLOWED_KEYS: Record<Shape['type'], string[]> = {
  structure: [
    'type',
    'members',
    'required',
    'payload',
    'union',
    'document',
    'exception',
    'fault',
    'error',
    'eventstream',
    'event',
    'sensitive',
  ],
  list: ['type', 'member', 'flattened', 'min', 'max', 'sensitive'],
  map: ['type', 'key', 'value', 'flattened', 'min', 'max', 'sensitive'],
  string: ['type', 'enum', 'min', 'max', 'pattern', 'sensitive'],
  integer: ['type', 'min', 'max', 'sensitive'],
  long: ['type', 'min', 'max', 'sensitive'],
  float: ['type', 'min', 'max', 'sensitive'],
  double: ['type', 'min', 'max', 'sensitive'],
  boolean: ['type', 'sensitive'],
  timestamp: ['type', 'timestampFormat', 'sensitive'],
  blob: ['type', 'min', 'max', 'sensitive'],
};

function refsOf(shape: Shape): MemberRef[] {
  if (shape.type === 'structure') return Object.values(shape.members);
  if (shape.type === 'list') return [shape.member];
  if (shape.type === 'map') return [shape.key, shape.value];
  return [];
}

describe('the generated schemas', () => {
  it.each([
    ['ecs', 'json', 'ecs', 'AmazonEC2ContainerServiceV20141113', '1.1'],
    ['events', 'json', 'events', 'AWSEvents', '1.1'],
    ['logs', 'json', 'logs', 'Logs_20140328', '1.1'],
    ['iam', 'query', 'iam', undefined, undefined],
    ['sts', 'query', 'sts', undefined, undefined],
    ['ec2', 'ec2', 'ec2', undefined, undefined],
    ['scheduler', 'rest-json', 'scheduler', undefined, '1.1'],
    ['ssm', 'json', 'ssm', 'AmazonSSM', '1.1'],
    ['secretsmanager', 'json', 'secretsmanager', 'secretsmanager', '1.1'],
  ] as const)('%s metadata', (svc, protocol, signingName, targetPrefix, jsonVersion) => {
    const schema = serviceSchemas[svc];
    expect(schema.name).toBe(svc);
    expect(schema.protocol).toBe(protocol);
    expect(schema.signingName).toBe(signingName);
    expect(schema.targetPrefix).toBe(targetPrefix);
    expect(schema.jsonVersion).toBe(jsonVersion);
  });

  it('query and ec2 schemas carry their XML namespace', () => {
    expect(serviceSchemas.iam.xmlNamespace).toBe('https://iam.amazonaws.com/doc/2010-05-08/');
    expect(serviceSchemas.sts.xmlNamespace).toBe('https://sts.amazonaws.com/doc/2011-06-15/');
    expect(serviceSchemas.ec2.xmlNamespace).toBe('http://ec2.amazonaws.com/doc/2016-11-15');
  });

  it.each(['ec2', 'ssm'] as const)('%s holds exactly the allowlisted operations', (svc) => {
    const config = JSON.parse(
      readFileSync(join(ROOT, 'scripts/gen-api.config.json'), 'utf8'),
    ) as Record<string, { operations: string[] }>;
    const allowed = config[svc]?.operations ?? [];
    expect(Object.keys(serviceSchemas[svc].operations).sort()).toEqual([...allowed].sort());
    expect(allowed.length).toBeGreaterThan(0);
  });

  it.each(SERVICES)('%s: only declared keys, no dangling or unreachable shapes', (svc) => {
    const schema = serviceSchemas[svc];
    const reachable = new Set<string>();
    const visit = (name: string) => {
      if (reachable.has(name)) return;
      const shape = schema.shapes[name];
      expect(shape, `${svc}: ${name} is referenced but missing`).toBeDefined();
      if (!shape) return;
      reachable.add(name);
      for (const ref of refsOf(shape)) visit(ref.shape);
    };
    for (const op of Object.values(schema.operations)) {
      if (op.input) visit(op.input);
      if (op.output) visit(op.output);
      op.errors.forEach(visit);
    }
    expect(Object.keys(schema.shapes).sort()).toEqual([...reachable].sort());
    for (const [name, shape] of Object.entries(schema.shapes)) {
      const extra = Object.keys(shape).filter((key) => !ALLOWED_KEYS[shape.type].includes(key));
      expect(extra, `${svc}.${name}`).toEqual([]);
    }
  });

  it('operations carry http, shapes, errors and the query result wrapper', () => {
    expect(serviceSchemas.logs.operations['CreateLogGroup']).toMatchObject({
      name: 'CreateLogGroup',
      http: { method: 'POST', requestUri: '/' },
      input: 'CreateLogGroupRequest',
      errors: expect.arrayContaining(['ResourceAlreadyExistsException']) as unknown,
    });
    expect(serviceSchemas.iam.operations['CreateRole']).toMatchObject({
      output: 'CreateRoleResponse',
      resultWrapper: 'CreateRoleResult',
    });
    expect(serviceSchemas.scheduler.operations['CreateSchedule']).toMatchObject({
      http: { method: 'POST', requestUri: '/schedules/{Name}', responseCode: 200 },
      idempotent: true,
    });
    expect(serviceSchemas.scheduler.shapes['CreateScheduleInput']).toMatchObject({
      members: { Name: { shape: 'Name', location: 'uri', locationName: 'Name' } },
    });
  });

  it('keeps sensitivity and the members of error shapes', () => {
    expect(serviceSchemas.iam.shapes['passwordType']).toMatchObject({
      type: 'string',
      sensitive: true,
    });
    expect(serviceSchemas.iam.shapes['NoSuchEntityException']).toMatchObject({
      exception: true,
      error: { code: 'NoSuchEntity', httpStatusCode: 404, senderFault: true },
    });
  });

  it('marks Smithy documents so codecs pass them through', () => {
    expect(serviceSchemas.ecs.shapes['HookDetails']).toEqual({
      type: 'structure',
      members: {},
      document: true,
    });
  });

  it('types accept what the model describes', () => {
    expect(createLogGroup.logGroupName).toBe('g');
  });
});

describe('the generated error classes', () => {
  it.each([
    [new NoSuchEntityException('no role'), 'NoSuchEntity', 404, 'sender'],
    [new RegionDisabledException('off'), 'RegionDisabledException', 403, 'sender'],
    [new ServiceUnavailableException('down'), 'ServiceUnavailableException', 500, 'receiver'],
    [new InternalServerException('oops'), 'InternalServerException', 500, 'receiver'],
    [new ConflictException('taken'), 'ConflictException', 409, 'sender'],
  ] as const)('%s', (error, code, status, fault) => {
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.fault).toBe(fault);
  });

  it('passes extra fields through', () => {
    expect(new ConflictException('taken', { resourceId: 'x' }).fields).toEqual({ resourceId: 'x' });
  });
});
