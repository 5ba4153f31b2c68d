/**
 * Live Tail from boto3 and the AWS CLI v1, with the settings the README gives: both add
 * the model's `stream-` host prefix to the endpoint unless told not to.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../helpers/teiki.js';

const GROUP = '/live-tail/clients';
const CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_PAGER: '',
};

const BOTO3_TAIL = `
import json, sys, boto3
from botocore.config import Config
endpoint, prefix = sys.argv[1], sys.argv[2]
config = Config(inject_host_prefix=False) if prefix == 'off' else Config()
client = boto3.client('logs', endpoint_url=endpoint, region_name='us-east-1', config=config,
                      aws_access_key_id='test', aws_secret_access_key='test')
try:
    response = client.start_live_tail(logGroupIdentifiers=['${GROUP}'], logEventFilterPattern='boto3')
except Exception as error:
    print(json.dumps({'error': type(error).__name__, 'message': str(error)}), flush=True)
    sys.exit(0)
for event in response['responseStream']:
    if 'sessionStart' in event:
        print(json.dumps({'start': event['sessionStart']['logGroupIdentifiers']}), flush=True)
    elif 'sessionUpdate' in event:
        for result in event['sessionUpdate']['sessionResults']:
            print(json.dumps({'message': result['message'], 'stream': result['logStreamName']}), flush=True)
`;

/** A child whose stdout lines are collected as they come. */
function run(command: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(command, args, {
    env: { ...process.env, ...CREDENTIALS, ...env },
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => out,
    exited,
    /** Resolves when the output satisfies `test`, or rejects if the child ends first. */
    until: (test: (output: string) => boolean) =>
      new Promise<string>((resolve, reject) => {
        const check = () => {
          if (test(out)) {
            child.stdout.off('data', check);
            resolve(out);
          }
        };
        child.stdout.on('data', check);
        void exited.then(() => (test(out) ? resolve(out) : reject(new Error(`exited: ${out}`))));
        check();
      }),
  };
}

describe('Live Tail from Python and the AWS CLI', () => {
  let teiki: TestTeiki;
  let logs: CloudWatchLogsClient;
  const children: ChildProcessWithoutNullStreams[] = [];
  let n = 0;

  beforeAll(async () => {
    teiki = await startTestTeiki(['--in-memory']);
    logs = new CloudWatchLogsClient(teiki.clientConfig());
    await logs.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: 'app' }));
  });
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
  });
  afterAll(() => teiki.close());

  const putLine = (message: string) =>
    logs.send(
      new PutLogEventsCommand({
        logGroupName: GROUP,
        logStreamName: 'app',
        logEvents: [{ timestamp: teiki.clock.nowMs(), message }],
      }),
    );

  it('boto3 with inject_host_prefix=False receives sessionStart, then the events', async () => {
    const tail = run('python3', ['-c', BOTO3_TAIL, teiki.url, 'off']);
    children.push(tail.child);
    await tail.until((out) => out.includes('"start"'));
    await putLine('a line the filter leaves out');
    await putLine('boto3 line one');
    await putLine('boto3 line two');
    const out = await tail.until((o) => o.includes('boto3 line two'));
    const lines = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      { start: [GROUP] },
      { message: 'boto3 line one', stream: 'app' },
      { message: 'boto3 line two', stream: 'app' },
    ]);
  });

  it("boto3 with its defaults sends the operation to the endpoint's host with stream- in front", async () => {
    const tail = run('python3', ['-c', BOTO3_TAIL, teiki.url, 'on']);
    children.push(tail.child);
    await tail.exited;
    const result = JSON.parse(tail.output().trim()) as { error: string; message: string };
    expect(result.error).toBe('EndpointConnectionError');
    expect(result.message).toContain(`stream-127.0.0.1:${teiki.port}`);
  });

  it('the AWS CLI v1 with AWS_DISABLE_HOST_PREFIX_INJECTION=true prints the events', async () => {
    const tail = run(
      'aws',
      ['--endpoint-url', teiki.url, 'logs', 'start-live-tail', '--log-group-identifiers', GROUP],
      { AWS_DISABLE_HOST_PREFIX_INJECTION: 'true' },
    );
    children.push(tail.child);
    // The CLI prints nothing until an event comes: lines are put until one shows.
    const seen = tail.until((out) => out.includes('cli line'));
    const putting = (async () => {
      while (!tail.output().includes('cli line') && tail.child.exitCode === null) {
        await putLine(`cli line ${++n}`);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    })();
    const out = await seen;
    await putting;
    expect(out).toMatch(/cli line \d+/);
  });
});
