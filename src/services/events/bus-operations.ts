/** CreateEventBus, DescribeEventBus, ListEventBuses and DeleteEventBus. */
import type { RequestContext } from '../context.js';
import { busNameOf, ensureDefaultBus, requireBus } from './buses.js';
import type { EventsDeps } from './deps.js';
import { limitExceeded, validationError } from './errors.js';
import { ResourceAlreadyExistsException, ResourceNotFoundException } from './generated/errors.js';
import type {
  CreateEventBusRequest,
  CreateEventBusResponse,
  DeleteEventBusRequest,
  DescribeEventBusRequest,
  DescribeEventBusResponse,
  EventBus,
  ListEventBusesRequest,
  ListEventBusesResponse,
} from './generated/types.js';
import { pageOf, pageStart } from './pages.js';
import { DEFAULT_BUS, EVENT_BUSES, eventBusArn, ruleId, type EventBusRecord } from './records.js';
import { rules } from './rule-store.js';
import { initialTags } from './tag-rules.js';
import { scopeOf } from '../context.js';

type Empty = Record<string, never>;

/** AWS's quota of custom event buses in an account and region. */
export const MAX_BUSES = 100;

function times(bus: EventBusRecord): Pick<EventBus, 'CreationTime' | 'LastModifiedTime'> {
  return {
    CreationTime: new Date(bus.creationTime),
    LastModifiedTime: new Date(bus.lastModifiedTime),
  };
}

function listedBus(bus: EventBusRecord): EventBus {
  return {
    Name: bus.name,
    Arn: bus.arn,
    ...(bus.description !== undefined ? { Description: bus.description } : {}),
    ...(bus.policy !== undefined ? { Policy: bus.policy } : {}),
    ...times(bus),
  };
}

export async function createEventBus(
  deps: EventsDeps,
  input: CreateEventBusRequest,
  ctx: RequestContext,
): Promise<CreateEventBusResponse> {
  const scope = scopeOf(ctx);
  const name = input.Name;
  if (input.EventSourceName !== undefined) {
    // teiki has no partner event sources, so none can back a partner bus.
    throw new ResourceNotFoundException(`Event source ${input.EventSourceName} does not exist.`);
  }
  if (name.includes('/')) throw validationError("Event bus name must not contain '/'.");
  const tags = initialTags(input.Tags);
  const now = deps.clock.nowMs();
  const record: EventBusRecord = {
    name,
    arn: eventBusArn(scope, name),
    ...(input.Description !== undefined ? { description: input.Description } : {}),
    ...(input.KmsKeyIdentifier !== undefined ? { kmsKeyIdentifier: input.KmsKeyIdentifier } : {}),
    ...(input.DeadLetterConfig !== undefined
      ? { deadLetterConfig: { ...input.DeadLetterConfig } }
      : {}),
    ...(input.LogConfig !== undefined ? { logConfig: { ...input.LogConfig } } : {}),
    tags,
    creationTime: now,
    lastModifiedTime: now,
  };
  await deps.store.transaction(async (tx) => {
    const buses = tx.collection<EventBusRecord>(EVENT_BUSES);
    if (name === DEFAULT_BUS || (await buses.get(scope, name))) {
      throw new ResourceAlreadyExistsException(`Event bus ${name} already exists.`);
    }
    const custom = (await buses.list(scope)).filter((entry) => entry.id !== DEFAULT_BUS);
    if (custom.length >= MAX_BUSES) throw limitExceeded();
    await buses.insert(scope, name, record);
  });
  return {
    EventBusArn: record.arn,
    ...(record.description !== undefined ? { Description: record.description } : {}),
    ...(record.kmsKeyIdentifier !== undefined ? { KmsKeyIdentifier: record.kmsKeyIdentifier } : {}),
    ...(record.deadLetterConfig !== undefined ? { DeadLetterConfig: record.deadLetterConfig } : {}),
    ...(record.logConfig !== undefined ? { LogConfig: record.logConfig } : {}),
  };
}

export async function describeEventBus(
  deps: EventsDeps,
  input: DescribeEventBusRequest,
  ctx: RequestContext,
): Promise<DescribeEventBusResponse> {
  const scope = scopeOf(ctx);
  const name = busNameOf(scope, input.Name);
  const bus =
    name === DEFAULT_BUS
      ? await ensureDefaultBus(deps.store, scope, deps.clock.nowMs())
      : await requireBus(deps.store, scope, name);
  return {
    ...listedBus(bus),
    ...(bus.kmsKeyIdentifier !== undefined ? { KmsKeyIdentifier: bus.kmsKeyIdentifier } : {}),
    ...(bus.deadLetterConfig !== undefined ? { DeadLetterConfig: bus.deadLetterConfig } : {}),
    ...(bus.logConfig !== undefined ? { LogConfig: bus.logConfig } : {}),
  };
}

/** Every bus by name, the default one included, in one pass: an account has at most 101. */
export async function listEventBuses(
  deps: EventsDeps,
  input: ListEventBusesRequest,
  ctx: RequestContext,
): Promise<ListEventBusesResponse> {
  const scope = scopeOf(ctx);
  const after = pageStart(input.NextToken);
  await ensureDefaultBus(deps.store, scope, deps.clock.nowMs());
  const all = (await deps.store.collection<EventBusRecord>(EVENT_BUSES).list(scope)).map(
    (entry) => entry.value,
  );
  const prefix = input.NamePrefix ?? '';
  const page = pageOf(
    all.filter((bus) => bus.name.startsWith(prefix)),
    (bus) => bus.name,
    after,
    input.Limit,
  );
  return {
    EventBuses: page.items.map(listedBus),
    ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}),
  };
}

/**
 * Deleting a bus that does not exist succeeds, as on AWS; the default bus cannot be
 * deleted. The bus's rules go with it, and the scheduler is told of each.
 */
export async function deleteEventBus(
  deps: EventsDeps,
  input: DeleteEventBusRequest,
  ctx: RequestContext,
): Promise<Empty> {
  const scope = scopeOf(ctx);
  if (input.Name === DEFAULT_BUS) throw validationError('Cannot delete event bus default.');
  const removed = await deps.store.transaction(async (tx) => {
    const buses = tx.collection<EventBusRecord>(EVENT_BUSES);
    if (!(await buses.get(scope, input.Name))) return [];
    const busRules = await rules(tx).list(scope, { prefix: ruleId(input.Name, '') });
    for (const entry of busRules) await rules(tx).delete(scope, entry.id);
    await buses.delete(scope, input.Name);
    return busRules.map((entry) => entry.id);
  });
  for (const id of removed) deps.onRuleChanged(scope, undefined, id);
  return {};
}
