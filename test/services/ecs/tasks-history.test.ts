/**
 * Stopped tasks leave the ECS API an hour after they stop, as on AWS, while teiki keeps
 * every run in its store for the console. A virtual clock moves the hour.
 */
import { DescribeTasksCommand, ListTasksCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { VirtualClock } from '../../../src/engine/clock/types.js';
import { startTaskFixture, type TaskFixture } from './tasks-fixtures.js';
import { virtualClockArgs } from '../../helpers/teiki.js';

let f: TaskFixture;
beforeAll(async () => {
  f = await startTaskFixture(virtualClockArgs('2026-01-01T00:00:00Z'));
});
afterAll(() => f.close());

it('describes a stopped task for an hour, then only the store has it', async () => {
  const family = await f.register([{ name: 'app', image: 'x', command: ['true'] }]);
  const task = await f.run(family);
  const arn = task.taskArn ?? '';
  const stopped = await f.waitStopped(arn);
  expect(stopped.createdAt?.toISOString()).toBe('2026-01-01T00:00:00.000Z');

  const clock = f.teiki.clock as VirtualClock;
  await clock.advance(59 * 60 * 1000);
  const within = await f.ecs.send(new DescribeTasksCommand({ tasks: [arn] }));
  expect(within.tasks?.map((t) => t.taskArn)).toEqual([arn]);

  await clock.advance(2 * 60 * 1000);
  const after = await f.ecs.send(new DescribeTasksCommand({ tasks: [arn] }));
  expect(after.tasks).toEqual([]);
  expect(after.failures).toEqual([{ arn, reason: 'MISSING' }]);
  const listed = await f.ecs.send(new ListTasksCommand({ desiredStatus: 'STOPPED' }));
  expect(listed.taskArns).toEqual([]);
  const kept = await f.teiki.store.collection('ecs.tasks').listAllScopes();
  expect(kept.map((e) => (e.value as { taskArn: string }).taskArn)).toContain(arn);
});
