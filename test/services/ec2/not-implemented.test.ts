/**
 * EC2 operations AWS has and teiki does not: the generated schema holds only an allowlist
 * of EC2's operations, yet every other operation of the model must answer "teiki does not
 * implement ec2:X yet." in EC2's error form, while an action AWS does not know keeps AWS's
 * own InvalidAction text. The request's debug log line names the operation either way.
 */
import { CreateVpnGatewayCommand, DescribeFleetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileOptions } from '../../../src/cli/options.js';
import { startTeiki, type Teiki } from '../../../src/teiki.js';
import { recordingLogger, type LogEntry } from '../../helpers/logger.js';
import { raw, tempDir } from '../../helpers/teiki.js';
import { expectEc2Error } from './helpers.js';

const entries: LogEntry[] = [];
let teiki: Teiki;
let client: EC2Client;

beforeAll(async () => {
  teiki = await startTeiki(
    compileOptions(['--port', '0', '--in-memory'], {}, tempDir()),
    recordingLogger(entries),
  );
  client = new EC2Client({
    endpoint: teiki.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
});
afterAll(() => teiki.close());

function requestLines(operation: string) {
  return entries
    .filter(
      (e) => e.level === 'debug' && e.message === 'request' && e.fields.operation === operation,
    )
    .map((e) => e.fields);
}

describe('EC2 operations teiki lacks', () => {
  it.each([
    ['CreateVpnGateway', () => client.send(new CreateVpnGatewayCommand({ Type: 'ipsec.1' }))],
    ['DescribeFleets', () => client.send(new DescribeFleetsCommand({}))],
  ])('%s answers that teiki does not implement it, in EC2 form', async (name, call) => {
    await expectEc2Error(call(), 'InvalidAction', `teiki does not implement ec2:${name} yet.`);
    expect(requestLines(name)).toEqual([
      expect.objectContaining({ service: 'ec2', operation: name, status: 400 }),
    ]);
  });

  it('keeps AWS’s InvalidAction text for an action EC2 does not have', async () => {
    const res = await raw(teiki.url, {
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: 'Action=FlyToTheMoon&Version=2016-11-15',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('<Response><Errors><Error><Code>InvalidAction</Code>');
    expect(res.text).toContain(
      '<Message>The action FlyToTheMoon is not valid for this web service.</Message>',
    );
  });

  it('finds EC2 by the action alone when the request carries no Version or signature', async () => {
    const res = await raw(teiki.url, {
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: 'Action=CreateCustomerGateway',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain(
      '<Message>teiki does not implement ec2:CreateCustomerGateway yet.</Message>',
    );
  });
});
