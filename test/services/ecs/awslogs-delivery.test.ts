/** Getting events stored: batches, close, a large burst, and a group deleted mid-run. */
import {
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DeleteLogStreamCommand,
  DescribeLogStreamsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLUSH_DELAY_MS } from '../../../src/services/ecs/awslogs/sink.js';
import { tempDir } from '../../helpers/teiki.js';
import { openOn, readEvents, startDriverFixture, type DriverFixture } from './awslogs-helpers.js';

describe.each(['memory', 'sqlite'] as const)('%s store', (kind) => {
  let fx: DriverFixture;
  let dir: string | undefined;
  beforeAll(async () => {
    fx = await startDriverFixture(
      kind === 'memory' ? ['--in-memory'] : ['--data-dir', (dir = tempDir())],
    );
  });
  afterAll(async () => {
    await fx.teiki.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('close', () => {
    it('emits the pending event, stores everything and resolves after it is stored', async () => {
      const { group, sink } = await openOn(fx, { 'awslogs-multiline-pattern': '^#' });
      const t0 = fx.clock.nowMs();
      sink.write('stdout', '# one');
      sink.write('stdout', 'body');
      sink.write('stdout', '# two');
      await sink.close();
      expect(await readEvents(fx.logs(), group, sink.logStreamName)).toEqual([
        { timestamp: t0, message: '# one\nbody\n' },
        { timestamp: t0, message: '# two\n' },
      ]);
      const streams = await fx.logs().send(new DescribeLogStreamsCommand({ logGroupName: group }));
      expect(streams.logStreams?.[0]).toMatchObject({
        logStreamName: sink.logStreamName,
        firstEventTimestamp: t0,
        lastEventTimestamp: t0,
        lastIngestionTime: fx.clock.nowMs(),
      });
      expect(fx.timers.armed()).toEqual([]);
    });

    it('is idempotent and ignores lines written after it', async () => {
      const { group, sink } = await openOn(fx);
      sink.write('stdout', 'kept');
      const first = sink.close();
      expect(sink.close()).toBe(first);
      await first;
      expect(() => sink.write('stderr', 'too late')).not.toThrow();
      await sink.close();
      expect(
        (await readEvents(fx.logs(), group, sink.logStreamName)).map((e) => e.message),
      ).toEqual(['kept']);
      expect(fx.timers.armed()).toEqual([]);
    });
  });

  describe('batches', () => {
    it('sends a full batch at once, without waiting for the timer', async () => {
      const { group, sink } = await openOn(fx);
      for (let i = 0; i < 10_000; i++) sink.write('stdout', `line ${i}`);
      // The 10,000th event sent the batch and cancelled the timer.
      expect(fx.timers.armed()).toEqual([]);
      sink.write('stdout', 'line 10000');
      expect(fx.timers.armed()).toEqual([FLUSH_DELAY_MS]);
      await fx.timers.fire(FLUSH_DELAY_MS);
      const events = await readEvents(fx.logs(), group, sink.logStreamName);
      expect(events).toHaveLength(10_001);
      expect(events.at(-1)?.message).toBe('line 10000');
      await sink.close();
    });

    it('stores a 300,000-line burst complete and in order', { timeout: 120_000 }, async () => {
      const { group, sink } = await openOn(fx);
      const t0 = fx.clock.nowMs();
      const total = 300_000;
      for (let i = 0; i < total; i++) {
        sink.write(i % 3 === 0 ? 'stderr' : 'stdout', `burst line ${i}`);
        // Several events share each millisecond; the clock moves every 1,000 lines.
        if (i % 1_000 === 999) await fx.clock.advance(1);
      }
      await sink.close();
      const events = await readEvents(fx.logs(), group, sink.logStreamName);
      expect(events).toHaveLength(total);
      let wrong = 0;
      for (const [i, event] of events.entries()) {
        if (event.message !== `burst line ${i}` || event.timestamp !== t0 + Math.floor(i / 1_000)) {
          wrong += 1;
        }
      }
      expect(wrong).toBe(0);
    });
  });

  describe('storage failures', () => {
    it('logs and drops what cannot be stored, and resumes when the group is back', async () => {
      const { group, sink } = await openOn(fx);
      const t0 = fx.clock.nowMs();
      const logsBefore = fx.log.length;
      sink.write('stdout', 'before');
      await fx.timers.fire(FLUSH_DELAY_MS);

      await fx.logs().send(new DeleteLogGroupCommand({ logGroupName: group }));
      expect(() => {
        sink.write('stdout', 'lost 1');
        sink.write('stderr', 'lost 2');
      }).not.toThrow();
      await fx.timers.fire(FLUSH_DELAY_MS);
      sink.write('stdout', 'lost 3');
      await fx.timers.fire(FLUSH_DELAY_MS);

      const errors = fx.log.slice(logsBefore).filter((entry) => entry.level === 'error');
      expect(errors.map((e) => [e.message, e.fields.dropped, e.fields.logGroupName])).toEqual([
        ['awslogs: failed to put log events', 2, group],
        ['awslogs: failed to put log events', 1, group],
      ]);
      expect(errors[0]?.fields.error).toMatchObject({
        code: 'ResourceNotFoundException',
        message: 'The specified log group does not exist.',
      });

      // The group comes back without the stream, which went with the old group.
      await fx.clock.advance(7);
      await fx.logs().send(new CreateLogGroupCommand({ logGroupName: group }));
      sink.write('stdout', 'after');
      await fx.timers.fire(FLUSH_DELAY_MS);
      sink.write('stdout', 'and more');
      await sink.close();
      expect(await readEvents(fx.logs(), group, sink.logStreamName)).toEqual([
        { timestamp: t0 + 7, message: 'after' },
        { timestamp: t0 + 7, message: 'and more' },
      ]);
      expect(fx.log.slice(logsBefore).filter((entry) => entry.level === 'error')).toHaveLength(2);
    });

    it('keeps a deleted stream’s later output when its group still exists', async () => {
      const { group, sink } = await openOn(fx);
      sink.write('stdout', 'first');
      await fx.timers.fire(FLUSH_DELAY_MS);
      await fx
        .logs()
        .send(
          new DeleteLogStreamCommand({ logGroupName: group, logStreamName: sink.logStreamName }),
        );
      sink.write('stdout', 'second');
      await sink.close();
      expect(
        (await readEvents(fx.logs(), group, sink.logStreamName)).map((e) => e.message),
      ).toEqual(['second']);
    });
  });
});
