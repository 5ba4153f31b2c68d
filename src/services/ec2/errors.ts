/**
 * EC2's error codes and messages. The EC2 model declares no error shapes: every code is
 * a string AWS documents in "Error codes for the Amazon EC2 API", worded here as AWS
 * words it on the wire (all are 400 sender faults).
 */
import { ServiceError } from '../error.js';

export function ec2Error(code: string, message: string): ServiceError {
  return new ServiceError({ code, message, status: 400, fault: 'sender' });
}

export function invalidParameterValue(message: string): ServiceError {
  return ec2Error('InvalidParameterValue', message);
}

export function invalidParameterCombination(message: string): ServiceError {
  return ec2Error('InvalidParameterCombination', message);
}

export function missingParameter(message: string): ServiceError {
  return ec2Error('MissingParameter', message);
}

export function dependencyViolation(message: string): ServiceError {
  return ec2Error('DependencyViolation', message);
}

/** `Value (x) for parameter cidrBlock is invalid. This is not a valid CIDR block.` */
export function invalidCidrParameter(parameter: string, value: string): ServiceError {
  return invalidParameterValue(
    `Value (${value}) for parameter ${parameter} is invalid. This is not a valid CIDR block.`,
  );
}

/**
 * How each kind of resource says it is missing: the code, and the noun AWS puts in
 * `The <noun> ID '<id>' does not exist` (plural `The <noun> IDs '<a>, <b>' do not exist`).
 */
export interface ResourceKindErrors {
  notFoundCode: string;
  noun: string;
  /** How the message spells "ID" (`Id` for VPC endpoints). */
  idWord?: string;
}

export const KINDS = {
  vpc: {
    notFoundCode: 'InvalidVpcID.NotFound',
    noun: 'vpc',
  },
  subnet: {
    notFoundCode: 'InvalidSubnetID.NotFound',
    noun: 'subnet',
  },
  routeTable: {
    notFoundCode: 'InvalidRouteTableID.NotFound',
    noun: 'routeTable',
  },
  networkAcl: {
    notFoundCode: 'InvalidNetworkAclID.NotFound',
    noun: 'networkAcl',
  },
  internetGateway: {
    notFoundCode: 'InvalidInternetGatewayID.NotFound',
    noun: 'internetGateway',
  },
  networkInterface: {
    notFoundCode: 'InvalidNetworkInterfaceID.NotFound',
    noun: 'networkInterface',
  },
  dhcpOptions: {
    notFoundCode: 'InvalidDhcpOptionID.NotFound',
    noun: 'dhcpOption',
  },
  address: {
    notFoundCode: 'InvalidAllocationID.NotFound',
    noun: 'allocation',
  },
  vpcEndpoint: {
    notFoundCode: 'InvalidVpcEndpointId.NotFound',
    noun: 'Vpc Endpoint',
    idWord: 'Id',
  },
} satisfies Record<string, ResourceKindErrors>;

/** teiki has no IPAM, so every pool a CreateVpc or CreateSubnet names does not exist. */
export function ipamPoolNotFound(poolId: string): ServiceError {
  return ec2Error('InvalidIpamPoolId.NotFound', `The ipam pool ID '${poolId}' does not exist`);
}

export function notFound(kind: ResourceKindErrors, ids: string[]): ServiceError {
  const id = kind.idWord ?? 'ID';
  if (ids.length === 1) {
    return ec2Error(kind.notFoundCode, `The ${kind.noun} ${id} '${ids[0]}' does not exist`);
  }
  return ec2Error(kind.notFoundCode, `The ${kind.noun} ${id}s '${ids.join(', ')}' do not exist`);
}

export function securityGroupNotFound(idOrName: string): ServiceError {
  return ec2Error('InvalidGroup.NotFound', `The security group '${idOrName}' does not exist`);
}

export function securityGroupIdMalformed(id: string): ServiceError {
  return ec2Error('InvalidGroupId.Malformed', `Invalid id: "${id}" (expecting "sg-...")`);
}

export function dryRun(): ServiceError {
  return new ServiceError({
    code: 'DryRunOperation',
    message: 'Request would have succeeded, but DryRun flag is set.',
    status: 412,
  });
}

export function invalidPaginationToken(): ServiceError {
  return ec2Error(
    'InvalidPaginationToken',
    'The specified pagination token is not valid or is expired.',
  );
}
