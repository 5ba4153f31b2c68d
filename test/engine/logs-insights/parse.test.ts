import { describe, expect, it } from 'vitest';
import { ERROR_LINE } from './fixtures.js';
import { event, table } from './helpers.js';

describe('parse', () => {
  it.each([
    {
      query: 'parse @message "[*] * The error was: *" as level, config, exception',
      row: { level: 'ERROR', config: '{foo=2, bar=data}', exception: 'DataIntegrityException' },
    },
    {
      query:
        'parse @message /\\[(?<level>\\S+)\\]\\s+(?<config>\\{.*\\})\\s+The error was: (?<exception>\\S+)/',
      row: { level: 'ERROR', config: '{foo=2, bar=data}', exception: 'DataIntegrityException' },
    },
    {
      // The field to parse defaults to @message.
      query: 'parse "* [*] *" as loggingTime, loggingType, loggingMessage',
      row: {
        loggingTime: '25 May 2019 10:24:39,474',
        loggingType: 'ERROR',
        loggingMessage: '{foo=2, bar=data} The error was: DataIntegrityException',
      },
    },
    {
      query: 'parse @message /(\\d+):(\\d+):(\\d+)/ as h, m, s',
      row: { h: '10', m: '24', s: '39' },
    },
  ])('$query', ({ query, row }) => {
    const [result] = table(`${query} | display ${Object.keys(row).join(', ')}`, [
      event(ERROR_LINE),
    ]);
    expect(result).toEqual(row);
  });

  it('extracts and aggregates (the documented latency example)', () => {
    const lines = [
      'ts user=u1, method:GET, latency := 100',
      'ts user=u1, method:GET, latency := 300',
      'ts user=u2, method:PUT, latency := 50',
    ].map((m, i) => event(m, i));
    expect(
      table(
        'parse @message "user=*, method:*, latency := *" as @user, @method, @latency | stats avg(@latency) by @method, @user',
        lines,
      ),
    ).toEqual([
      { '@method': 'PUT', '@user': 'u2', 'avg(@latency)': '50' },
      { '@method': 'GET', '@user': 'u1', 'avg(@latency)': '200' },
    ]);
    expect(
      table(
        'parse @message /user=(?<user2>.*?), method:(?<method2>.*?), latency := (?<latency2>.*)/ | stats avg(latency2) by method2, user2',
        lines,
      ),
    ).toEqual([
      { method2: 'PUT', user2: 'u2', 'avg(latency2)': '50' },
      { method2: 'GET', user2: 'u1', 'avg(latency2)': '200' },
    ]);
  });

  it('keeps events that do not match, without the fields', () => {
    expect(
      table('parse @message "[*]" as level | display @message, level', [
        event('no brackets', 0),
        event('[WARN] x', 1),
      ]),
    ).toEqual([{ '@message': '[WARN] x', level: 'WARN' }, { '@message': 'no brackets' }]);
  });

  it('parses another field, and parses an extracted field again', () => {
    expect(
      table('parse @logStream "*/*/*" as env, service, instance | display env, service, instance', [
        event('x', 0, { logStream: 'prod/api/i-123' }),
      ]),
    ).toEqual([{ env: 'prod', service: 'api', instance: 'i-123' }]);
    expect(
      table(
        'parse @message "url=*" as url | parse url "/api/*/users/*" as apiVersion, userId | display apiVersion, userId',
        [event('GET url=/api/v2/users/42')],
      ),
    ).toEqual([{ apiVersion: 'v2', userId: '42' }]);
  });

  it('makes one row per match with multi', () => {
    expect(
      table(
        'parse @message /(\\d+\\.\\d+\\.\\d+\\.\\d+)/ as ip_addr multi | stats count(*) by ip_addr',
        [event('from 10.0.0.1 to 10.0.0.2'), event('from 10.0.0.1 again', 1)],
      ),
    ).toEqual([
      { ip_addr: '10.0.0.1', 'count(*)': '2' },
      { ip_addr: '10.0.0.2', 'count(*)': '1' },
    ]);
  });

  it('reads logfmt into a map and CSV into fields', () => {
    const line = 'level=error msg="disk full" duration=12ms host=h1';
    expect(
      table(
        'parse @message logfmt as lf | filter lf.level = "error" | display lf.msg, lf.duration',
        [event(line), event('level=info msg=ok')],
      ),
    ).toEqual([{ 'lf.msg': 'disk full', 'lf.duration': '12ms' }]);
    expect(
      table('parse @message csv as host, method, path | display method, path', [
        event('h1,GET,"/a,b"'),
      ]),
    ).toEqual([{ method: 'GET', path: '/a,b' }]);
  });
});
