/**
 * The EventBridge operation table (`AWSEvents`): rules, targets, buses, tags and events,
 * and the areas in their own folders (connections, …), each contributing its part.
 */
import type { OperationTable } from '../operation.js';
import {
  createEventBus,
  deleteEventBus,
  describeEventBus,
  listEventBuses,
} from './bus-operations.js';
import { apiDestinationOperations } from './api-destinations/operations.js';
import { archiveOperations } from './archives/operations.js';
import { permissionOperations } from './permissions/operations.js';
import { replayOperations } from './replays/operations.js';
import { connectionOperations } from './connections/operations.js';
import type { EventsDeps } from './deps.js';
import type { EventsOperations } from './generated/types.js';
import { listRuleNamesByTarget, listRules } from './list-rules.js';
import { putEvents } from './put-events.js';
import { putRule } from './put-rule.js';
import { deleteRule, describeRule, disableRule, enableRule } from './rules.js';
import { listTagsForResource, tagResource, untagResource } from './tags.js';
import { listTargetsByRule, putTargets, removeTargets } from './targets.js';
import { testEventPattern } from './test-event-pattern.js';

export function createEventsOperations(deps: EventsDeps): OperationTable<EventsOperations> {
  return {
    PutRule: (input, ctx) => putRule(deps, input, ctx),
    DescribeRule: (input, ctx) => describeRule(deps, input, ctx),
    DeleteRule: (input, ctx) => deleteRule(deps, input, ctx),
    EnableRule: (input, ctx) => enableRule(deps, input, ctx),
    DisableRule: (input, ctx) => disableRule(deps, input, ctx),
    ListRules: (input, ctx) => listRules(deps, input, ctx),
    ListRuleNamesByTarget: (input, ctx) => listRuleNamesByTarget(deps, input, ctx),
    PutTargets: (input, ctx) => putTargets(deps, input, ctx),
    RemoveTargets: (input, ctx) => removeTargets(deps, input, ctx),
    ListTargetsByRule: (input, ctx) => listTargetsByRule(deps, input, ctx),
    CreateEventBus: (input, ctx) => createEventBus(deps, input, ctx),
    DescribeEventBus: (input, ctx) => describeEventBus(deps, input, ctx),
    ListEventBuses: (input, ctx) => listEventBuses(deps, input, ctx),
    DeleteEventBus: (input, ctx) => deleteEventBus(deps, input, ctx),
    TagResource: (input, ctx) => tagResource(deps, input, ctx),
    UntagResource: (input, ctx) => untagResource(deps, input, ctx),
    ListTagsForResource: (input, ctx) => listTagsForResource(deps, input, ctx),
    PutEvents: (input, ctx) => putEvents(deps, input, ctx),
    TestEventPattern: (input) => testEventPattern(input),
    ...connectionOperations(deps),
    ...apiDestinationOperations(deps),
    ...archiveOperations(deps),
    ...replayOperations(deps),
    ...permissionOperations(deps),
  };
}
