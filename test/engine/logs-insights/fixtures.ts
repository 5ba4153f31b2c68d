import type { LogRecord } from '../../../src/engine/logs-insights/index.js';
import { event } from './helpers.js';

/** The log line the `parse` documentation works on. */
export const ERROR_LINE =
  '25 May 2019 10:24:39,474 [ERROR] {foo=2, bar=data} The error was: DataIntegrityException';

/** The documented CloudTrail event (Fields in JSON logs). */
export const CLOUDTRAIL_EVENT = JSON.stringify({
  eventVersion: '1.0',
  userIdentity: {
    type: 'IAMUser',
    principalId: 'EX_PRINCIPAL_ID',
    arn: 'arn: aws: iam: : 123456789012: user/Alice',
    accessKeyId: 'EXAMPLE_KEY_ID',
    accountId: '123456789012',
    userName: 'Alice',
  },
  eventTime: '2014-03-06T21: 22: 54Z',
  eventSource: 'ec2.amazonaws.com',
  eventName: 'StartInstances',
  awsRegion: 'us-east-2',
  sourceIPAddress: '192.0.2.255',
  userAgent: 'ec2-api-tools1.6.12.2',
  requestParameters: { instancesSet: { items: [{ instanceId: 'i-abcde123' }] } },
  responseElements: {
    instancesSet: {
      items: [
        {
          instanceId: 'i-abcde123',
          currentState: { code: 0, name: 'pending' },
          previousState: { code: 80, name: 'stopped' },
        },
      ],
    },
  },
});

/** Application events a minute apart, oldest first: a small service's JSON log. */
export function appEvents(): LogRecord[] {
  const rows: [string, string, number, number, string][] = [
    // level, server, status, duration, message
    ['INFO', 'web-1', 200, 120, 'GET /index took 120 ms'],
    ['ERROR', 'web-2', 500, 950, 'POST /orders failed: Exception in thread main'],
    ['INFO', 'web-1', 200, 80, 'GET /health took 80 ms'],
    ['WARN', 'web-3', 404, 30, 'GET /missing not found'],
    ['ERROR', 'web-2', 503, 2500, 'POST /orders failed: timeout exception'],
    ['INFO', 'web-3', 200, 45, 'GET /index took 45 ms'],
  ];
  return rows.map(([level, server, status, duration, message], i) =>
    event(JSON.stringify({ level, server, status, duration, message }), i * 60_000, {
      logStream: `stream-${server}`,
    }),
  );
}
