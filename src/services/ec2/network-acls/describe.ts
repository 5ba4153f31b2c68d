/**
 * DescribeNetworkAcls: every VPC's default ACL and the ACLs made for it, each with its rules
 * and the subnets associated with it (every subnet is associated with exactly one ACL).
 */
import type { Scope } from '../../../store/types.js';
import type { Ec2Deps } from '../deps.js';
import { KINDS } from '../errors.js';
import { toTags, type NetworkAclRecord } from '../records.js';
import { selectByIds, tablesOf } from '../tables.js';
import type {
  DescribeNetworkAclsRequest,
  DescribeNetworkAclsResult,
  NetworkAcl,
} from '../generated/types.js';
import { scopeOf, type RequestContext } from '../../context.js';
import { describePage } from '../describe.js';

/** Egress entries first, each direction by rule number, as AWS lists them. */
export function aclOutput(acl: NetworkAclRecord, scope: Scope): NetworkAcl {
  const entries = [...acl.entries].sort(
    (a, b) => Number(b.egress) - Number(a.egress) || a.ruleNumber - b.ruleNumber,
  );
  return {
    Associations: acl.associations.map((a) => ({
      NetworkAclAssociationId: a.associationId,
      NetworkAclId: acl.networkAclId,
      SubnetId: a.subnetId,
    })),
    Entries: entries.map((e) => ({
      ...(e.cidrBlock !== undefined ? { CidrBlock: e.cidrBlock } : {}),
      ...(e.ipv6CidrBlock !== undefined ? { Ipv6CidrBlock: e.ipv6CidrBlock } : {}),
      Egress: e.egress,
      ...(e.icmpTypeCode
        ? { IcmpTypeCode: { Code: e.icmpTypeCode.code, Type: e.icmpTypeCode.type } }
        : {}),
      ...(e.portRange ? { PortRange: { From: e.portRange.from, To: e.portRange.to } } : {}),
      Protocol: e.protocol,
      RuleAction: e.ruleAction,
      RuleNumber: e.ruleNumber,
    })),
    IsDefault: acl.isDefault,
    NetworkAclId: acl.networkAclId,
    Tags: toTags(acl.tags),
    VpcId: acl.vpcId,
    OwnerId: scope.accountId,
  };
}

export async function describeNetworkAcls(
  deps: Ec2Deps,
  input: DescribeNetworkAclsRequest,
  ctx: RequestContext,
): Promise<DescribeNetworkAclsResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  const selected = await selectByIds(
    tablesOf(store).networkAcls,
    scope,
    KINDS.networkAcl,
    input.NetworkAclIds,
  );
  const page = describePage(
    selected,
    {
      idOf: (a) => a.networkAclId,
      filters: {
        'network-acl-id': (a) => a.networkAclId,
        'vpc-id': (a) => a.vpcId,
        default: (a) => a.isDefault,
        'owner-id': () => scope.accountId,
        'association.association-id': (a) => a.associations.map((x) => x.associationId),
        'association.network-acl-id': (a) =>
          a.associations.length > 0 ? a.networkAclId : undefined,
        'association.subnet-id': (a) => a.associations.map((x) => x.subnetId),
        'entry.cidr': (a) => a.entries.map((e) => e.cidrBlock),
        'entry.ipv6-cidr': (a) => a.entries.map((e) => e.ipv6CidrBlock),
        'entry.egress': (a) => a.entries.map((e) => e.egress),
        'entry.protocol': (a) => a.entries.map((e) => e.protocol),
        'entry.rule-action': (a) => a.entries.map((e) => e.ruleAction),
        'entry.rule-number': (a) => a.entries.map((e) => e.ruleNumber),
      },
      tagsOf: (a) => a.tags,
    },
    input.Filters,
    input,
  );
  return {
    NetworkAcls: page.items.map((a) => aclOutput(a, scope)),
    NextToken: page.nextToken,
  };
}
