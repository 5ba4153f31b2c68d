import type { OperationTable } from '../../operation.js';
import type { Ec2Deps } from '../deps.js';
import type { Ec2Operations } from '../generated/types.js';
import { createSecurityGroup, describeSecurityGroups, deleteSecurityGroup } from './lifecycle.js';
import {
  authorizeSecurityGroupIngress,
  authorizeSecurityGroupEgress,
  revokeSecurityGroupIngress,
  revokeSecurityGroupEgress,
  describeSecurityGroupRules,
} from './permissions.js';
import {
  updateSecurityGroupRuleDescriptionsIngress,
  updateSecurityGroupRuleDescriptionsEgress,
  modifySecurityGroupRules,
} from './rule-updates.js';

export function securityGroupsOperations(deps: Ec2Deps): OperationTable<Ec2Operations> {
  return {
    CreateSecurityGroup: (input, ctx) => createSecurityGroup(deps, input, ctx),
    DescribeSecurityGroups: (input, ctx) => describeSecurityGroups(deps, input, ctx),
    DeleteSecurityGroup: (input, ctx) => deleteSecurityGroup(deps, input, ctx),
    AuthorizeSecurityGroupIngress: (input, ctx) => authorizeSecurityGroupIngress(deps, input, ctx),
    AuthorizeSecurityGroupEgress: (input, ctx) => authorizeSecurityGroupEgress(deps, input, ctx),
    RevokeSecurityGroupIngress: (input, ctx) => revokeSecurityGroupIngress(deps, input, ctx),
    RevokeSecurityGroupEgress: (input, ctx) => revokeSecurityGroupEgress(deps, input, ctx),
    DescribeSecurityGroupRules: (input, ctx) => describeSecurityGroupRules(deps, input, ctx),
    UpdateSecurityGroupRuleDescriptionsIngress: (input, ctx) =>
      updateSecurityGroupRuleDescriptionsIngress(deps, input, ctx),
    UpdateSecurityGroupRuleDescriptionsEgress: (input, ctx) =>
      updateSecurityGroupRuleDescriptionsEgress(deps, input, ctx),
    ModifySecurityGroupRules: (input, ctx) => modifySecurityGroupRules(deps, input, ctx),
  };
}
