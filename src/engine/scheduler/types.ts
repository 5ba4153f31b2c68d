/**
 * The scheduler engine: every scheduled entry (EventBridge rules with a schedule, and
 * EventBridge Scheduler schedules) in one heap, fired at its instants by the teiki clock.
 * It knows nothing of rules or targets: an entry is a key, a function giving its next
 * instant, and its own behaviour when an instant is due, missed or skipped.
 */

export interface ScheduleEntry extends EntryBehaviour {
  /** Unique across everything scheduled, e.g. `rule|ACCOUNT|REGION|BUS|NAME`. */
  key: string;
  /** The first instant strictly after `afterMs`, or undefined when there are no more. */
  nextAfter(afterMs: number): number | undefined;
}

/**
 * What the engine calls for an entry's instants. Each call gets the instant's claim: the
 * entry claims it (writing what must exist if and only if the claim holds) before doing
 * anything for it. Failures are the entry's to record.
 */
export interface EntryBehaviour {
  /** An instant is due: when the claim holds, the entry runs its targets. */
  fire(scheduledMs: number, claim: Claim): Promise<void>;
  /**
   * An instant that fell while teiki was not running. AWS does not catch up on missed
   * schedules, so teiki records them (through the claim) and fires nothing late.
   * Resolves with whether the claim held.
   */
  missed(scheduledMs: number, claim: Claim): Promise<boolean>;
  /**
   * One virtual-clock move passed more of the entry's instants than it fires one by one:
   * the instants from `fromMs` through `throughMs` (`count` of them, or more when
   * `countIsLowerBound`) are recorded as one summary, through the claim of `throughMs`.
   * Nothing is fired for them.
   */
  skipped(summary: SkippedInstants, claim: Claim): Promise<void>;
}

/**
 * Writes staged with a claim: puts (insert or replace) of store records, named as the
 * store names them (collection, the scope's account and region, id), with JSON values.
 */
export interface StagedWrites {
  put(
    collection: string,
    scope: { accountId: string; region: string },
    id: string,
    value: object,
  ): void;
}

/**
 * Stages the writes to commit atomically with a claim: they happen if and only if it
 * holds. It runs before the claim is decided, so it only stages (no other effects).
 */
export type ClaimWork = (writes: StagedWrites) => void | Promise<void>;

/** Claims the instant being handled, with `alongWith` written atomically with the claim. */
export type Claim = (alongWith?: ClaimWork) => Promise<boolean>;

/**
 * Durable claims on (entry, instant): an instant is claimed once, by one process, before
 * anything is done for it, so a restart or a second node never fires it twice.
 */
export interface FireLedger {
  /** `true` when this call claimed the instant; `false` when it was claimed before. */
  claim(key: string, atMs: number, alongWith?: ClaimWork): Promise<boolean>;
  /** The last instant claimed for the entry (by any node), if any. */
  lastClaimed(key: string): Promise<number | undefined>;
  /** The instant up to which every due instant was handled, saved as the loop goes. */
  loadProgress(): Promise<number | undefined>;
  saveProgress(atMs: number): Promise<void>;
}

/** Which entries this process fires (the others belong to other nodes of its cluster). */
export interface EntryOwnership {
  owns(key: string): boolean;
}

export interface SkippedInstants {
  fromMs: number;
  throughMs: number;
  count: number;
  countIsLowerBound: boolean;
}
