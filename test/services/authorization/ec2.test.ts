/**
 * EC2 under `--auth enforce`: UnauthorizedOperation (403, `<Response><Errors>`) with EC2's
 * sentence before IAM's; resource-level permissions on created (`vpc/*`) and existing
 * resources; ec2:CreateTags with ec2:CreateAction for TagSpecifications; AWS managed
 * policies attached to a user; DryRun answering whether the call would be allowed.
 */
import {
  AllocateAddressCommand,
  CreateNetworkAclCommand,
  ReleaseAddressCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteVpcCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { AttachUserPolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestTeiki } from '../../helpers/teiki.js';
import {
  ACCOUNT,
  ROOT,
  denial,
  expectDenied,
  makeUser,
  startEnforcingTeiki,
  type Keys,
} from './helpers.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startEnforcingTeiki();
});
afterAll(() => teiki.close());

const ec2 = (keys: Keys) => new EC2Client(teiki.clientConfig(keys));
const arn = (resource: string) => `arn:aws:ec2:us-east-1:${ACCOUNT}:${resource}`;
const unauthorized = (user: string, action: string, resource?: string) =>
  `You are not authorized to perform this operation. User: ${user} is not authorized to perform: ${action}${
    resource ? ` on resource: ${resource}` : ''
  } because no identity-based policy allows the ${action} action`;

describe('EC2 denials', () => {
  it('answer UnauthorizedOperation, leaving out `on resource: *` for reads', async () => {
    const user = await makeUser(teiki);
    await expectDenied(
      ec2(user).send(new DescribeVpcsCommand({})),
      'UnauthorizedOperation',
      403,
      unauthorized(user.arn, 'ec2:DescribeVpcs'),
    );
    await expectDenied(
      ec2(user).send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' })),
      'UnauthorizedOperation',
      403,
      unauthorized(user.arn, 'ec2:CreateVpc', arn('vpc/*')),
    );
  });

  it('let an AWS managed policy attached to the user allow reads', async () => {
    const user = await makeUser(teiki);
    await new IAMClient(teiki.clientConfig(ROOT)).send(
      new AttachUserPolicyCommand({
        UserName: user.userName,
        PolicyArn: 'arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess',
      }),
    );
    const vpcs = await ec2(user).send(new DescribeVpcsCommand({}));
    expect(vpcs.Vpcs?.some((vpc) => vpc.IsDefault)).toBe(true);
  });

  it('check every resource a call names: the new subnet and its VPC', async () => {
    const vpc = await ec2(ROOT).send(new CreateVpcCommand({ CidrBlock: '10.2.0.0/16' }));
    const vpcId = vpc.Vpc?.VpcId ?? '';
    const user = await makeUser(teiki, {
      statements: [{ Effect: 'Allow', Action: 'ec2:CreateSubnet', Resource: arn('subnet/*') }],
    });
    await expectDenied(
      ec2(user).send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.2.1.0/24' })),
      'UnauthorizedOperation',
      403,
      unauthorized(user.arn, 'ec2:CreateSubnet', arn(`vpc/${vpcId}`)),
    );
    const both = await makeUser(teiki, {
      statements: [
        {
          Effect: 'Allow',
          Action: 'ec2:CreateSubnet',
          Resource: [arn('subnet/*'), arn(`vpc/${vpcId}`)],
        },
      ],
    });
    await ec2(both).send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.2.1.0/24' }));
  });

  it('need ec2:CreateTags with ec2:CreateAction to create with tags, and test aws:ResourceTag', async () => {
    const user = await makeUser(teiki, {
      statements: [
        { Effect: 'Allow', Action: 'ec2:CreateVpc', Resource: '*' },
        {
          Effect: 'Allow',
          Action: 'ec2:DeleteVpc',
          Resource: '*',
          Condition: { StringEquals: { 'aws:ResourceTag/owner': '${aws:username}' } },
        },
      ],
    });
    const tagged = {
      CidrBlock: '10.3.0.0/16',
      TagSpecifications: [
        { ResourceType: 'vpc' as const, Tags: [{ Key: 'owner', Value: user.userName }] },
      ],
    };
    await expectDenied(
      ec2(user).send(new CreateVpcCommand(tagged)),
      'UnauthorizedOperation',
      403,
      unauthorized(user.arn, 'ec2:CreateTags', arn('vpc/*')),
    );
    const { IAMClient: Iam, PutUserPolicyCommand } = await import('@aws-sdk/client-iam');
    await new Iam(teiki.clientConfig(ROOT)).send(
      new PutUserPolicyCommand({
        UserName: user.userName,
        PolicyName: 'tag-on-create',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'ec2:CreateTags',
              Resource: '*',
              Condition: { StringEquals: { 'ec2:CreateAction': 'CreateVpc' } },
            },
          ],
        }),
      }),
    );
    const mine = await ec2(user).send(new CreateVpcCommand(tagged));
    const theirs = await ec2(ROOT).send(new CreateVpcCommand({ CidrBlock: '10.4.0.0/16' }));
    await ec2(user).send(new DeleteVpcCommand({ VpcId: mine.Vpc?.VpcId }));
    await expectDenied(
      ec2(user).send(new DeleteVpcCommand({ VpcId: theirs.Vpc?.VpcId })),
      'UnauthorizedOperation',
      403,
      unauthorized(user.arn, 'ec2:DeleteVpc', arn(`vpc/${theirs.Vpc?.VpcId}`)),
    );
  });

  it('answer DryRun with DryRunOperation when allowed, UnauthorizedOperation when not', async () => {
    const allowed = await makeUser(teiki, {
      statements: [{ Effect: 'Allow', Action: 'ec2:CreateVpc', Resource: '*' }],
    });
    const dry = await denial(
      ec2(allowed).send(new CreateVpcCommand({ CidrBlock: '10.5.0.0/16', DryRun: true })),
    );
    expect(dry.name).toBe('DryRunOperation');
    const refused = await makeUser(teiki);
    const error = await denial(
      ec2(refused).send(new CreateVpcCommand({ CidrBlock: '10.5.0.0/16', DryRun: true })),
    );
    expect(error.name).toBe('UnauthorizedOperation');
  });

  it('authorize the VPC modules resources: a new network ACL and its VPC, an Elastic IP by allocation', async () => {
    const vpc = await ec2(ROOT).send(new CreateVpcCommand({ CidrBlock: '10.6.0.0/16' }));
    const vpcId = vpc.Vpc?.VpcId ?? '';
    const user = await makeUser(teiki, {
      statements: [
        { Effect: 'Allow', Action: 'ec2:CreateNetworkAcl', Resource: arn('network-acl/*') },
        { Effect: 'Allow', Action: 'ec2:AllocateAddress', Resource: '*' },
      ],
    });
    await expectDenied(
      ec2(user).send(new CreateNetworkAclCommand({ VpcId: vpcId })),
      'UnauthorizedOperation',
      403,
      unauthorized(user.arn, 'ec2:CreateNetworkAcl', arn(`vpc/${vpcId}`)),
    );
    const address = await ec2(user).send(new AllocateAddressCommand({ Domain: 'vpc' }));
    const allocationId = address.AllocationId ?? '';
    await expectDenied(
      ec2(user).send(new ReleaseAddressCommand({ AllocationId: allocationId })),
      'UnauthorizedOperation',
      403,
      unauthorized(user.arn, 'ec2:ReleaseAddress', arn(`elastic-ip/${allocationId}`)),
    );
  });
});
