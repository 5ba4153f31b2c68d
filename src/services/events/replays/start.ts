/**
 * StartReplay: checks what AWS checks, in its order, then records the replay STARTING and
 * hands it to the runner (runner.ts), which re-delivers the archived window to the bus.
 */
import type { Scope, StoreSession } from '../../../store/types.js';
import type { RequestContext } from '../../context.js';
import { archives } from '../archives/events-store.js';
import { findBus } from '../buses.js';
import type { EventsDeps } from '../deps.js';
import { busNotFound, ruleNotFound } from '../errors.js';
import type {
  ReplayDestination,
  StartReplayRequest,
  StartReplayResponse,
} from '../generated/types.js';
import { ruleId } from '../records.js';
import { rules } from '../rule-store.js';
import {
  archiveMissing,
  crossBus,
  endNotAfterStart,
  filterNotOnBus,
  notABusArn,
  notAnArchiveArn,
  replayExists,
} from './errors.js';
import { replayArn, replays, type ReplayRecord } from './records.js';
import { scopeOf } from '../../context.js';

const ARCHIVE_ARN = /^arn:aws[\w-]*:events:([a-z0-9-]+):(\d{12}):archive\/([.\-_A-Za-z0-9]+)$/;
const BUS_ARN = /^arn:aws[\w-]*:events:([a-z0-9-]+):(\d{12}):event-bus\/([^/]+)$/;
const RULE_ARN = /^arn:aws[\w-]*:events:([a-z0-9-]+):(\d{12}):rule\/(?:([^/]+)\/)?([^/]+)$/;

function inScope(scope: Scope, match: RegExpExecArray): boolean {
  return match[1] === scope.region && match[2] === scope.accountId;
}

async function checkFilters(
  session: StoreSession,
  scope: Scope,
  busName: string,
  filterArns: readonly string[],
): Promise<void> {
  for (const arn of filterArns) {
    const match = RULE_ARN.exec(arn);
    if (!match || !inScope(scope, match) || (match[3] ?? 'default') !== busName) {
      throw filterNotOnBus();
    }
    const name = match[4] as string;
    if (!(await rules(session).get(scope, ruleId(busName, name))))
      throw ruleNotFound(name, busName);
  }
}

export async function startReplay(
  deps: EventsDeps,
  input: StartReplayRequest,
  ctx: RequestContext,
): Promise<StartReplayResponse> {
  const scope = scopeOf(ctx);
  const source = ARCHIVE_ARN.exec(input.EventSourceArn);
  if (!source || !inScope(scope, source)) throw notAnArchiveArn();
  const destination = BUS_ARN.exec(input.Destination.Arn);
  if (!destination || !inScope(scope, destination)) throw notABusArn();
  const start = input.EventStartTime.getTime();
  const end = input.EventEndTime.getTime();
  if (end <= start) throw endNotAfterStart();
  const archiveName = source[3] as string;
  const busName = destination[3] as string;
  const record = await deps.store.transaction(async (tx) => {
    if (await replays(tx).get(scope, input.ReplayName)) throw replayExists(input.ReplayName);
    const archive = await archives(tx).get(scope, archiveName);
    if (!archive) throw archiveMissing(archiveName);
    if (!(await findBus(tx, scope, busName))) throw busNotFound(busName);
    if (archive.busName !== busName) throw crossBus();
    const filterArns = input.Destination.FilterArns ?? [];
    await checkFilters(tx, scope, busName, filterArns);
    const stored: ReplayDestination = {
      Arn: input.Destination.Arn,
      ...(filterArns.length > 0 ? { FilterArns: [...filterArns] } : {}),
    };
    const created: ReplayRecord = {
      name: input.ReplayName,
      arn: replayArn(scope, input.ReplayName),
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      eventSourceArn: input.EventSourceArn,
      archiveName,
      archiveId: archive.id,
      destination: stored,
      busName,
      eventStartTime: start,
      eventEndTime: end,
      state: 'STARTING',
      replayStartTime: deps.clock.nowMs(),
    };
    await replays(tx).insert(scope, created.name, created);
    return created;
  });
  deps.replays.begin(scope, record.name);
  return {
    ReplayArn: record.arn,
    State: record.state,
    ReplayStartTime: new Date(record.replayStartTime),
  };
}
