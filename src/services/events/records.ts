/**
 * EventBridge state as stored. Records are plain JSON; timestamps are epoch ms.
 *
 * Collections and ids (per account and region):
 * - `events.buses`: the bus name. The `default` bus is not stored: every account and
 *   region has it (`defaultBus`).
 * - `events.rules`: `BUS_NAME|RULE_NAME`, so a bus's rules list by prefix. A rule keeps
 *   its targets (at most 5), so a rule and its targets change together.
 *
 * Connections, API destinations, archives (and their events) and replays are kept by the
 * folders of those names, each describing its own collections.
 */
import type { Scope } from '../../store/types.js';
import type { DeadLetterConfig, LogConfig, RuleState, Tag, Target } from './generated/types.js';

export const EVENT_BUSES = 'events.buses';
export const RULES = 'events.rules';
export const DEFAULT_BUS = 'default';

export interface EventBusRecord {
  name: string;
  arn: string;
  description?: string;
  kmsKeyIdentifier?: string;
  policy?: string;
  deadLetterConfig?: DeadLetterConfig;
  logConfig?: LogConfig;
  tags: Tag[];
  creationTime: number;
  lastModifiedTime: number;
}

export interface RuleRecord {
  name: string;
  arn: string;
  eventBusName: string;
  scheduleExpression?: string;
  /** The pattern as given (JSON text). */
  eventPattern?: string;
  state: RuleState;
  description?: string;
  roleArn?: string;
  managedBy?: string;
  /** The account that created the rule (DescribeRule's CreatedBy). */
  createdBy: string;
  tags: Tag[];
  targets: Target[];
  createdAt: number;
  /** When the schedule expression was last set: `rate(…)` counts from here. */
  scheduleSetAt?: number;
  /**
   * Set on the rule EventBridge manages for an archive (`Events-Archive-NAME`): the events
   * it matches are kept in that archive instead of going to its target.
   */
  archive?: { name: string; id: string };
}

export function ruleId(eventBusName: string, ruleName: string): string {
  return `${eventBusName}|${ruleName}`;
}

/** `…:rule/NAME` on the default bus, `…:rule/BUS/NAME` on another, as AWS writes them. */
export function ruleArn(scope: Scope, eventBusName: string, ruleName: string): string {
  const path = eventBusName === DEFAULT_BUS ? ruleName : `${eventBusName}/${ruleName}`;
  return `arn:aws:events:${scope.region}:${scope.accountId}:rule/${path}`;
}

export function eventBusArn(scope: Scope, name: string): string {
  return `arn:aws:events:${scope.region}:${scope.accountId}:event-bus/${name}`;
}

/** An event as it travels on a bus: AWS's envelope. */
export interface BusEvent {
  version: string;
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  /** ISO-8601 without milliseconds. */
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
  /** Set on an event a replay re-delivers: the replay's name. */
  'replay-name'?: string;
}

/** How events reach a bus's rules: all of them, or (a replay's FilterArns) only these. */
export interface DeliveryOptions {
  filterArns?: readonly string[];
}
