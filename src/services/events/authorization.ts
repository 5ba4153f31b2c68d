/**
 * What each EventBridge operation needs permission for: rules by their ARN (`rule/NAME` on
 * the default bus, `rule/BUS/NAME` on another), buses by theirs, PutEvents on the bus of
 * each entry with its `events:source` and `events:detail-type` (the bus's own policy
 * deciding too: another account's bus must allow the caller), and `iam:PassRole` (passed
 * to events.amazonaws.com) for each role a target or a rule is given. Connections, API
 * destinations, archives and replays map in their own folders; PutPermission and
 * RemovePermission name no resource in the reference, so they are asked on `*`.
 */
import type { Store } from '../../store/types.js';
import { passRole } from '../authorization/common.js';
import {
  anyResource,
  tagMap,
  withResourcePolicy,
  type AuthorizationTable,
  type Permission,
  type Tags,
} from '../authorization/permission.js';
import { arnOf } from '../authorization/reference.js';
import { scopeOf, type RequestContext } from '../context.js';
import { apiDestinationsAuthorization } from './api-destinations/authorization.js';
import { archivesAuthorization } from './archives/authorization.js';
import { connectionsAuthorization } from './connections/authorization.js';
import type { EventsOperations, PutEventsRequest, Tag } from './generated/types.js';
import { replaysAuthorization } from './replays/authorization.js';
import {
  DEFAULT_BUS,
  EVENT_BUSES,
  RULES,
  ruleId,
  type EventBusRecord,
  type RuleRecord,
} from './records.js';

const EVENTS_PRINCIPAL = 'events.amazonaws.com';
/** A bus ARN's region, account and name. */
const BUS_ARN = /^arn:aws[\w-]*:events:([a-z0-9-]+):(\d{12}):event-bus\/(.+)$/;
const RULE_ARN = /^arn:aws[\w-]*:events:[a-z0-9-]+:\d{12}:rule\/(.+)$/;

export function eventsAuthorization(store: Store): AuthorizationTable<EventsOperations> {
  /** A bus name or ARN as the name (another scope's ARN keeps its name: the ARN is what is checked). */
  const busName = (nameOrArn: string | undefined) =>
    nameOrArn === undefined ? DEFAULT_BUS : (BUS_ARN.exec(nameOrArn)?.[3] ?? nameOrArn);
  const busArn = (ctx: RequestContext, nameOrArn: string | undefined) =>
    nameOrArn?.startsWith('arn:')
      ? nameOrArn
      : arnOf('events:event-bus', scopeOf(ctx), { EventBusName: busName(nameOrArn) });
  const busTags = (ctx: RequestContext, name: string) => async () =>
    tagsOf((await store.collection<EventBusRecord>(EVENT_BUSES).get(scopeOf(ctx), name))?.tags);
  /** A bus's own policy, in the account and region its ARN names (the caller's for a name). */
  const busPolicy = (ctx: RequestContext, nameOrArn: string | undefined) => {
    const arn = nameOrArn && BUS_ARN.exec(nameOrArn);
    const scope = arn ? { region: arn[1] as string, accountId: arn[2] as string } : scopeOf(ctx);
    const name = arn ? (arn[3] as string) : busName(nameOrArn);
    return {
      accountId: scope.accountId,
      document: async () =>
        (await store.collection<EventBusRecord>(EVENT_BUSES).get(scope, name))?.policy,
    };
  };
  const ruleTags = (ctx: RequestContext, bus: string, rule: string) => async () =>
    tagsOf((await store.collection<RuleRecord>(RULES).get(scopeOf(ctx), ruleId(bus, rule)))?.tags);

  /** A rule of a bus, as its ARN and the keys every rule action carries. */
  const onRule = (
    action: string,
    ctx: RequestContext,
    ruleName: string,
    busNameOrArn: string | undefined,
  ): Permission => {
    const bus = busName(busNameOrArn);
    const resource =
      bus === DEFAULT_BUS
        ? arnOf('events:rule-on-default-event-bus', scopeOf(ctx), { RuleName: ruleName })
        : arnOf('events:rule-on-custom-event-bus', scopeOf(ctx), {
            EventBusName: bus,
            RuleName: ruleName,
          });
    return {
      action,
      resource,
      context: { 'events:creatorAccount': ctx.accountId },
      resourceTags: ruleTags(ctx, bus, ruleName),
    };
  };
  const ruleAction =
    (action: string) => (input: { Name: string; EventBusName?: string }, ctx: RequestContext) => [
      onRule(action, ctx, input.Name, input.EventBusName),
    ];
  const onBus = (
    action: string,
    ctx: RequestContext,
    nameOrArn: string | undefined,
  ): Permission => ({
    action,
    resource: busArn(ctx, nameOrArn),
    resourceTags: busTags(ctx, busName(nameOrArn)),
  });
  /** TagResource and friends: a rule's or a bus's ARN, as given. */
  const byArn = (action: string, ctx: RequestContext, arn: string): Permission => {
    const rule = RULE_ARN.exec(arn)?.[1];
    const slash = rule?.lastIndexOf('/') ?? -1;
    const tags =
      rule !== undefined
        ? ruleTags(ctx, slash < 0 ? DEFAULT_BUS : rule.slice(0, slash), rule.slice(slash + 1))
        : busTags(ctx, busName(arn));
    return { action, resource: arn, resourceTags: tags };
  };

  return {
    ...connectionsAuthorization(store),
    ...apiDestinationsAuthorization(store),
    ...archivesAuthorization(),
    ...replaysAuthorization(),
    PutPermission: anyResource('events:PutPermission'),
    RemovePermission: anyResource('events:RemovePermission'),
    ListEventBuses: anyResource('events:ListEventBuses'),
    ListRules: anyResource('events:ListRules'),
    ListRuleNamesByTarget: anyResource('events:ListRuleNamesByTarget'),
    TestEventPattern: anyResource('events:TestEventPattern'),

    CreateEventBus(input, ctx) {
      const tags = tagMap(input.Tags);
      return [
        {
          ...onBus('events:CreateEventBus', ctx, input.Name),
          ...(tags ? { requestTags: tags } : {}),
        },
      ];
    },
    DeleteEventBus(input, ctx) {
      return [onBus('events:DeleteEventBus', ctx, input.Name)];
    },
    DescribeEventBus(input, ctx) {
      return [onBus('events:DescribeEventBus', ctx, input.Name)];
    },
    PutEvents: withResourcePolicy((input: PutEventsRequest, ctx: RequestContext) => {
      const seen = new Map<string, Permission>();
      for (const entry of input.Entries) {
        const permission = onBus('events:PutEvents', ctx, entry.EventBusName);
        const key = `${permission.resource}|${entry.Source ?? ''}|${entry.DetailType ?? ''}`;
        if (seen.has(key)) continue;
        seen.set(key, {
          ...permission,
          resourcePolicy: busPolicy(ctx, entry.EventBusName),
          context: {
            'events:source': entry.Source,
            'events:detail-type': entry.DetailType,
          },
        });
      }
      return [...seen.values()];
    }),

    PutRule(input, ctx) {
      const pattern = patternKeys(input.EventPattern);
      const tags = tagMap(input.Tags);
      return [
        {
          ...onRule('events:PutRule', ctx, input.Name, input.EventBusName),
          context: {
            'events:creatorAccount': ctx.accountId,
            'events:source': pattern.source,
            'events:detail-type': pattern.detailType,
          },
          ...(tags ? { requestTags: tags } : {}),
        },
        ...(input.RoleArn ? [passRole(store, ctx.accountId, input.RoleArn, EVENTS_PRINCIPAL)] : []),
      ];
    },
    DeleteRule: ruleAction('events:DeleteRule'),
    DescribeRule: ruleAction('events:DescribeRule'),
    EnableRule: ruleAction('events:EnableRule'),
    DisableRule: ruleAction('events:DisableRule'),
    ListTargetsByRule(input, ctx) {
      return [onRule('events:ListTargetsByRule', ctx, input.Rule, input.EventBusName)];
    },
    PutTargets(input, ctx) {
      const rule = onRule('events:PutTargets', ctx, input.Rule, input.EventBusName);
      const roles = [
        ...new Set(input.Targets.flatMap((target) => (target.RoleArn ? [target.RoleArn] : []))),
      ];
      return [
        {
          ...rule,
          context: {
            ...rule.context,
            'events:TargetArn': input.Targets.map((target) => target.Arn),
          },
        },
        ...roles.map((role) => passRole(store, ctx.accountId, role, EVENTS_PRINCIPAL)),
      ];
    },
    RemoveTargets(input, ctx) {
      return [onRule('events:RemoveTargets', ctx, input.Rule, input.EventBusName)];
    },

    TagResource(input, ctx) {
      return [
        {
          ...byArn('events:TagResource', ctx, input.ResourceARN),
          requestTags: tagMap(input.Tags) ?? {},
        },
      ];
    },
    UntagResource(input, ctx) {
      return [
        {
          ...byArn('events:UntagResource', ctx, input.ResourceARN),
          context: { 'aws:TagKeys': input.TagKeys },
        },
      ];
    },
    ListTagsForResource(input, ctx) {
      return [byArn('events:ListTagsForResource', ctx, input.ResourceARN)];
    },
  };
}

/** The `source` and `detail-type` values an event pattern matches, for PutRule's keys. */
function patternKeys(pattern: string | undefined): { source?: string[]; detailType?: string[] } {
  if (!pattern) return {};
  try {
    const parsed = JSON.parse(pattern) as Record<string, unknown>;
    const strings = (value: unknown) =>
      Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
    const source = strings(parsed['source']);
    const detailType = strings(parsed['detail-type']);
    return { ...(source ? { source } : {}), ...(detailType ? { detailType } : {}) };
  } catch {
    // A pattern that is not JSON is refused by the operation itself.
    return {};
  }
}

function tagsOf(tags: readonly Tag[] | undefined): Tags | undefined {
  return tags && Object.fromEntries(tags.map((tag) => [tag.Key, tag.Value]));
}
