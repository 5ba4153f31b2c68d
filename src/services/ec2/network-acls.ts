/**
 * DescribeNetworkAcls and DescribeDhcpOptions: the default ACL of every VPC (with its
 * subnet associations) and the region's default DHCP options set.
 */
import type { Scope } from '../../store/types.js';
import type { OperationTable } from '../operation.js';
import type { Ec2Deps } from './deps.js';
import { KINDS } from './errors.js';
import { applyFilters } from './filters.js';
import type { DhcpOptions, Ec2Operations, NetworkAcl } from './generated/types.js';
import { byId, pageOf } from './paging.js';
import { toTags, type DhcpOptionsRecord, type NetworkAclRecord } from './records.js';
import { scopeOf, selectByIds, tablesOf } from './tables.js';

/** Egress entries first, each direction by rule number, as AWS lists them. */
function aclOutput(acl: NetworkAclRecord, scope: Scope): NetworkAcl {
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

function dhcpOutput(options: DhcpOptionsRecord, scope: Scope): DhcpOptions {
  return {
    DhcpConfigurations: options.configurations.map((c) => ({
      Key: c.key,
      Values: c.values.map((value) => ({ Value: value })),
    })),
    DhcpOptionsId: options.dhcpOptionsId,
    OwnerId: scope.accountId,
    Tags: toTags(options.tags),
  };
}

export function createNetworkAclOperations(deps: Ec2Deps): OperationTable<Ec2Operations> {
  const { store } = deps;
  return {
    async DescribeNetworkAcls(input, ctx) {
      const scope = scopeOf(ctx);
      const selected = await selectByIds(
        tablesOf(store).networkAcls,
        scope,
        KINDS.networkAcl,
        input.NetworkAclIds,
      );
      const matching = applyFilters(
        selected,
        input.Filters,
        {
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
        (a) => a.tags,
      ).sort(byId((a) => a.networkAclId));
      const page = pageOf(matching, (a) => a.networkAclId, input);
      return {
        NetworkAcls: page.items.map((a) => aclOutput(a, scope)),
        NextToken: page.nextToken,
      };
    },

    async DescribeDhcpOptions(input, ctx) {
      const scope = scopeOf(ctx);
      const selected = await selectByIds(
        tablesOf(store).dhcpOptions,
        scope,
        KINDS.dhcpOptions,
        input.DhcpOptionsIds,
      );
      const matching = applyFilters(
        selected,
        input.Filters,
        {
          'dhcp-options-id': (d) => d.dhcpOptionsId,
          key: (d) => d.configurations.map((c) => c.key),
          value: (d) => d.configurations.flatMap((c) => c.values),
          'owner-id': () => scope.accountId,
        },
        (d) => d.tags,
      ).sort(byId((d) => d.dhcpOptionsId));
      const page = pageOf(matching, (d) => d.dhcpOptionsId, input);
      return {
        DhcpOptions: page.items.map((d) => dhcpOutput(d, scope)),
        NextToken: page.nextToken,
      };
    },
  };
}
