/** Lines into events: single lines, multi-line patterns, stack traces, both output streams. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_EVENT_BYTES } from '../../../src/services/ecs/awslogs/grouping.js';
import { FLUSH_DELAY_MS, QUIET_MS } from '../../../src/services/ecs/awslogs/sink.js';
import type { OutputStream } from '../../../src/runtimes/types.js';
import {
  openOn,
  readEvents,
  startDriverFixture,
  writeLines,
  type DriverFixture,
} from './awslogs-helpers.js';

let fx: DriverFixture;
beforeAll(async () => {
  fx = await startDriverFixture();
});
afterAll(() => fx.teiki.close());

describe('without a start pattern', () => {
  it('makes one event per line, stamped when it arrives, and skips empty lines', async () => {
    const { group, sink } = await openOn(fx);
    const t0 = fx.clock.nowMs();
    await writeLines(fx, sink, ['first', '', 'second', '   ', '', 'third']);
    await sink.close();
    expect(await readEvents(fx.logs(), group, sink.logStreamName)).toEqual([
      { timestamp: t0, message: 'first' },
      { timestamp: t0 + 2, message: 'second' },
      { timestamp: t0 + 3, message: '   ' },
      { timestamp: t0 + 5, message: 'third' },
    ]);
  });

  it('keeps stdout and stderr in one stream in arrival order', async () => {
    const { group, sink } = await openOn(fx);
    const t0 = fx.clock.nowMs();
    const writes: Array<[OutputStream, string]> = [
      ['stdout', 'out 1'],
      ['stderr', 'err 1'],
      ['stderr', 'err 2'],
      ['stdout', 'out 2'],
      ['stderr', 'err 3'],
    ];
    // All within one millisecond: the order of arrival is all that orders them.
    for (const [stream, line] of writes) sink.write(stream, line);
    await sink.close();
    expect(await readEvents(fx.logs(), group, sink.logStreamName)).toEqual(
      writes.map(([, message]) => ({ timestamp: t0, message })),
    );
  });

  it('cuts a line longer than an event at character boundaries', async () => {
    const { group, sink } = await openOn(fx);
    const ascii = 'a'.repeat(MAX_EVENT_BYTES * 2 + 10);
    const wide = 'é'.repeat(MAX_EVENT_BYTES / 2 + 5); // two bytes each
    sink.write('stdout', ascii);
    sink.write('stdout', wide);
    await sink.close();
    const events = await readEvents(fx.logs(), group, sink.logStreamName);
    expect(events.map((e) => Buffer.byteLength(e.message))).toEqual([
      MAX_EVENT_BYTES,
      MAX_EVENT_BYTES,
      10,
      MAX_EVENT_BYTES,
      10,
    ]);
    expect(events.map((e) => e.message).join('')).toBe(ascii + wide);
  });
});

describe('awslogs-multiline-pattern', () => {
  it('starts an event at each matching line and appends the others with newlines', async () => {
    const { group, sink } = await openOn(fx, { 'awslogs-multiline-pattern': '^\\[' });
    const t0 = fx.clock.nowMs();
    await writeLines(fx, sink, [
      'banner line 1',
      'banner line 2',
      '[INFO] one',
      '[WARN] two',
      'detail a',
      '',
      'detail b',
      '[INFO] three',
    ]);
    await sink.close();
    expect(await readEvents(fx.logs(), group, sink.logStreamName)).toEqual([
      // Lines before the first start line are an event of their own.
      { timestamp: t0, message: 'banner line 1\nbanner line 2\n' },
      { timestamp: t0 + 2, message: '[INFO] one\n' },
      { timestamp: t0 + 3, message: '[WARN] two\ndetail a\n\ndetail b\n' },
      { timestamp: t0 + 7, message: '[INFO] three\n' },
    ]);
  });

  it('matches anywhere in the line, as Go’s regexp.Match does', async () => {
    const { group, sink } = await openOn(fx, { 'awslogs-multiline-pattern': 'BEGIN' });
    const t0 = fx.clock.nowMs();
    await writeLines(fx, sink, ['x BEGIN', 'tail', '  BEGIN again']);
    await sink.close();
    expect(await readEvents(fx.logs(), group, sink.logStreamName)).toEqual([
      { timestamp: t0, message: 'x BEGIN\ntail\n' },
      { timestamp: t0 + 2, message: '  BEGIN again\n' },
    ]);
  });

  it.each([
    [
      '(?i)^level=',
      ['LEVEL=info a', 'cont', 'level=warn b'],
      ['LEVEL=info a\ncont\n', 'level=warn b\n'],
    ],
    [
      '^(?P<level>INFO|ERROR) ',
      ['INFO up', 'ERROR down', '  cause', 'WARN x'],
      ['INFO up\n', 'ERROR down\n  cause\nWARN x\n'],
    ],
    [
      // Nested quantifiers a backtracking engine would take hours over, on every line.
      '^(a+)+$',
      ['aaaa', `${'a'.repeat(5000)}!`, 'aa'],
      [`aaaa\n${'a'.repeat(5000)}!\n`, 'aa\n'],
    ],
  ])('reads the RE2 spelling %s', async (pattern, lines, messages) => {
    const { group, sink } = await openOn(fx, { 'awslogs-multiline-pattern': pattern });
    await writeLines(fx, sink, lines);
    await sink.close();
    const events = await readEvents(fx.logs(), group, sink.logStreamName);
    expect(events.map((e) => e.message)).toEqual(messages);
  });

  it('lets awslogs-datetime-format win when both are set', async () => {
    const { group, sink } = await openOn(fx, {
      'awslogs-datetime-format': '%H:%M:%S',
      'awslogs-multiline-pattern': '^\\[',
    });
    await writeLines(fx, sink, ['[a] 10:00:00 one', '[b] not a start', '10:00:01 two']);
    await sink.close();
    const events = await readEvents(fx.logs(), group, sink.logStreamName);
    expect(events.map((e) => e.message)).toEqual([
      '[a] 10:00:00 one\n[b] not a start\n',
      '10:00:01 two\n',
    ]);
  });

  it('groups stdout and stderr lines together in arrival order', async () => {
    const { group, sink } = await openOn(fx, { 'awslogs-multiline-pattern': '^START' });
    sink.write('stdout', 'START job');
    sink.write('stderr', 'warning: slow');
    sink.write('stdout', 'progress 50%');
    sink.write('stderr', 'START other');
    sink.write('stdout', 'done');
    await sink.close();
    const events = await readEvents(fx.logs(), group, sink.logStreamName);
    expect(events.map((e) => e.message)).toEqual([
      'START job\nwarning: slow\nprogress 50%\n',
      'START other\ndone\n',
    ]);
  });

  it('emits a grouped event before it would outgrow an event', async () => {
    const { group, sink } = await openOn(fx, { 'awslogs-multiline-pattern': '^S' });
    const half = 'c'.repeat(MAX_EVENT_BYTES / 2);
    const full = 'f'.repeat(MAX_EVENT_BYTES + 3);
    sink.write('stdout', 'S start');
    sink.write('stdout', half);
    sink.write('stdout', half); // would pass the limit with its newline: a new event
    sink.write('stdout', full); // a full piece takes no newline; its rest starts another
    await sink.close();
    const events = await readEvents(fx.logs(), group, sink.logStreamName);
    expect(events.map((e) => e.message)).toEqual([
      `S start\n${half}\n`,
      `${half}\n`,
      'f'.repeat(MAX_EVENT_BYTES),
      'fff\n',
    ]);
  });
});

describe('stack traces between timestamped lines', () => {
  const JAVA = [
    '2026-03-01 02:20:00.001 INFO  [main] c.e.Batch - starting sample:logger',
    '2026-03-01 02:20:00.120 ERROR [main] c.e.Batch - job failed',
    'java.lang.IllegalStateException: queue is empty',
    '\tat com.example.Queue.take(Queue.java:42)',
    '\tat com.example.Batch.run(Batch.java:17)',
    'Caused by: java.io.IOException: connection reset',
    '\t... 2 more',
    '2026-03-01 02:20:00.130 INFO  [main] c.e.Batch - exiting with 3',
  ];
  const PYTHON = [
    '2026-03-01 02:20:00,001 INFO sample: start',
    'Traceback (most recent call last):',
    '  File "/app/main.py", line 10, in <module>',
    '    main()',
    'ZeroDivisionError: division by zero',
    '2026-03-01 02:20:00,050 INFO sample: end',
  ];

  it('keeps a Java stack trace in the event of its timestamped line', async () => {
    const { group, sink } = await openOn(fx, { 'awslogs-datetime-format': '%Y-%m-%d %H:%M:%S' });
    const t0 = fx.clock.nowMs();
    await writeLines(fx, sink, JAVA);
    await sink.close();
    expect(await readEvents(fx.logs(), group, sink.logStreamName)).toEqual([
      { timestamp: t0, message: `${JAVA[0]}\n` },
      { timestamp: t0 + 1, message: `${JAVA.slice(1, 7).join('\n')}\n` },
      { timestamp: t0 + 7, message: `${JAVA[7]}\n` },
    ]);
  });

  it('keeps a Python traceback on stderr with the line before it', async () => {
    const { group, sink } = await openOn(fx, {
      'awslogs-multiline-pattern': '^\\d{4}-\\d{2}-\\d{2} ',
    });
    const t0 = fx.clock.nowMs();
    sink.write('stdout', PYTHON[0]!);
    await fx.clock.advance(3);
    for (const line of PYTHON.slice(1, 5)) sink.write('stderr', line);
    await fx.clock.advance(3);
    sink.write('stdout', PYTHON[5]!);
    await sink.close();
    expect(await readEvents(fx.logs(), group, sink.logStreamName)).toEqual([
      { timestamp: t0, message: `${PYTHON.slice(0, 5).join('\n')}\n` },
      { timestamp: t0 + 6, message: `${PYTHON[5]}\n` },
    ]);
  });
});

describe('timers', () => {
  it('stores buffered events after the flush delay, before close', async () => {
    const { group, sink } = await openOn(fx);
    const t0 = fx.clock.nowMs();
    sink.write('stdout', 'one');
    sink.write('stdout', 'two');
    expect(fx.timers.armed()).toEqual([FLUSH_DELAY_MS]);
    expect(await readEvents(fx.logs(), group, sink.logStreamName)).toEqual([]);
    await fx.timers.fire(FLUSH_DELAY_MS);
    expect(await readEvents(fx.logs(), group, sink.logStreamName)).toEqual([
      { timestamp: t0, message: 'one' },
      { timestamp: t0, message: 'two' },
    ]);
    await sink.close();
    expect(fx.timers.armed()).toEqual([]);
  });

  it('emits a pending multi-line event after a quiet period', async () => {
    const { group, sink } = await openOn(fx, { 'awslogs-multiline-pattern': '^>' });
    const t0 = fx.clock.nowMs();
    sink.write('stdout', '> first');
    sink.write('stdout', 'more');
    expect(fx.timers.armed()).toEqual([QUIET_MS]);
    await fx.clock.advance(50);
    // The event is incomplete until its next start line: nothing to store yet.
    await fx.timers.fire(FLUSH_DELAY_MS);
    expect(await readEvents(fx.logs(), group, sink.logStreamName)).toEqual([]);
    await fx.timers.fire(QUIET_MS);
    await fx.timers.fire(FLUSH_DELAY_MS);
    expect(await readEvents(fx.logs(), group, sink.logStreamName)).toEqual([
      { timestamp: t0, message: '> first\nmore\n' },
    ]);
    // A line after the pause is an event of its own, stamped when it came.
    sink.write('stdout', 'late');
    await sink.close();
    expect(await readEvents(fx.logs(), group, sink.logStreamName)).toEqual([
      { timestamp: t0, message: '> first\nmore\n' },
      { timestamp: t0 + 50, message: 'late\n' },
    ]);
  });

  it('restarts the quiet period with every line', async () => {
    const { sink } = await openOn(fx, { 'awslogs-multiline-pattern': '^>' });
    sink.write('stdout', '> a');
    sink.write('stdout', 'b');
    sink.write('stdout', 'c');
    expect(fx.timers.armed()).toEqual([QUIET_MS]);
    await sink.close();
  });
});
