/**
 * ECS's throttle on a service whose tasks never reach RUNNING, on a virtual clock: after
 * the second consecutive failure the service says it "is unable to consistently start
 * tasks successfully", and launches wait 10 s, then 20 s, on the teiki clock.
 */
import type { Service } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { VirtualClock } from '../../../src/engine/clock/types.js';
import { virtualClockArgs } from '../../helpers/teiki.js';
import { longRunning, startServiceFixture, type ServiceFixture } from './services-fixtures.js';

let f: ServiceFixture;
let clock: VirtualClock;
const name = 'unstartable';
const launches = (s: Service) =>
  (s.events ?? []).filter((e) => e.message?.startsWith(`(service ${name}) has started`)).length;
const allStopped = (s: Service) => s.runningCount === 0 && s.pendingCount === 0;

beforeAll(async () => {
  f = await startServiceFixture(virtualClockArgs('2030-01-01T00:00:00Z'));
  clock = f.teiki.clock as VirtualClock;
  const family = await f.register([{ ...longRunning(), command: ['teiki-no-such-program'] }]);
  await f.create(name, family, { desiredCount: 1 });
});
afterAll(() => f.close());

it('announces the throttle after two tasks failed to start', async () => {
  const impaired = await f.serviceEvent(
    (e) => e.detail.eventName === 'SERVICE_TASK_START_IMPAIRED',
  );
  expect(impaired.detail).toMatchObject({ eventType: 'WARN' });
  const service = await f.until(name, allStopped);
  expect(launches(service)).toBe(2);
  expect(service.events?.map((e) => e.message)).toContain(
    `(service ${name}) is unable to consistently start tasks successfully. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`,
  );
  const stopped = await f.tasks(name, 'STOPPED');
  expect(stopped).toHaveLength(2);
  for (const task of stopped) {
    expect(task).toMatchObject({ stopCode: 'TaskFailedToStart' });
    expect(task.startedAt).toBeUndefined();
  }
});

it('launches the next task only 10 s of the clock later, the one after 20 s later', async () => {
  await clock.advance(9_999);
  expect(launches(await f.describe(name))).toBe(2);
  await clock.advance(1);
  await f.until(name, (s) => launches(s) === 3 && allStopped(s));
  await clock.advance(19_999);
  expect(launches(await f.describe(name))).toBe(3);
  await clock.advance(1);
  await f.until(name, (s) => launches(s) === 4);
});
