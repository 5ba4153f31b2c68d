/** A stored rule as ListRules and DescribeRule answer it: absent members are left out. */
import type { DescribeRuleResponse, Rule } from './generated/types.js';
import type { RuleRecord } from './records.js';

export function ruleOutput(rule: RuleRecord): Rule {
  return {
    Name: rule.name,
    Arn: rule.arn,
    ...(rule.eventPattern !== undefined ? { EventPattern: rule.eventPattern } : {}),
    ...(rule.scheduleExpression !== undefined
      ? { ScheduleExpression: rule.scheduleExpression }
      : {}),
    State: rule.state,
    ...(rule.description !== undefined ? { Description: rule.description } : {}),
    ...(rule.roleArn !== undefined ? { RoleArn: rule.roleArn } : {}),
    ...(rule.managedBy !== undefined ? { ManagedBy: rule.managedBy } : {}),
    EventBusName: rule.eventBusName,
  };
}

export function describeRuleOutput(rule: RuleRecord): DescribeRuleResponse {
  return { ...ruleOutput(rule), CreatedBy: rule.createdBy };
}
