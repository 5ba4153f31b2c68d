/**
 * Changing rules in place: UpdateSecurityGroupRuleDescriptions{Ingress,Egress} (only the
 * description, by permission or by rule id; an omitted description removes it) and
 * ModifySecurityGroupRules (a rule's whole definition, keeping its id).
 */
import type { Scope, Store } from '../../../store/types.js';
import type { Ec2Deps } from '../deps.js';
import { ec2Error, invalidParameterCombination, missingParameter } from '../errors.js';
import type { SecurityGroupRuleRecord } from '../records.js';
import { groupResolver, loadGroup, noPrefixLists } from './permissions.js';
import { checkRuleDescription, describeRule, ruleKey, rulesFromPermissions } from './rules.js';
import { tablesOf } from '../tables.js';
import type {
  IpPermission,
  ModifySecurityGroupRulesRequest,
  ModifySecurityGroupRulesResult,
  SecurityGroupRuleDescription,
  SecurityGroupRuleRequest,
  UpdateSecurityGroupRuleDescriptionsEgressRequest,
  UpdateSecurityGroupRuleDescriptionsEgressResult,
  UpdateSecurityGroupRuleDescriptionsIngressRequest,
  UpdateSecurityGroupRuleDescriptionsIngressResult,
} from '../generated/types.js';
import { scopeOf, type RequestContext } from '../../context.js';

type Side = 'ingress' | 'egress';

function ruleNotFound(): Error {
  return ec2Error(
    'InvalidPermission.NotFound',
    'The specified rule does not exist in this security group.',
  );
}

function unknownRuleId(id: string): Error {
  return ec2Error(
    'InvalidSecurityGroupRuleId.NotFound',
    `The security group rule ID '${id}' does not exist`,
  );
}

/** A rule request as the one-peer IpPermission it describes. */
function permissionOf(rule: SecurityGroupRuleRequest): IpPermission {
  const peers = [rule.CidrIpv4, rule.CidrIpv6, rule.PrefixListId, rule.ReferencedGroupId].filter(
    (v) => v !== undefined,
  );
  if (peers.length === 0) {
    throw missingParameter(
      'The request must contain one of CidrIpv4, CidrIpv6, PrefixListId or ReferencedGroupId',
    );
  }
  if (peers.length > 1) {
    throw invalidParameterCombination(
      'Only one of CidrIpv4, CidrIpv6, PrefixListId or ReferencedGroupId may be specified',
    );
  }
  const described = rule.Description !== undefined ? { Description: rule.Description } : {};
  return {
    IpProtocol: rule.IpProtocol,
    FromPort: rule.FromPort,
    ToPort: rule.ToPort,
    ...(rule.CidrIpv4 !== undefined ? { IpRanges: [{ CidrIp: rule.CidrIpv4, ...described }] } : {}),
    ...(rule.CidrIpv6 !== undefined
      ? { Ipv6Ranges: [{ CidrIpv6: rule.CidrIpv6, ...described }] }
      : {}),
    ...(rule.PrefixListId !== undefined
      ? { PrefixListIds: [{ PrefixListId: rule.PrefixListId, ...described }] }
      : {}),
    ...(rule.ReferencedGroupId !== undefined
      ? { UserIdGroupPairs: [{ GroupId: rule.ReferencedGroupId, ...described }] }
      : {}),
  };
}

function withDescription(
  rule: SecurityGroupRuleRecord,
  description: string | undefined,
): SecurityGroupRuleRecord {
  const { description: _old, ...rest } = rule;
  const checked = checkRuleDescription(description);
  return checked === undefined ? rest : { ...rest, description: checked };
}

async function updateDescriptions(
  store: Store,
  side: Side,
  input: {
    GroupId?: string;
    GroupName?: string;
    IpPermissions?: IpPermission[];
    SecurityGroupRuleDescriptions?: SecurityGroupRuleDescription[];
  },
  scope: Scope,
): Promise<{ Return: boolean }> {
  const byId = input.SecurityGroupRuleDescriptions ?? [];
  const byPermission = input.IpPermissions ?? [];
  if (byId.length > 0 && byPermission.length > 0) {
    throw invalidParameterCombination(
      'The parameter SecurityGroupRuleDescriptions cannot be used with the parameter IpPermissions',
    );
  }
  if (byId.length === 0 && byPermission.length === 0) {
    throw missingParameter('The request must contain the parameter ipPermissions');
  }
  await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const { group, all } = await loadGroup(tables, scope, input);
    const rules = [...group[side]];
    if (byId.length > 0) {
      for (const entry of byId) {
        const id = entry.SecurityGroupRuleId ?? '';
        const at = rules.findIndex((r) => r.ruleId === id);
        if (at === -1) throw unknownRuleId(id);
        rules[at] = withDescription(rules[at] as SecurityGroupRuleRecord, entry.Description);
      }
    } else {
      const specs = rulesFromPermissions(
        byPermission,
        scope.accountId,
        groupResolver(all, group, scope.accountId, false),
        () => true,
      );
      for (const spec of specs) {
        const at = rules.findIndex((r) => ruleKey(r) === ruleKey(spec));
        if (at === -1) throw ruleNotFound();
        rules[at] = withDescription(rules[at] as SecurityGroupRuleRecord, spec.description);
      }
    }
    await tables.securityGroups.put(scope, group.groupId, { ...group, [side]: rules });
  });
  return { Return: true };
}

export function updateSecurityGroupRuleDescriptionsIngress(
  deps: Ec2Deps,
  input: UpdateSecurityGroupRuleDescriptionsIngressRequest,
  ctx: RequestContext,
): Promise<UpdateSecurityGroupRuleDescriptionsIngressResult> {
  return updateDescriptions(deps.store, 'ingress', input, scopeOf(ctx));
}

export function updateSecurityGroupRuleDescriptionsEgress(
  deps: Ec2Deps,
  input: UpdateSecurityGroupRuleDescriptionsEgressRequest,
  ctx: RequestContext,
): Promise<UpdateSecurityGroupRuleDescriptionsEgressResult> {
  return updateDescriptions(deps.store, 'egress', input, scopeOf(ctx));
}

export async function modifySecurityGroupRules(
  deps: Ec2Deps,
  input: ModifySecurityGroupRulesRequest,
  ctx: RequestContext,
): Promise<ModifySecurityGroupRulesResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const { group, all } = await loadGroup(tables, scope, { GroupId: input.GroupId });
    const sides: Record<Side, SecurityGroupRuleRecord[]> = {
      ingress: [...group.ingress],
      egress: [...group.egress],
    };
    for (const update of input.SecurityGroupRules) {
      const side: Side | undefined = sides.ingress.some(
        (r) => r.ruleId === update.SecurityGroupRuleId,
      )
        ? 'ingress'
        : sides.egress.some((r) => r.ruleId === update.SecurityGroupRuleId)
          ? 'egress'
          : undefined;
      if (!side) throw unknownRuleId(update.SecurityGroupRuleId);
      if (!update.SecurityGroupRule) {
        throw missingParameter('The request must contain the parameter SecurityGroupRule');
      }
      const [spec] = rulesFromPermissions(
        [permissionOf(update.SecurityGroupRule)],
        scope.accountId,
        groupResolver(all, group, scope.accountId, true),
        noPrefixLists,
      );
      if (!spec) throw ruleNotFound();
      const rules = sides[side];
      const at = rules.findIndex((r) => r.ruleId === update.SecurityGroupRuleId);
      const current = rules[at] as SecurityGroupRuleRecord;
      if (rules.some((r, i) => i !== at && ruleKey(r) === ruleKey(spec))) {
        throw ec2Error(
          'InvalidPermission.Duplicate',
          `the specified rule "${describeRule(spec)}" already exists`,
        );
      }
      rules[at] = { ruleId: current.ruleId, tags: current.tags, ...spec };
    }
    await tables.securityGroups.put(scope, group.groupId, { ...group, ...sides });
  });
  return { Return: true };
}
