/**
 * Authorize and revoke security group rules, ingress and egress, and
 * DescribeSecurityGroupRules. Each change runs in one transaction: a request with one bad
 * or duplicate permission changes nothing.
 */
import type { Scope, Store } from '../../../store/types.js';
import type { Ec2Deps } from '../deps.js';
import {
  ec2Error,
  invalidParameterCombination,
  missingParameter,
  securityGroupNotFound,
} from '../errors.js';

import { newEc2Id } from '../ids.js';
import type { SecurityGroupRecord, SecurityGroupRuleRecord } from '../records.js';
import { findGroup } from './lifecycle.js';
import {
  describeRule,
  permissionsOf,
  ruleKey,
  ruleOutput,
  rulesFromPermissions,
  type GroupResolver,
} from './rules.js';
import { listAll, tablesOf, type Tables } from '../tables.js';
import { tagsFromSpecifications } from '../tags/rules.js';
import type {
  AuthorizeSecurityGroupEgressRequest,
  AuthorizeSecurityGroupEgressResult,
  AuthorizeSecurityGroupIngressRequest,
  AuthorizeSecurityGroupIngressResult,
  DescribeSecurityGroupRulesRequest,
  DescribeSecurityGroupRulesResult,
  IpPermission,
  RevokeSecurityGroupEgressRequest,
  RevokeSecurityGroupEgressResult,
  RevokeSecurityGroupIngressRequest,
  RevokeSecurityGroupIngressResult,
  RevokedSecurityGroupRule,
  SecurityGroupRule,
  TagSpecification,
} from '../generated/types.js';
import { scopeOf, type RequestContext } from '../../context.js';
import { describePage } from '../describe.js';

/** AWS's default quota of inbound (and, separately, outbound) rules per group. */
export const RULES_PER_DIRECTION = 60;

type Side = 'ingress' | 'egress';

interface PermissionRequest {
  IpPermissions?: IpPermission[];
  IpProtocol?: string;
  FromPort?: number;
  ToPort?: number;
  CidrIp?: string;
  SourceSecurityGroupName?: string;
  SourceSecurityGroupOwnerId?: string;
}

/** IpPermissions, or the one permission the older top-level parameters describe. */
function requestedPermissions(input: PermissionRequest): IpPermission[] {
  if (input.IpPermissions && input.IpPermissions.length > 0) {
    const legacy = [input.IpProtocol, input.CidrIp, input.SourceSecurityGroupName];
    if (legacy.some((v) => v !== undefined)) {
      throw invalidParameterCombination(
        'The parameter IpPermissions cannot be used with the parameters IpProtocol, CidrIp, FromPort, ToPort, SourceSecurityGroupName or SourceSecurityGroupOwnerId',
      );
    }
    return input.IpPermissions;
  }
  if (input.CidrIp === undefined && input.SourceSecurityGroupName === undefined) {
    if (input.IpProtocol === undefined) {
      throw missingParameter('The request must contain the parameter ipPermissions');
    }
  }
  return [
    {
      IpProtocol: input.IpProtocol ?? (input.SourceSecurityGroupName ? '-1' : undefined),
      FromPort: input.FromPort,
      ToPort: input.ToPort,
      ...(input.CidrIp !== undefined ? { IpRanges: [{ CidrIp: input.CidrIp }] } : {}),
      ...(input.SourceSecurityGroupName !== undefined
        ? {
            UserIdGroupPairs: [
              {
                GroupName: input.SourceSecurityGroupName,
                ...(input.SourceSecurityGroupOwnerId !== undefined
                  ? { UserId: input.SourceSecurityGroupOwnerId }
                  : {}),
              },
            ],
          }
        : {}),
    },
  ];
}

/** Groups named in rules: by id anywhere in the region, by name in the group's VPC. */
export function groupResolver(
  all: SecurityGroupRecord[],
  group: SecurityGroupRecord,
  accountId: string,
  mustExist: boolean,
): GroupResolver {
  return (pair) => {
    if (pair.GroupId !== undefined) {
      const crossAccount = pair.UserId !== undefined && pair.UserId !== accountId;
      if (mustExist && !crossAccount && !all.some((g) => g.groupId === pair.GroupId)) {
        throw securityGroupNotFound(pair.GroupId);
      }
      return pair.GroupId;
    }
    if (pair.GroupName !== undefined) {
      const found = all.find((g) => g.vpcId === group.vpcId && g.groupName === pair.GroupName);
      if (!found) throw securityGroupNotFound(pair.GroupName);
      return found.groupId;
    }
    throw missingParameter('The request must contain the parameter groupId or groupName');
  };
}

export async function loadGroup(
  tables: Tables,
  scope: Scope,
  ref: { GroupId?: string; GroupName?: string },
): Promise<{ group: SecurityGroupRecord; all: SecurityGroupRecord[] }> {
  const group = await findGroup(tables, scope, ref);
  return { group, all: await listAll(tables.securityGroups, scope) };
}

function revokedOutput(
  rule: SecurityGroupRuleRecord,
  groupId: string,
  isEgress: boolean,
): RevokedSecurityGroupRule {
  const peer = rule.peer;
  return {
    SecurityGroupRuleId: rule.ruleId,
    GroupId: groupId,
    IsEgress: isEgress,
    IpProtocol: rule.protocol,
    FromPort: rule.fromPort,
    ToPort: rule.toPort,
    ...('cidrIpv4' in peer ? { CidrIpv4: peer.cidrIpv4 } : {}),
    ...('cidrIpv6' in peer ? { CidrIpv6: peer.cidrIpv6 } : {}),
    ...('prefixListId' in peer ? { PrefixListId: peer.prefixListId } : {}),
    ...('groupId' in peer ? { ReferencedGroupId: peer.groupId } : {}),
    ...(rule.description !== undefined ? { Description: rule.description } : {}),
  };
}

/** teiki holds no prefix lists, so every rule naming one names one that does not exist. */
export const noPrefixLists = () => false;

async function authorize(
  store: Store,
  side: Side,
  input: PermissionRequest & {
    GroupId?: string;
    GroupName?: string;
    TagSpecifications?: TagSpecification[];
  },
  scope: Scope,
): Promise<{ Return: boolean; SecurityGroupRules: SecurityGroupRule[] }> {
  const permissions = requestedPermissions(input);
  const tags = tagsFromSpecifications(input.TagSpecifications, 'security-group-rule');
  return store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const { group, all } = await loadGroup(tables, scope, input);
    const specs = rulesFromPermissions(
      permissions,
      scope.accountId,
      groupResolver(all, group, scope.accountId, true),
      noPrefixLists,
    );
    const existing = group[side];
    const seen = new Set(existing.map(ruleKey));
    for (const spec of specs) {
      const key = ruleKey(spec);
      if (seen.has(key)) {
        throw ec2Error(
          'InvalidPermission.Duplicate',
          `the specified rule "${describeRule(spec)}" already exists`,
        );
      }
      seen.add(key);
    }
    if (existing.length + specs.length > RULES_PER_DIRECTION) {
      throw ec2Error(
        'RulesPerSecurityGroupLimitExceeded',
        'The maximum number of rules per security group has been reached.',
      );
    }
    const added: SecurityGroupRuleRecord[] = specs.map((spec) => ({
      ruleId: newEc2Id('sgr'),
      ...spec,
      tags,
    }));
    await tables.securityGroups.put(scope, group.groupId, {
      ...group,
      [side]: [...existing, ...added],
    });
    return {
      Return: true,
      SecurityGroupRules: added.map((r) => ruleOutput(r, group.groupId, side === 'egress', scope)),
    };
  });
}

async function revoke(
  store: Store,
  side: Side,
  input: PermissionRequest & {
    GroupId?: string;
    GroupName?: string;
    SecurityGroupRuleIds?: string[];
  },
  scope: Scope,
): Promise<{
  Return: boolean;
  RevokedSecurityGroupRules: RevokedSecurityGroupRule[];
  UnknownIpPermissions?: IpPermission[];
}> {
  const byRuleIds =
    input.SecurityGroupRuleIds !== undefined && input.SecurityGroupRuleIds.length > 0;
  if (byRuleIds && input.IpPermissions !== undefined && input.IpPermissions.length > 0) {
    throw invalidParameterCombination(
      'The parameter SecurityGroupRuleIds cannot be used with the parameter IpPermissions',
    );
  }
  return store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const { group, all } = await loadGroup(tables, scope, input);
    const existing = group[side];
    let removed: SecurityGroupRuleRecord[];
    let unknown: IpPermission[] | undefined;
    if (byRuleIds) {
      const ids = input.SecurityGroupRuleIds ?? [];
      for (const id of ids) {
        if (!existing.some((r) => r.ruleId === id)) {
          throw ec2Error(
            'InvalidSecurityGroupRuleId.NotFound',
            `The security group rule ID '${id}' does not exist`,
          );
        }
      }
      removed = existing.filter((r) => ids.includes(r.ruleId));
    } else {
      const specs = rulesFromPermissions(
        requestedPermissions(input),
        scope.accountId,
        groupResolver(all, group, scope.accountId, false),
        () => true,
      );
      const byKey = new Map(existing.map((r) => [ruleKey(r), r]));
      removed = [];
      const missing: SecurityGroupRuleRecord[] = [];
      for (const spec of specs) {
        const found = byKey.get(ruleKey(spec));
        if (found) {
          if (!removed.includes(found)) removed.push(found);
        } else missing.push({ ...spec, ruleId: '', tags: [] });
      }
      if (removed.length === 0) {
        throw ec2Error(
          'InvalidPermission.NotFound',
          'The specified rule does not exist in this security group.',
        );
      }
      if (missing.length > 0) unknown = permissionsOf(missing);
    }
    await tables.securityGroups.put(scope, group.groupId, {
      ...group,
      [side]: existing.filter((r) => !removed.includes(r)),
    });
    return {
      Return: true,
      RevokedSecurityGroupRules: removed.map((r) =>
        revokedOutput(r, group.groupId, side === 'egress'),
      ),
      ...(unknown ? { UnknownIpPermissions: unknown } : {}),
    };
  });
}

export function authorizeSecurityGroupIngress(
  deps: Ec2Deps,
  input: AuthorizeSecurityGroupIngressRequest,
  ctx: RequestContext,
): Promise<AuthorizeSecurityGroupIngressResult> {
  return authorize(deps.store, 'ingress', input, scopeOf(ctx));
}

export function authorizeSecurityGroupEgress(
  deps: Ec2Deps,
  input: AuthorizeSecurityGroupEgressRequest,
  ctx: RequestContext,
): Promise<AuthorizeSecurityGroupEgressResult> {
  return authorize(deps.store, 'egress', input, scopeOf(ctx));
}

export function revokeSecurityGroupIngress(
  deps: Ec2Deps,
  input: RevokeSecurityGroupIngressRequest,
  ctx: RequestContext,
): Promise<RevokeSecurityGroupIngressResult> {
  return revoke(deps.store, 'ingress', input, scopeOf(ctx));
}

export function revokeSecurityGroupEgress(
  deps: Ec2Deps,
  input: RevokeSecurityGroupEgressRequest,
  ctx: RequestContext,
): Promise<RevokeSecurityGroupEgressResult> {
  return revoke(deps.store, 'egress', input, scopeOf(ctx));
}

export async function describeSecurityGroupRules(
  deps: Ec2Deps,
  input: DescribeSecurityGroupRulesRequest,
  ctx: RequestContext,
): Promise<DescribeSecurityGroupRulesResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  const groups = await listAll(tablesOf(store).securityGroups, scope);
  let rules = groups.flatMap((g) => [
    ...g.ingress.map((r) => ({ rule: r, groupId: g.groupId, egress: false })),
    ...g.egress.map((r) => ({ rule: r, groupId: g.groupId, egress: true })),
  ]);
  const ids = input.SecurityGroupRuleIds ?? [];
  if (ids.length > 0) {
    for (const id of ids) {
      if (!rules.some((r) => r.rule.ruleId === id)) {
        throw ec2Error(
          'InvalidSecurityGroupRuleId.NotFound',
          `The security group rule ID '${id}' does not exist`,
        );
      }
    }
    rules = rules.filter((r) => ids.includes(r.rule.ruleId));
  }
  const page = describePage(
    rules,
    {
      idOf: (r) => r.rule.ruleId,
      filters: {
        'group-id': (r) => r.groupId,
        'security-group-rule-id': (r) => r.rule.ruleId,
      },
      tagsOf: (r) => r.rule.tags,
    },
    input.Filters,
    input,
  );
  return {
    SecurityGroupRules: page.items.map((r) => ruleOutput(r.rule, r.groupId, r.egress, scope)),
    NextToken: page.nextToken,
  };
}
