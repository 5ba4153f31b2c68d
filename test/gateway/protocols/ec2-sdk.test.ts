/** ec2Query against the real @aws-sdk/client-ec2. */
import { describe, expect, it } from 'vitest';
import {
  CreateVpcCommand,
  DeleteVpcCommand,
  DescribeInstancesCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { codecFor } from '../../../src/gateway/protocols/index.js';
import { ServiceError } from '../../../src/services/error.js';
import { bodyText, clientOptions, fakeAws, realSchema } from './helpers.js';

const codec = codecFor('ec2');
const schema = realSchema('ec2');

const vpc = {
  VpcId: 'vpc-0123456789abcdef0',
  CidrBlock: '10.0.0.0/16',
  State: 'available',
  OwnerId: '000000000000',
  InstanceTenancy: 'default',
  IsDefault: true,
  DhcpOptionsId: 'dopt-1',
  CidrBlockAssociationSet: [
    {
      AssociationId: 'vpc-cidr-assoc-1',
      CidrBlock: '10.0.0.0/16',
      CidrBlockState: { State: 'associated' },
    },
  ],
  Tags: [{ Key: 'Name', Value: 'main <vpc>' }],
};

describe('ec2Query with @aws-sdk/client-ec2', () => {
  it('DescribeVpcs: Filters with Values, VpcIds and MaxResults in; vpcSet out', async () => {
    const fake = fakeAws(codec, schema, () => ({ Vpcs: [vpc], NextToken: 'next' }));
    const out = await new EC2Client(clientOptions(fake)).send(
      new DescribeVpcsCommand({
        Filters: [
          { Name: 'tag:Name', Values: ['main', 'other'] },
          { Name: 'is-default', Values: ['true'] },
        ],
        VpcIds: ['vpc-0123456789abcdef0'],
        MaxResults: 5,
        DryRun: false,
      }),
    );
    const sent = new URLSearchParams(fake.calls[0]!.request.body.toString('utf8'));
    expect(sent.get('Filter.1.Value.2')).toBe('other');
    expect(sent.get('VpcId.1')).toBe('vpc-0123456789abcdef0');
    expect(fake.calls[0]?.input).toEqual({
      Filters: [
        { Name: 'tag:Name', Values: ['main', 'other'] },
        { Name: 'is-default', Values: ['true'] },
      ],
      VpcIds: ['vpc-0123456789abcdef0'],
      MaxResults: 5,
      DryRun: false,
    });
    expect(out.Vpcs).toEqual([vpc]);
    expect(out.NextToken).toBe('next');
    expect(out.$metadata.requestId).toBe('req-0001');
    expect(bodyText(fake.responses[0]!)).toContain(
      '<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>req-0001</requestId><nextToken>next</nextToken><vpcSet><item><cidrBlock>10.0.0.0/16</cidrBlock>',
    );
  });

  it('DescribeVpcs: an empty vpcSet', async () => {
    const fake = fakeAws(codec, schema, () => ({ Vpcs: [] }));
    const out = await new EC2Client(clientOptions(fake)).send(new DescribeVpcsCommand({}));
    expect(fake.calls[0]?.input).toEqual({});
    expect(out.Vpcs).toEqual([]);
  });

  it('CreateVpc: TagSpecifications in', async () => {
    const fake = fakeAws(codec, schema, () => ({ Vpc: vpc }));
    const out = await new EC2Client(clientOptions(fake)).send(
      new CreateVpcCommand({
        CidrBlock: '10.0.0.0/16',
        TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'main' }] }],
      }),
    );
    expect(fake.calls[0]?.input).toEqual({
      CidrBlock: '10.0.0.0/16',
      TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'main' }] }],
    });
    expect(out.Vpc).toEqual(vpc);
  });

  it('DescribeInstances: timestamps and integers in nested lists', async () => {
    const launched = new Date('2026-11-28T02:20:00.500Z');
    const fake = fakeAws(codec, schema, () => ({
      Reservations: [
        {
          ReservationId: 'r-1',
          OwnerId: '000000000000',
          Instances: [
            {
              InstanceId: 'i-1',
              LaunchTime: launched,
              State: { Code: 16, Name: 'running' },
              AmiLaunchIndex: 0,
            },
          ],
        },
      ],
    }));
    const out = await new EC2Client(clientOptions(fake)).send(
      new DescribeInstancesCommand({ InstanceIds: ['i-1'] }),
    );
    expect(out.Reservations).toEqual([
      {
        ReservationId: 'r-1',
        OwnerId: '000000000000',
        Instances: [
          {
            InstanceId: 'i-1',
            LaunchTime: launched,
            State: { Code: 16, Name: 'running' },
            AmiLaunchIndex: 0,
          },
        ],
      },
    ]);
    expect(bodyText(fake.responses[0]!)).toContain(
      '<launchTime>2026-11-28T02:20:00.500Z</launchTime>',
    );
  });

  it('DeleteVpc: an operation without output', async () => {
    const fake = fakeAws(codec, schema, () => undefined);
    const out = await new EC2Client(clientOptions(fake)).send(
      new DeleteVpcCommand({ VpcId: 'vpc-1' }),
    );
    expect(fake.calls[0]?.input).toEqual({ VpcId: 'vpc-1' });
    expect(out.$metadata.httpStatusCode).toBe(200);
  });

  it('the SDK reads an EC2 error code and message', async () => {
    const fake = fakeAws(codec, schema, () => {
      throw new ServiceError({
        code: 'InvalidVpcID.NotFound',
        message: "The vpc ID 'vpc-1' does not exist",
      });
    });
    const error = await new EC2Client(clientOptions(fake))
      .send(new DeleteVpcCommand({ VpcId: 'vpc-1' }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'InvalidVpcID.NotFound',
      message: "The vpc ID 'vpc-1' does not exist",
    });
    expect(
      (error as { $metadata: { httpStatusCode: number; requestId: string } }).$metadata,
    ).toMatchObject({ httpStatusCode: 400 });
  });

  it('the SDK reads an unknown action as InvalidAction', async () => {
    const { DescribeVpcs: _dropped, ...operations } = schema.operations;
    const fake = fakeAws(codec, { ...schema, operations }, () => ({}));
    const error = await new EC2Client(clientOptions(fake))
      .send(new DescribeVpcsCommand({}))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'InvalidAction',
      message: 'The action DescribeVpcs is not valid for this web service.',
    });
  });
});
