/**
 * Finding an event bus from what a request names: a bus name or a bus ARN, absent for the
 * `default` bus. Every account and region has the default bus without creating it; it is
 * stored the first time it is shown or written (DescribeEventBus, ListEventBuses, its
 * tags), which fixes its creation time, so a stored `default` record overlays the
 * implicit one.
 */
import type { Scope, Store, StoreSession } from '../../store/types.js';
import { busNotFound } from './errors.js';
import { DEFAULT_BUS, EVENT_BUSES, eventBusArn, type EventBusRecord } from './records.js';

const BUS_ARN = /^arn:aws[\w-]*:events:([a-z0-9-]+):(\d{12}):event-bus\/(.+)$/;

/**
 * The bus a request's `EventBusName` designates in the caller's scope. A bus ARN of another
 * account or region names a bus teiki cannot reach from here, so it is reported missing.
 */
export function busNameOf(scope: Scope, nameOrArn: string | undefined): string {
  if (nameOrArn === undefined) return DEFAULT_BUS;
  const arn = BUS_ARN.exec(nameOrArn);
  if (!arn) return nameOrArn;
  const [, region, accountId, name] = arn as unknown as [string, string, string, string];
  if (region !== scope.region || accountId !== scope.accountId) throw busNotFound(name);
  return name;
}

/** The implicit default bus, before anything about it was stored. */
export function implicitDefaultBus(scope: Scope): EventBusRecord {
  return {
    name: DEFAULT_BUS,
    arn: eventBusArn(scope, DEFAULT_BUS),
    tags: [],
    creationTime: 0,
    lastModifiedTime: 0,
  };
}

/**
 * The default bus as stored, storing it now if it never was: its CreationTime is the
 * moment the account and region first had it shown, and stays that moment (a record
 * stored by an older teiki without a time gets one too).
 */
export async function ensureDefaultBus(
  store: Store,
  scope: Scope,
  nowMs: number,
): Promise<EventBusRecord> {
  const buses = store.collection<EventBusRecord>(EVENT_BUSES);
  const stored = await buses.get(scope, DEFAULT_BUS);
  if (stored && stored.creationTime !== 0) return stored;
  return store.transaction(async (tx) => {
    const txBuses = tx.collection<EventBusRecord>(EVENT_BUSES);
    const current = (await txBuses.get(scope, DEFAULT_BUS)) ?? implicitDefaultBus(scope);
    if (current.creationTime !== 0) return current;
    const dated = { ...current, creationTime: nowMs, lastModifiedTime: nowMs };
    await txBuses.put(scope, DEFAULT_BUS, dated);
    return dated;
  });
}

export async function findBus(
  session: StoreSession,
  scope: Scope,
  name: string,
): Promise<EventBusRecord | undefined> {
  const stored = await session.collection<EventBusRecord>(EVENT_BUSES).get(scope, name);
  if (stored) return stored;
  return name === DEFAULT_BUS ? implicitDefaultBus(scope) : undefined;
}

/** The bus, or AWS's `Event bus NAME does not exist.` */
export async function requireBus(
  session: StoreSession,
  scope: Scope,
  name: string,
): Promise<EventBusRecord> {
  const bus = await findBus(session, scope, name);
  if (!bus) throw busNotFound(name);
  return bus;
}
