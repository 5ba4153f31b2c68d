/**
 * What SDKs never send: hand-made requests against a running teiki, one protocol at a
 * time. Each must get AWS's error in that protocol's shape, never a 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, startTestTeiki, type TestTeiki } from '../helpers/teiki.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startTestTeiki();
});
afterAll(() => teiki.close());

const json = (target: string, body: string, headers: Record<string, string> = {}) =>
  raw(teiki.url, {
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target, ...headers },
    body,
  });
const form = (body: string) =>
  raw(teiki.url, {
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
  });

describe('awsJson1_1', () => {
  it('answers an unknown operation with UnknownOperationException', async () => {
    const res = await json('AmazonEC2ContainerServiceV20141113.FlyToTheMoon', '{}');
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toContain('UnknownOperationException');
    expect(JSON.parse(res.text).__type).toContain('UnknownOperationException');
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers malformed JSON with SerializationException', async () => {
    const res = await json('AmazonEC2ContainerServiceV20141113.ListClusters', '{"maxResults": ');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).__type).toContain('SerializationException');
  });

  it('answers a body nested deeper than 1000 levels with SerializationException', async () => {
    const deep = `{"clusters":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const res = await json('AmazonEC2ContainerServiceV20141113.DescribeClusters', deep);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).__type).toContain('SerializationException');
    // A thousand levels are read (and then refused as the wrong type for `clusters`).
    const ok = `{"clusters":${'['.repeat(999)}${']'.repeat(999)}}`;
    const read = await json('AmazonEC2ContainerServiceV20141113.DescribeClusters', ok);
    expect(read.status).toBe(400);
    expect(JSON.parse(read.text).__type).toContain('SerializationException');
  });

  it('answers a JSON array body with SerializationException', async () => {
    const res = await json('AmazonEC2ContainerServiceV20141113.ListClusters', '[1,2]');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).__type).toContain('SerializationException');
  });

  it('answers a value of the wrong JSON type with SerializationException', async () => {
    const res = await json(
      'AmazonEC2ContainerServiceV20141113.ListClusters',
      '{"maxResults": "ten"}',
    );
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).__type).toContain('SerializationException');
  });

  it('serves an implemented operation from an empty body', async () => {
    const res = await json('AmazonEC2ContainerServiceV20141113.ListClusters', '');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(JSON.parse(res.text)).toEqual({ clusterArns: [] });
  });

  it('says which operations teiki does not implement yet', async () => {
    const res = await json('AmazonEC2ContainerServiceV20141113.DescribeContainerInstances', '{}');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).message).toBe(
      'teiki does not implement ecs:DescribeContainerInstances yet.',
    );
  });

  it('says so too for an operation an allowlisted model leaves out (SSM)', async () => {
    const res = await json('AmazonSSM.SendCommand', '{}');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).message).toBe('teiki does not implement ssm:SendCommand yet.');
    const unknown = await json('AmazonSSM.FlyToTheMoon', '{}');
    expect(JSON.parse(unknown.text).__type).toContain('UnknownOperationException');
  });
});

describe('awsQuery', () => {
  it('answers an unknown action with InvalidAction in an ErrorResponse', async () => {
    const res = await form('Action=FlyToTheMoon&Version=2011-06-15');
    expect(res.status).toBe(400);
    expect(res.text).toContain('<ErrorResponse');
    expect(res.text).toContain('<Code>InvalidAction</Code>');
    expect(res.text).toMatch(/<RequestId>[0-9a-f-]{36}<\/RequestId>/);
  });

  it('serves GetCallerIdentity from a form body without any signature', async () => {
    const res = await form('Action=GetCallerIdentity&Version=2011-06-15');
    expect(res.status).toBe(200);
    expect(res.text).toContain(
      '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">',
    );
    expect(res.text).toContain('<Arn>arn:aws:iam::000000000000:root</Arn>');
  });

  it('reads the account of a malformed signature in open mode rather than refusing it', async () => {
    const res = await raw(teiki.url, {
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization:
          'AWS4-HMAC-SHA256 Credential=210987654321/20260101/eu-west-1/sts/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<Arn>arn:aws:iam::210987654321:root</Arn>');
  });

  it('serves GetCallerIdentity from the query string of a GET', async () => {
    const res = await raw(teiki.url, {
      method: 'GET',
      path: '/?Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<Account>000000000000</Account>');
  });

  it('answers a bad number with a 400, not a crash', async () => {
    const res = await form(
      'Action=AssumeRole&Version=2011-06-15&RoleArn=arn:aws:iam::000000000000:role/a&RoleSessionName=ab&DurationSeconds=soon',
    );
    expect(res.status).toBe(400);
    expect(res.text).toContain('<ErrorResponse');
  });
});

describe('ec2Query', () => {
  it('answers an unknown action in the EC2 error shape', async () => {
    const res = await form('Action=FlyToTheMoon&Version=2016-11-15');
    expect(res.status).toBe(400);
    expect(res.text).toContain('<Response><Errors><Error><Code>InvalidAction</Code>');
    expect(res.text).toMatch(/<RequestID>[0-9a-f-]{36}<\/RequestID>/);
  });
});

describe('ec2Query validation', () => {
  it('answers a missing parameter with MissingParameter, named as on the wire', async () => {
    const res = await form('Action=DeleteVpc&Version=2016-11-15');
    expect(res.status).toBe(400);
    expect(res.text).toContain(
      '<Code>MissingParameter</Code><Message>The request must contain the parameter VpcId</Message>',
    );
  });
});

describe('restJson1', () => {
  // Every Scheduler operation is implemented, so the not-implemented answer has no
  // restJson1 case left; a path that is no operation gets the service's unknown-operation
  // answer in the rest-json shape.
  it('answers a path no operation has with UnknownOperationException in the rest-json shape', async () => {
    const res = await raw(teiki.url, {
      method: 'GET',
      path: '/no-such-path',
      headers: {
        authorization:
          'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/scheduler/aws4_request, SignedHeaders=host, Signature=0',
      },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-errortype')).toContain('UnknownOperationException');
    expect(JSON.parse(res.text)).toEqual({ Message: 'Unknown Operation' });
  });
});

describe('any request', () => {
  it('refuses a body over the limit with a 413 in the service protocol', async () => {
    const res = await json(
      'Logs_20140328.PutLogEvents',
      JSON.stringify({ pad: 'x'.repeat(9 * 1024 * 1024) }),
    );
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text).__type).toContain('RequestEntityTooLargeException');
  });

  it('answers a request naming no service with a JSON error', async () => {
    const res = await raw(teiki.url, { method: 'GET', path: '/' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).__type).toBe('UnknownOperationException');
  });

  it('serves 200 concurrent requests of mixed protocols', async () => {
    const requests = Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0
        ? form('Action=GetCallerIdentity&Version=2011-06-15')
        : json('AmazonEC2ContainerServiceV20141113.Nope', '{}'),
    );
    const statuses = (await Promise.all(requests)).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(100);
    expect(statuses.filter((s) => s === 400)).toHaveLength(100);
  });

  it('never answers garbage with a 5xx', async () => {
    const bodies = [
      '',
      '\u0000\u0001',
      '%%%',
      'Action=',
      '{"a":'.repeat(1000),
      '<xml/>',
      'Action=GetCallerIdentity&Version=1999-01-01',
    ];
    const contentTypes = [
      'application/x-amz-json-1.1',
      'application/x-www-form-urlencoded',
      'text/plain',
      'application/json',
    ];
    for (const body of bodies) {
      for (const contentType of contentTypes) {
        for (const target of [
          undefined,
          'Logs_20140328.DescribeLogGroups',
          'AWSEvents.ListRules',
          'Bogus.Thing',
        ]) {
          const res = await raw(teiki.url, {
            headers: { 'content-type': contentType, ...(target ? { 'x-amz-target': target } : {}) },
            body,
          });
          expect(
            res.status,
            `${contentType} ${target} ${JSON.stringify(body).slice(0, 40)}`,
          ).toBeLessThan(500);
        }
      }
    }
  });
});
