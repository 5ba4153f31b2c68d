/**
 * Security groups: create (with the default allow-all egress rule), describe (by id, by
 * name in the default VPC, by filter), delete (never a VPC's default group, nor one that
 * another group's rules or a network interface still use).
 */
import type { Scope } from '../../../store/types.js';
import type { Ec2Deps } from '../deps.js';
import {
  KINDS as ERROR_KINDS,
  dependencyViolation,
  ec2Error,
  invalidParameterValue,
  missingParameter,
  notFound,
  securityGroupIdMalformed,
  securityGroupNotFound,
} from '../errors.js';
import type { FilterSpec } from '../filters.js';
import { newEc2Id } from '../ids.js';
import { toTags, type SecurityGroupRecord, type SecurityGroupRuleRecord } from '../records.js';
import { permissionsOf } from './rules.js';
import { listAll, tablesOf, type Tables } from '../tables.js';
import { tagsFromSpecifications } from '../tags/rules.js';
import type {
  CreateSecurityGroupRequest,
  CreateSecurityGroupResult,
  DeleteSecurityGroupRequest,
  DeleteSecurityGroupResult,
  DescribeSecurityGroupsRequest,
  DescribeSecurityGroupsResult,
  SecurityGroup,
} from '../generated/types.js';
import { scopeOf, type RequestContext } from '../../context.js';
import { describePage } from '../describe.js';

export function securityGroupArn(scope: Scope, groupId: string): string {
  return `arn:aws:ec2:${scope.region}:${scope.accountId}:security-group/${groupId}`;
}

export function securityGroupOutput(group: SecurityGroupRecord, scope: Scope): SecurityGroup {
  return {
    GroupId: group.groupId,
    IpPermissionsEgress: permissionsOf(group.egress),
    Tags: toTags(group.tags),
    VpcId: group.vpcId,
    SecurityGroupArn: securityGroupArn(scope, group.groupId),
    OwnerId: scope.accountId,
    GroupName: group.groupName,
    Description: group.description,
    IpPermissions: permissionsOf(group.ingress),
  };
}

export async function defaultVpcId(tables: Tables, scope: Scope): Promise<string | undefined> {
  return (await listAll(tables.vpcs, scope)).find((v) => v.isDefault)?.vpcId;
}

function noDefaultVpc(): Error {
  return ec2Error(
    'VPCIdNotSpecified',
    'No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC.',
  );
}

/** A group by id, or by name in the default VPC (the only place names alone resolve). */
export async function findGroup(
  tables: Tables,
  scope: Scope,
  ref: { GroupId?: string; GroupName?: string },
): Promise<SecurityGroupRecord> {
  if (ref.GroupId !== undefined) {
    if (!ref.GroupId.startsWith('sg-')) throw securityGroupIdMalformed(ref.GroupId);
    const group = await tables.securityGroups.get(scope, ref.GroupId);
    if (!group) throw securityGroupNotFound(ref.GroupId);
    return group;
  }
  if (ref.GroupName !== undefined) {
    const vpcId = await defaultVpcId(tables, scope);
    if (vpcId === undefined) throw noDefaultVpc();
    const groups = await listAll(tables.securityGroups, scope);
    const group = groups.find((g) => g.vpcId === vpcId && g.groupName === ref.GroupName);
    if (!group) {
      throw ec2Error(
        'InvalidGroup.NotFound',
        `The security group '${ref.GroupName}' does not exist in default VPC '${vpcId}'`,
      );
    }
    return group;
  }
  throw missingParameter('The request must contain the parameter groupName or groupId');
}

function peerValues(
  rules: SecurityGroupRuleRecord[],
  pick: (r: SecurityGroupRuleRecord) => string | number | undefined,
) {
  return rules.map(pick).filter((v) => v !== undefined);
}

function ruleFilters(
  prefix: string,
  side: (g: SecurityGroupRecord) => SecurityGroupRuleRecord[],
  groupName: (id: string) => string | undefined,
): FilterSpec<SecurityGroupRecord> {
  return {
    [`${prefix}ip-permission.cidr`]: (g) =>
      peerValues(side(g), (r) => ('cidrIpv4' in r.peer ? r.peer.cidrIpv4 : undefined)),
    [`${prefix}ip-permission.ipv6-cidr`]: (g) =>
      peerValues(side(g), (r) => ('cidrIpv6' in r.peer ? r.peer.cidrIpv6 : undefined)),
    [`${prefix}ip-permission.prefix-list-id`]: (g) =>
      peerValues(side(g), (r) => ('prefixListId' in r.peer ? r.peer.prefixListId : undefined)),
    [`${prefix}ip-permission.group-id`]: (g) =>
      peerValues(side(g), (r) => ('groupId' in r.peer ? r.peer.groupId : undefined)),
    [`${prefix}ip-permission.group-name`]: (g) =>
      peerValues(side(g), (r) => ('groupId' in r.peer ? groupName(r.peer.groupId) : undefined)),
    [`${prefix}ip-permission.user-id`]: (g) =>
      peerValues(side(g), (r) => ('userId' in r.peer ? r.peer.userId : undefined)),
    [`${prefix}ip-permission.protocol`]: (g) => peerValues(side(g), (r) => r.protocol),
    [`${prefix}ip-permission.from-port`]: (g) => peerValues(side(g), (r) => r.fromPort),
    [`${prefix}ip-permission.to-port`]: (g) => peerValues(side(g), (r) => r.toPort),
  };
}

function groupFilters(scope: Scope, all: SecurityGroupRecord[]): FilterSpec<SecurityGroupRecord> {
  const names = new Map(all.map((g) => [g.groupId, g.groupName]));
  const nameOf = (id: string) => names.get(id);
  return {
    'group-id': (g) => g.groupId,
    'group-name': (g) => g.groupName,
    description: (g) => g.description,
    'vpc-id': (g) => g.vpcId,
    'owner-id': () => scope.accountId,
    ...ruleFilters('', (g) => g.ingress, nameOf),
    ...ruleFilters('egress.', (g) => g.egress, nameOf),
  };
}

const NAME_LIMIT = 255;

function checkNameAndDescription(name: string, description: string): void {
  if (name === '') throw missingParameter('The request must contain the parameter groupName');
  if (description === '') {
    throw missingParameter('The request must contain the parameter groupDescription');
  }
  if ([...name].length > NAME_LIMIT) {
    throw invalidParameterValue(
      `Value (${name}) for parameter GroupName is invalid. Length exceeds maximum of ${NAME_LIMIT} characters.`,
    );
  }
  if ([...description].length > NAME_LIMIT) {
    throw invalidParameterValue(
      `Value (${description}) for parameter GroupDescription is invalid. Length exceeds maximum of ${NAME_LIMIT} characters.`,
    );
  }
  if (name.startsWith('sg-')) {
    throw invalidParameterValue('Group names may not be in the format sg-*.');
  }
  for (const [parameter, value] of [
    ['GroupName', name],
    ['GroupDescription', description],
  ] as const) {
    if (/[^\x20-\x7e]/.test(value)) {
      throw invalidParameterValue(
        `Value (${value}) for parameter ${parameter} is invalid. Character sets beyond ASCII are not supported.`,
      );
    }
  }
}

export async function createSecurityGroup(
  deps: Ec2Deps,
  input: CreateSecurityGroupRequest,
  ctx: RequestContext,
): Promise<CreateSecurityGroupResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  checkNameAndDescription(input.GroupName, input.Description);
  if (input.GroupName === 'default') {
    throw ec2Error('InvalidGroup.Reserved', "The security group 'default' is reserved");
  }
  const tags = tagsFromSpecifications(input.TagSpecifications, 'security-group');
  const group = await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    let vpcId = input.VpcId;
    if (vpcId === undefined) {
      vpcId = await defaultVpcId(tables, scope);
      if (vpcId === undefined) throw noDefaultVpc();
    } else if (!(await tables.vpcs.get(scope, vpcId))) {
      throw notFound(ERROR_KINDS.vpc, [vpcId]);
    }
    const groups = await listAll(tables.securityGroups, scope);
    if (groups.some((g) => g.vpcId === vpcId && g.groupName === input.GroupName)) {
      throw ec2Error(
        'InvalidGroup.Duplicate',
        `The security group '${input.GroupName}' already exists for VPC '${vpcId}'`,
      );
    }
    const record: SecurityGroupRecord = {
      groupId: newEc2Id('sg'),
      groupName: input.GroupName,
      description: input.Description,
      vpcId,
      ingress: [],
      egress: [
        {
          ruleId: newEc2Id('sgr'),
          protocol: '-1',
          fromPort: -1,
          toPort: -1,
          peer: { cidrIpv4: '0.0.0.0/0' },
          tags: [],
        },
      ],
      tags,
    };
    await tables.securityGroups.put(scope, record.groupId, record);
    return record;
  });
  return {
    GroupId: group.groupId,
    Tags: toTags(group.tags),
    SecurityGroupArn: securityGroupArn(scope, group.groupId),
  };
}

export async function describeSecurityGroups(
  deps: Ec2Deps,
  input: DescribeSecurityGroupsRequest,
  ctx: RequestContext,
): Promise<DescribeSecurityGroupsResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  const tables = tablesOf(store);
  const all = await listAll(tables.securityGroups, scope);
  let selected = all;
  const ids = input.GroupIds ?? [];
  const names = input.GroupNames ?? [];
  if (ids.length > 0 || names.length > 0) {
    const chosen = new Map<string, SecurityGroupRecord>();
    const missing: string[] = [];
    for (const id of ids) {
      if (!id.startsWith('sg-')) throw securityGroupIdMalformed(id);
      const group = all.find((g) => g.groupId === id);
      if (group) chosen.set(group.groupId, group);
      else missing.push(id);
    }
    if (missing.length === 1) throw securityGroupNotFound(missing[0] ?? '');
    if (missing.length > 1) {
      throw ec2Error(
        'InvalidGroup.NotFound',
        `The security groups '${missing.join(', ')}' do not exist`,
      );
    }
    for (const name of names) {
      const group = await findGroup(tables, scope, { GroupName: name });
      chosen.set(group.groupId, group);
    }
    selected = [...chosen.values()];
  }
  const page = describePage(
    selected,
    { idOf: (g) => g.groupId, filters: groupFilters(scope, all), tagsOf: (g) => g.tags },
    input.Filters,
    input,
  );
  return {
    SecurityGroups: page.items.map((g) => securityGroupOutput(g, scope)),
    NextToken: page.nextToken,
  };
}

export async function deleteSecurityGroup(
  deps: Ec2Deps,
  input: DeleteSecurityGroupRequest,
  ctx: RequestContext,
): Promise<DeleteSecurityGroupResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  const deleted = await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const group = await findGroup(tables, scope, input);
    const vpc = await tables.vpcs.get(scope, group.vpcId);
    if (group.groupName === 'default' && vpc?.defaultSecurityGroupId === group.groupId) {
      throw ec2Error(
        'CannotDelete',
        `the specified group: "${group.groupId}" name: "default" cannot be deleted by a user`,
      );
    }
    const others = (await listAll(tables.securityGroups, scope)).filter(
      (g) => g.groupId !== group.groupId,
    );
    const referenced = others.some((g) =>
      [...g.ingress, ...g.egress].some(
        (r) => 'groupId' in r.peer && r.peer.groupId === group.groupId,
      ),
    );
    const interfaces = await listAll(tables.networkInterfaces, scope);
    if (referenced || interfaces.some((eni) => eni.groupIds.includes(group.groupId))) {
      throw dependencyViolation(`resource ${group.groupId} has a dependent object`);
    }
    await tables.securityGroups.delete(scope, group.groupId);
    return group;
  });
  return { Return: true, GroupId: deleted.groupId };
}
