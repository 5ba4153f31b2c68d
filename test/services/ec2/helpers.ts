/**
 * What the EC2 suites share: a client for a started teiki, and a way to catch the error
 * a call fails with and check AWS's code, message and status.
 */
import {
  CreateSecurityGroupCommand,
  CreateVpcCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  EC2ServiceException,
} from '@aws-sdk/client-ec2';
import { expect } from 'vitest';
import type { TestTeiki } from '../../helpers/teiki.js';

export function ec2Client(
  teiki: TestTeiki,
  overrides?: Parameters<TestTeiki['clientConfig']>[0],
): EC2Client {
  return new EC2Client(teiki.clientConfig(overrides));
}

export async function ec2Failure(promise: Promise<unknown>): Promise<EC2ServiceException> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(EC2ServiceException);
    return error as EC2ServiceException;
  }
  throw new Error('expected the call to fail');
}

/** The call fails with `code` and `message` (exact, or matching), HTTP `status`. */
export async function expectEc2Error(
  promise: Promise<unknown>,
  code: string,
  message: string | RegExp,
  status = 400,
): Promise<void> {
  const error = await ec2Failure(promise);
  expect({ code: error.name, status: error.$metadata.httpStatusCode }).toEqual({ code, status });
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
}

let lastAccount = 200000000000;

/**
 * A new 12-digit account id for each call, so a test sees only its own resources (and
 * the default network every new account has) without resetting the server.
 */
export function freshAccount(): string {
  lastAccount += 1;
  return String(lastAccount);
}

/** A client of a fresh account with a new 10.0.0.0/16 VPC. */
export async function freshVpc(
  teiki: TestTeiki,
): Promise<{ ec2: EC2Client; account: string; vpcId: string }> {
  const account = freshAccount();
  const ec2 = ec2Client(teiki, { accessKeyId: account });
  const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
  return { ec2, account, vpcId: vpc.Vpc!.VpcId! };
}

export interface GroupFixture {
  ec2: EC2Client;
  account: string;
  vpcId: string;
  groupId: string;
}

/** A fresh account's new VPC with one security group, `app`. */
export async function freshGroup(teiki: TestTeiki): Promise<GroupFixture> {
  const { ec2, account, vpcId } = await freshVpc(teiki);
  const created = await ec2.send(
    new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: 'app', Description: 'app' }),
  );
  return { ec2, account, vpcId, groupId: created.GroupId! };
}

/** The fixture's group as DescribeSecurityGroups shows it now. */
export async function groupOf(f: GroupFixture) {
  const out = await f.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [f.groupId] }));
  return out.SecurityGroups![0]!;
}
