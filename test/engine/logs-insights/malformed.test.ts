import { describe, expect, it } from 'vitest';
import { MAX_QUERY_LENGTH, compileQuery } from '../../../src/engine/logs-insights/index.js';
import { rejection } from './helpers.js';

describe('malformed queries', () => {
  it.each([
    {
      query: 'bogus command',
      message: 'unexpected symbol found bogus at line 1 and position 0',
      at: [0, 5],
    },
    {
      query: 'fields @timestamp, custom_field | count()',
      message: 'unexpected symbol found count at line 1 and position 34',
      at: [34, 39],
    },
    {
      // Seen on AWS: nothing but limit may follow dedup.
      query: 'fields srcIp, status | dedup srcIp, status | sort @timestamp asc',
      message: 'unexpected symbol found sort at line 1 and position 45',
      at: [45, 49],
    },
    {
      query: 'fields a\n| filter a >',
      message: 'unexpected end of query at line 2 and position 12',
      at: [21, 21],
    },
    { query: '', message: 'unexpected end of query at line 1 and position 0', at: [0, 0] },
    {
      query: '  # only a comment',
      message: 'unexpected end of query at line 1 and position 18',
      at: [18, 18],
    },
    {
      query: 'fields a |',
      message: 'unexpected end of query at line 1 and position 10',
      at: [10, 10],
    },
    {
      query: 'fields a b',
      message: 'unexpected symbol found b at line 1 and position 9',
      at: [9, 10],
    },
    {
      query: 'filter a = ',
      message: 'unexpected end of query at line 1 and position 11',
      at: [11, 11],
    },
    {
      query: 'fields a as',
      message: 'unexpected end of query at line 1 and position 11',
      at: [11, 11],
    },
    {
      query: 'filter x in 1',
      message: 'unexpected symbol found 1 at line 1 and position 12',
      at: [12, 13],
    },
    {
      query: 'fields a ~ b',
      message: 'unexpected symbol found ~ at line 1 and position 9',
      at: [9, 10],
    },
    {
      query: 'filter msg = "open',
      message: 'unterminated string at line 1 and position 13',
      at: [13, 18],
    },
    {
      query: 'filter @message like /(a/',
      message:
        /^Invalid regular expression \/\(a\/: .*missing closing \).* at line 1 and position 21$/,
      at: [21, 25],
    },
    {
      query: 'filter @message like /abc',
      message: 'unterminated regular expression at line 1 and position 21',
      at: [21, 25],
    },
    {
      // The real service's wording for symbols a stats does not produce.
      query: 'stats count(*) as n by Operation | stats max(strlen(@message)) as MaxMessageSize',
      message: 'Unknown symbols found in or after stats: @message',
      at: [52, 60],
    },
    {
      query: 'stats sum(x) as sum_x by y, z | stats max(sum_x) as max_x by z | fields y',
      message: 'Unknown symbols found in or after stats: y',
      at: [72, 73],
    },
    {
      // bin() reads @timestamp, which the first stats did not keep.
      query: 'stats sum(x) as b by @logStream | stats avg(b) by bin(5m)',
      message: 'Unknown symbols found in or after stats: @timestamp',
      at: [50, 57],
    },
    {
      query: 'stats count(*) as n | filter @message like /x/',
      message: 'Unknown symbols found in or after stats: @message',
      at: [29, 37],
    },
    {
      query: 'stats count(*), other',
      message: 'Unknown symbols found in or after stats: other',
      at: [16, 21],
    },
    {
      query: 'stats count(*) as a | stats count(*) as b | stats count(*) as c',
      message: 'A query can have a maximum of 2 stats commands (line 1, position 44)',
      at: [44, 63],
    },
    {
      query: 'stats count(*) as n by x | sort n desc | stats max(n)',
      message: 'unexpected symbol found stats at line 1 and position 41',
      at: [41, 46],
    },
    {
      query: 'fields count(*)',
      message: 'count can only be used in a stats command at line 1 and position 7',
      at: [7, 15],
    },
    {
      query: 'fields nosuch(x)',
      message: 'unexpected symbol found nosuch(x) at line 1 and position 7',
      at: [7, 16],
    },
    {
      query: 'fields abs(1, 2)',
      message: 'Invalid number of arguments for function abs at line 1 and position 7',
      at: [7, 16],
    },
    {
      query: 'fields abs(5m)',
      message: 'unexpected symbol found 5m at line 1 and position 11',
      at: [11, 13],
    },
    {
      query: 'stats count(*) by bin(5x)',
      message: 'Invalid time period 5x at line 1 and position 22',
      at: [22, 24],
    },
    {
      query: 'stats count(*) by bin(0m)',
      message: 'Invalid time period 0m at line 1 and position 22',
      at: [22, 24],
    },
    {
      query: 'stats pct(d, 101)',
      message: 'pct needs a percentile between 0 and 100 at line 1 and position 13',
      at: [13, 16],
    },
    {
      query: 'fields a | limit 0',
      message: 'limit must be between 1 and 100000 (line 1, position 17)',
      at: [17, 18],
    },
    {
      query: 'fields a | limit 100001',
      message: 'limit must be between 1 and 100000 (line 1, position 17)',
      at: [17, 23],
    },
    {
      query: 'fields a | limit ten',
      message: 'unexpected symbol found ten at line 1 and position 17',
      at: [17, 20],
    },
    {
      query: 'parse @message "[*] *" as level',
      message: 'parse pattern has 2 * but 1 field names follow as (line 1, position 0)',
      at: [0, 31],
    },
    {
      query: 'parse @message /(\\d+)/',
      message:
        'parse needs named capturing groups (?<name>…) in the regular expression (line 1, position 0)',
      at: [0, 22],
    },
    {
      query: 'pattern @message',
      message: 'teiki does not implement the pattern command yet (line 1, position 0)',
      at: [0, 7],
    },
    {
      query: 'fields @message | unnest x',
      message: 'teiki does not implement the unnest command yet (line 1, position 18)',
      at: [18, 24],
    },
    {
      query: 'fields histogram(d, 10) as h',
      message: 'teiki does not implement the function histogram yet at line 1 and position 7',
      at: [7, 23],
    },
  ])('$query', ({ query, message, at }) => {
    const e = rejection(query);
    if (typeof message === 'string') expect(e.message).toBe(message);
    else expect(e.message).toMatch(message);
    expect([e.startCharOffset, e.endCharOffset]).toEqual(at);
  });

  it(`refuses a query longer than ${MAX_QUERY_LENGTH} characters`, () => {
    const long = `fields @message ${'#'.repeat(MAX_QUERY_LENGTH)}`;
    expect(rejection(long).message).toBe(
      `Query string exceeds the maximum length of ${MAX_QUERY_LENGTH} characters`,
    );
    const exact = `fields @message ${'#'.repeat(MAX_QUERY_LENGTH - 16)}`;
    expect(exact).toHaveLength(MAX_QUERY_LENGTH);
    expect(() => compileQuery(exact)).not.toThrow();
  });

  it('accepts the documented sample queries', () => {
    for (const query of [
      'fields @timestamp, @message | sort @timestamp desc | limit 25',
      'filter @message like /Exception/\n    | stats count(*) as exceptionCount by bin(1h)\n    | sort exceptionCount desc',
      'fields @message | filter @message not like /Exception/',
      'fields @timestamp, server, severity, message\n| sort @timestamp asc\n| dedup server',
      'filter @type = "REPORT"\n    | stats max(@memorySize / 1000 / 1000) as provisonedMemoryMB,\n        min(@maxMemoryUsed / 1000 / 1000) as smallestMemoryRequestMB,\n        avg(@maxMemoryUsed / 1000 / 1000) as avgMemoryUsedMB,\n        max(@maxMemoryUsed / 1000 / 1000) as maxMemoryUsedMB,\n        provisonedMemoryMB - maxMemoryUsedMB as overProvisionedMB',
      'fields @timestamp, @requestId, @message, @logStream\n| filter @type = "REPORT" and @duration > 1000\n| sort @timestamp desc\n| dedup @requestId\n| limit 20',
      'stats sum(packets) as packetsTransferred by srcAddr, dstAddr\n    | sort packetsTransferred  desc\n    | limit 15',
      'filter isIpv4InSubnet(srcAddr, "192.0.2.0/24")\n    | stats sum(bytes) as bytesTransferred by dstAddr\n    | sort bytesTransferred desc\n    | limit 15',
      'filter logStatus="SKIPDATA"\n    | stats count(*) by bin(1h) as t\n    | sort t',
      "fields @timestamp, srcAddr, dstAddr, srcPort, dstPort, protocol, bytes\n| filter logStream = 'vpc-flow-logs' and interfaceId = 'eni-0123456789abcdef0'\n| sort @timestamp desc\n| dedup srcAddr, dstAddr, srcPort, dstPort, protocol\n| limit 20",
      'filter tlsDetails.tlsVersion in [ "TLSv1", "TLSv1.1" ]\n| stats count(*) as numOutdatedTlsCalls by userIdentity.accountId, recipientAccountId, eventSource, eventName, awsRegion, tlsDetails.tlsVersion, tlsDetails.cipherSuite, userAgent\n| sort eventSource, eventName, awsRegion, tlsDetails.tlsVersion',
      "filter (dstAddr like 'x.x.x.x' and srcAddr like 'y.y.') or (srcAddr like 'xxx.xx.xx.xx' and dstAddr like 'y.y.')\n| stats sum(bytes) as bytesTransferred by srcAddr, dstAddr\n| sort bytesTransferred desc\n| limit 10",
      'fields @timestamp, @message\n| stats count(*) as numberOfEvents by `detail-type`\n| sort numberOfEvents desc',
      'FIELDS @message\n    | PARSE @message "* [*] *" as loggingTime, loggingType, loggingMessage\n    | FILTER loggingType IN ["ERROR", "INFO"]\n    | DISPLAY loggingMessage, loggingType = "ERROR" as isError',
      'parse @message "Status Code: *;" as statusCode\n | filter statusCode >= 400 and statusCode <= 499\n | filter toMillis(@timestamp) >= (now() * 1000 - 7200000)',
      'fields @timestamp, @message\n | filter @message like /(?i)(error|failure)/\n | filter toMillis(@timestamp) >= (now() * 1000 - 18000000)',
      'fields jsonParse(@message) as json_message\n| filter json_message.users[1].action = "PutData"',
      'fields jsonParse(@message) as json_message\n| filter json_message.`user.id` = "123"',
      'fields @timestamp, @message | limit any 1',
    ]) {
      expect(() => compileQuery(query), query).not.toThrow();
    }
  });
});

describe('bounded work on hostile queries', () => {
  it('refuses nesting deeper than 100 levels instead of running out of stack', () => {
    for (const query of [
      `fields ${'('.repeat(3000)}1${')'.repeat(3000)}`,
      `filter ${'not '.repeat(2000)}x`,
      `fields ${'-'.repeat(4000)}1`,
      `fields ${'abs('.repeat(1500)}1${')'.repeat(1500)}`,
      `fields ${Array.from({ length: 1500 }, () => '2').join(' ^ ')}`,
    ]) {
      expect(rejection(query).message).toMatch(
        /^Query is nested more than 100 levels deep at line 1/,
      );
    }
    expect(() => compileQuery(`fields ${'('.repeat(90)}1${')'.repeat(90)}`)).not.toThrow();
  });

  it('runs long flat expressions', () => {
    const query = `fields ${Array.from({ length: 2400 }, () => '1').join(' + ')} as n`;
    const execution = compileQuery(query).start({ startTime: 0, endTime: 1, now: 0 });
    execution.push([
      { timestamp: 0, ingestionTime: 0, message: 'm', logStream: 's', log: 'l', ptr: 'p' },
    ]);
    expect(execution.finish()[0]![0]).toEqual({ field: 'n', value: '2400' });
  });
});
