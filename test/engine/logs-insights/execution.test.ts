import { describe, expect, it } from 'vitest';
import {
  type LogRecord,
  MAX_JSON_FIELDS,
  compileQuery,
  consume,
} from '../../../src/engine/logs-insights/index.js';
import { WINDOW, event, table } from './helpers.js';

function events(
  n: number,
  message = (i: number) => `line ${i}${i % 10 === 0 ? ' ERROR' : ''}`,
): LogRecord[] {
  return Array.from({ length: n }, (_, i) => event(message(i), i * 1000));
}

function* batches(records: LogRecord[], size: number): Generator<LogRecord[]> {
  for (let i = 0; i < records.length; i += size) yield records.slice(i, i + size);
}

describe('statistics', () => {
  it('counts events scanned, their bytes and the events that matched', () => {
    const run = compileQuery('filter @message like /ERROR/ | stats count(*)').start(WINDOW);
    run.push([event('a ERROR'), event('héllo'), event('ERROR b')]);
    // "a ERROR" 7 + "héllo" 6 + "ERROR b" 7 bytes, plus 26 per event.
    expect(run.statistics()).toEqual({ recordsScanned: 3, bytesScanned: 98, recordsMatched: 2 });
  });

  it('counts an event once however many rows parse … multi makes of it', () => {
    const run = compileQuery('parse @message /(?<n>\\d)/ multi').start(WINDOW);
    run.push([event('1 2 3'), event('none')]);
    expect(run.statistics()).toMatchObject({ recordsScanned: 2, recordsMatched: 2 });
    expect(run.finish()).toHaveLength(4);
  });
});

describe('running a query', () => {
  it('shows partial results while running and the final ones after', () => {
    const run = compileQuery('stats count(*) as n').start(WINDOW);
    run.push(events(5));
    expect(run.results()).toEqual([[{ field: 'n', value: '5' }]]);
    run.push(events(3));
    expect(run.results()).toEqual([[{ field: 'n', value: '8' }]]);
    expect(run.finish()).toEqual([[{ field: 'n', value: '8' }]]);
    expect(() => run.push(events(1))).toThrow(/finished/);
  });

  it('shows nothing of a two-stats query until the first aggregation is complete', () => {
    const run = compileQuery('stats count(*) as n by bin(1m) | stats max(n)').start(WINDOW);
    run.push(events(120));
    expect(run.results()).toEqual([]);
    expect(run.finish()).toEqual([[{ field: 'max(n)', value: '60' }]]);
  });

  it('consumes batches, yielding between slices, and reports progress', async () => {
    const run = compileQuery('filter @message like /ERROR/ | stats count(*) as n by bin(5m)').start(
      WINDOW,
    );
    const progress: number[] = [];
    const outcome = await consume(run, batches(events(5000), 700), {
      sliceMs: 0,
      onProgress: (s) => progress.push(s.recordsScanned),
    });
    expect(outcome).toBe('Complete');
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)).toBe(5000);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(run.statistics()).toMatchObject({ recordsScanned: 5000, recordsMatched: 500 });
    expect(run.results().reduce((sum, row) => sum + Number(row[1]!.value), 0)).toBe(500);
  });

  it('takes batches from an async source', async () => {
    async function* source() {
      for (const batch of batches(events(100), 30)) {
        await Promise.resolve();
        yield batch;
      }
    }
    const run = compileQuery('stats count(*) as n').start(WINDOW);
    expect(await consume(run, source())).toBe('Complete');
    expect(run.results()).toEqual([[{ field: 'n', value: '100' }]]);
  });

  it('stops when asked (StopQuery) and keeps what it had', async () => {
    const run = compileQuery('stats count(*) as n').start(WINDOW);
    const stop = new AbortController();
    let seen = 0;
    function* source() {
      for (const batch of batches(events(10_000), 1000)) {
        seen++;
        if (seen === 3) stop.abort();
        yield batch;
      }
    }
    expect(await consume(run, source(), { signal: stop.signal })).toBe('Cancelled');
    expect(run.statistics().recordsScanned).toBe(2000);
    expect(run.results()).toEqual([[{ field: 'n', value: '2000' }]]);
  });

  it('stops reading once `limit any` has its events', async () => {
    const run = compileQuery('filter @message like /ERROR/ | limit any 3').start(WINDOW);
    let batchesRead = 0;
    function* source() {
      for (const batch of batches(events(10_000), 100)) {
        batchesRead++;
        yield batch;
      }
    }
    expect(await consume(run, source())).toBe('Complete');
    expect(run.results()).toHaveLength(3);
    expect(batchesRead).toBe(1);
    expect(run.statistics()).toMatchObject({ recordsScanned: 21, recordsMatched: 3 });
  });

  it('keeps only the rows a sorted limit needs', () => {
    const run = compileQuery('fields @timestamp, @message | sort @timestamp desc | limit 20').start(
      WINDOW,
    );
    run.push(events(50_000));
    const rows = run.finish();
    expect(rows).toHaveLength(20);
    expect(rows[0]![1]!.value).toBe('line 49999');
    expect(rows[19]![1]!.value).toBe('line 49980 ERROR');
  });

  it('computes now() from the time the service gives, not the wall clock', () => {
    const run = compileQuery('fields now() as t').start({ ...WINDOW, now: 86_400_000 });
    run.push([event('x')]);
    expect(run.finish()[0]![0]).toEqual({ field: 't', value: '86400' });
  });

  it('lists the columns a query shows', () => {
    expect(compileQuery('filter x = 1').columns).toEqual(['@timestamp', '@message']);
    expect(compileQuery('parse @message "a=*" as a').columns).toEqual([
      '@timestamp',
      '@message',
      'a',
    ]);
    expect(compileQuery('fields a, b | parse a "*-*" as c, d').columns).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
    expect(compileQuery('stats count(*) by bin(5m) | fields 1 as one').columns).toEqual([
      'bin(5m)',
      'count(*)',
      'one',
    ]);
    expect(compileQuery('fields a, b | display b').columns).toEqual(['b']);
  });
});

describe('fields discovered in JSON events', () => {
  it('flattens objects and arrays, and prefixes @-names with another @', () => {
    const e = event(
      '{"@example.com":"x","a":{"b":true,"c":null,"d":[1,[2,3]]},"@timestamp":"mine"}',
    );
    expect(
      table(
        'fields `@@example.com` as ex, a.b, a.c, a.d.0, a.d.1.1, `@@timestamp` as own, @timestamp',
        [e],
      ),
    ).toEqual([
      {
        ex: 'x',
        'a.b': 'true',
        'a.d.0': '1',
        'a.d.1.1': '3',
        own: 'mine',
        '@timestamp': '2024-01-01 12:00:00.000',
      },
    ]);
  });

  it(`extracts at most ${MAX_JSON_FIELDS} fields from an event`, () => {
    const big = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`f${i}`, i]));
    const e = event(JSON.stringify(big));
    expect(table(`fields f0, f${MAX_JSON_FIELDS - 1}, f${MAX_JSON_FIELDS}`, [e])).toEqual([
      { f0: '0', [`f${MAX_JSON_FIELDS - 1}`]: String(MAX_JSON_FIELDS - 1) },
    ]);
  });

  it('discovers nothing in text, JSON arrays or broken JSON', () => {
    for (const message of ['level=info', '[{"a":1}]', '{"a":1', 'prefix {"a":1}']) {
      expect(table('fields a', [event(message)]), message).toEqual([{}]);
    }
    expect(table('fields a', [event('  {"a":1}  ')])).toEqual([{ a: '1' }]);
  });

  it('lets fields the query makes hide discovered and system fields', () => {
    expect(table('fields "made" as a, "m2" as @message', [event('{"a":"found"}')])).toEqual([
      { a: 'made', '@message': 'm2' },
    ]);
  });
});

describe('slicing by size', () => {
  it('reads the clock between long messages, not only every 512 events', async () => {
    const big = 'x'.repeat(300_000);
    const run = compileQuery('filter @message like /needle/ | stats count(*) as n').start(WINDOW);
    const progress: number[] = [];
    const outcome = await consume(run, [events(8, () => big)], {
      sliceMs: 0,
      onProgress: (s) => progress.push(s.recordsScanned),
    });
    expect(outcome).toBe('Complete');
    // 1,000,000 characters per step: 4 events each, so two steps and a yield after each.
    expect(progress.slice(0, 2)).toEqual([4, 8]);
  });
});

describe('partial results stay cheap', () => {
  it('shows nothing partial for a query holding more rows than partial results are made from', () => {
    const run = compileQuery(
      'fields @message | sort @message asc | filter @message like /1/',
    ).start(WINDOW);
    run.push(events(10_001));
    expect(run.results()).toEqual([]);
    expect(run.finish().length).toBeGreaterThan(0);
    const small = compileQuery(
      'fields @message | sort @message asc | filter @message like /1/',
    ).start(WINDOW);
    small.push(events(100));
    expect(small.results().length).toBeGreaterThan(0);
  });
});
