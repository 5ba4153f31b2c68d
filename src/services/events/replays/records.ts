/**
 * Replays as stored, per (account, region), in `events.replays` keyed by name. AWS keeps a
 * replay's record after it ends; so does teiki (it is small).
 */
import type { Scope, StoreSession } from '../../../store/types.js';
import type { ReplayDestination, ReplayState } from '../generated/types.js';

export const REPLAYS = 'events.replays';

export interface ReplayRecord {
  name: string;
  arn: string;
  description?: string;
  eventSourceArn: string;
  archiveName: string;
  /** The archive incarnation replayed: a recreated archive is another. */
  archiveId: string;
  destination: ReplayDestination;
  busName: string;
  eventStartTime: number;
  eventEndTime: number;
  state: ReplayState;
  stateReason?: string;
  replayStartTime: number;
  replayEndTime?: number;
  eventLastReplayedTime?: number;
  /** The id of the last archived event replayed: a restart resumes after it. */
  cursor?: string;
  /** The teiki process running it: among several nodes, one runs a replay at a time. */
  runnerId?: string;
}

export function replayArn(scope: Scope, name: string): string {
  return `arn:aws:events:${scope.region}:${scope.accountId}:replay/${name}`;
}

export function replays(session: StoreSession) {
  return session.collection<ReplayRecord>(REPLAYS);
}

export const FINAL_STATES: readonly ReplayState[] = ['COMPLETED', 'CANCELLED', 'FAILED'];
