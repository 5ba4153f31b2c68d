/**
 * PutEvents: each entry is checked on its own (a bad one gets ErrorCode/ErrorMessage in
 * its place, the others go on), accepted entries become events in AWS's envelope and are
 * handed to delivery, bus by bus. As on AWS, an entry for a bus that does not exist is
 * accepted (it gets an EventId) and reaches no rule. An entry may name another account's
 * bus by ARN: under `--auth enforce` that bus's policy must let the caller in, which the
 * authorization step decides before the operation runs (authorization.ts); the event keeps
 * the sender's account.
 */
import { randomUUID } from 'node:crypto';
import type { Scope } from '../../store/types.js';
import type { RequestContext } from '../context.js';
import { findBus } from './buses.js';
import type { EventsDeps } from './deps.js';
import { validationError } from './errors.js';
import type {
  PutEventsRequest,
  PutEventsRequestEntry,
  PutEventsResponse,
  PutEventsResultEntry,
} from './generated/types.js';
import { DEFAULT_BUS, type BusEvent } from './records.js';
import { scopeOf } from '../context.js';

/** AWS's limit on the summed size of a request's entries. */
export const MAX_ENTRIES_BYTES = 256 * 1024;

function invalidArgument(member: string): PutEventsResultEntry {
  return {
    ErrorCode: 'InvalidArgument',
    ErrorMessage: `Parameter ${member} is not valid. Reason: ${member} is a required argument.`,
  };
}

function parseDetail(detail: string): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(detail) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The size AWS counts for an entry: its strings in UTF-8, and 14 bytes for a Time. */
function entrySize(entry: PutEventsRequestEntry): number {
  const texts = [entry.Source, entry.DetailType, entry.Detail, ...(entry.Resources ?? [])];
  let size = entry.Time !== undefined ? 14 : 0;
  for (const text of texts) if (text !== undefined) size += Buffer.byteLength(text, 'utf8');
  return size;
}

const BUS_ARN = /^arn:aws[\w-]*:events:([a-z0-9-]+):(\d{12}):event-bus\/(.+)$/;

interface EntryBus {
  scope: Scope;
  name: string;
}

/**
 * The bus an entry names: one of the caller's, or another account's in the same region
 * (by ARN). A bus of another region is out of reach, so its events reach nothing.
 */
function entryBus(scope: Scope, nameOrArn: string | undefined): EntryBus | undefined {
  if (nameOrArn === undefined) return { scope, name: DEFAULT_BUS };
  const arn = BUS_ARN.exec(nameOrArn);
  if (!arn) return { scope, name: nameOrArn };
  if (arn[1] !== scope.region) return undefined;
  return { scope: { accountId: arn[2] as string, region: scope.region }, name: arn[3] as string };
}

/** ISO-8601 to the second, as events carry their time. */
export function eventTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

type Checked = { result: PutEventsResultEntry } | { event: BusEvent; bus: EntryBus | undefined };

function checkEntry(deps: EventsDeps, scope: Scope, entry: PutEventsRequestEntry): Checked {
  if (!entry.Source) return { result: invalidArgument('Source') };
  if (!entry.DetailType) return { result: invalidArgument('DetailType') };
  if (!entry.Detail) return { result: invalidArgument('Detail') };
  const detail = parseDetail(entry.Detail);
  if (detail === undefined) {
    return { result: { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' } };
  }
  if (entry.Source.startsWith('aws.')) {
    return {
      result: {
        ErrorCode: 'NotAuthorizedForSourceException',
        ErrorMessage: 'Not authorized for the source.',
      },
    };
  }
  const event: BusEvent = {
    version: '0',
    id: randomUUID(),
    'detail-type': entry.DetailType,
    source: entry.Source,
    account: scope.accountId,
    time: eventTime(entry.Time?.getTime() ?? deps.clock.nowMs()),
    region: scope.region,
    resources: [...(entry.Resources ?? [])],
    detail,
  };
  return { event, bus: entryBus(scope, entry.EventBusName) };
}

export async function putEvents(
  deps: EventsDeps,
  input: PutEventsRequest,
  ctx: RequestContext,
): Promise<PutEventsResponse> {
  const scope = scopeOf(ctx);
  const total = input.Entries.reduce((sum, entry) => sum + entrySize(entry), 0);
  if (total > MAX_ENTRIES_BYTES) {
    throw validationError('Total size of the entries in the request is over the limit.');
  }
  const results: PutEventsResultEntry[] = [];
  const byBus = new Map<string, { bus: EntryBus; events: BusEvent[] }>();
  for (const entry of input.Entries) {
    const checked = checkEntry(deps, scope, entry);
    if ('result' in checked) {
      results.push(checked.result);
      continue;
    }
    results.push({ EventId: checked.event.id });
    if (checked.bus === undefined) continue;
    const key = `${checked.bus.scope.accountId}|${checked.bus.name}`;
    const group = byBus.get(key) ?? { bus: checked.bus, events: [] };
    group.events.push(checked.event);
    byBus.set(key, group);
  }
  for (const { bus, events } of byBus.values()) {
    if (await findBus(deps.store, bus.scope, bus.name)) {
      await deps.deliver(bus.scope, bus.name, events);
    }
  }
  return {
    FailedEntryCount: results.filter((result) => result.ErrorCode !== undefined).length,
    Entries: results,
  };
}
