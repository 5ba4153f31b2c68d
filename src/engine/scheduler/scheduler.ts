/**
 * Fires every scheduled entry at its instants, in instant order, from one loop that sleeps
 * on the teiki clock until the earliest instant: no timer per entry, O(log n) per firing
 * (a heap with lazy removal: replacing or removing an entry bumps its generation and the
 * stale heap item is skipped when it surfaces).
 *
 * Each instant is claimed in the durable ledger before it is fired, so it fires at most
 * once across restarts and nodes. At start, instants that fell while teiki was down are
 * claimed and reported as missed (AWS does not catch up either); nothing fires late.
 *
 * Several nodes: every node keeps every entry, but fires only those it owns (`ownership`);
 * the others' instants pass by. When an entry becomes this node's (its owner died or the
 * live set changed), `takeOver` fires what the previous owner left: the instants after the
 * last one claimed in the ledger, late, within TAKEOVER_FIRE_WINDOW_MS (older ones are
 * recorded as missed). Ownership is a matter of spread, never of correctness: two nodes
 * that both believe they own an entry still claim each instant once.
 */
import type { Clock, ClockMove, VirtualClock } from '../clock/types.js';
import type { Logger } from '../log.js';
import { InstantHeap, type HeapItem } from './heap.js';
import { planTakeover } from './takeover.js';
import { ClaimTurns, type Turn } from './turns.js';
import type { Claim, EntryOwnership, FireLedger, ScheduleEntry, SkippedInstants } from './types.js';

/** At most this many missed instants are reported per entry; older ones are only counted. */
export const MAX_MISSED_REPORTED = 1440;

/**
 * At most this many instants of one entry fire in one move of a virtual clock (a day of a
 * `rate(1 minute)` rule). The rest of the move's instants are recorded as one summary, so
 * moving a clock a century costs what moving it a day costs, instead of stepping through
 * fifty million instants. The count in the summary stops at SKIPPED_COUNT_LIMIT.
 */
export const MAX_FIRED_PER_MOVE = 1440;
export const SKIPPED_COUNT_LIMIT = 100_000;

interface Slot {
  entry: ScheduleEntry;
  gen: number;
  /** Instants before this are not the entry's (it did not exist or was not enabled). */
  activeSinceMs: number;
  /** Instants handed out during the clock move `moveId`. */
  firedInMove: number;
  moveId: number;
  /** While a takeover reads the ledger: the heap leaves the entry's instants to it. */
  takingOver?: boolean;
}

export class Scheduler {
  readonly #clock: Clock;
  readonly #ledger: FireLedger;
  readonly #lateness: ((ms: number) => void) | undefined;
  readonly #logger: Logger;
  readonly #ownership: EntryOwnership | undefined;
  readonly #slots = new Map<string, Slot>();
  readonly #heap = new InstantHeap();
  readonly #inFlight = new Set<Promise<void>>();
  /**
   * Per entry, the turn of its latest instant handed out. The ledger refuses an instant
   * older than the last one claimed, so an entry's instants must be claimed in order even
   * when several fall due at once and their handlers race.
   */
  readonly #claimTurns = new ClaimTurns();
  /** Progress saves, one after another, each once its batch's claims have settled. */
  #progress: Promise<void> = Promise.resolve();
  #generation = 0;
  #running = false;
  #stopped = false;
  #loop: Promise<void> | undefined;
  /** Aborts the loop's current wait, when an earlier instant arrives or on stop. */
  #wake: AbortController | undefined;
  #sleepingUntil = Infinity;
  /** The virtual clock's current forward move, while it runs. */
  #move: ClockMove | undefined;
  readonly #unsubscribeMoves: (() => void) | undefined;

  constructor(options: {
    clock: Clock;
    ledger: FireLedger;
    logger: Logger;
    /** How late each firing started after its instant, for the lateness histogram. */
    lateness?: (ms: number) => void;
    /** Absent: this process fires every entry. */
    ownership?: EntryOwnership;
  }) {
    this.#clock = options.clock;
    this.#ownership = options.ownership;
    this.#ledger = options.ledger;
    this.#lateness = options.lateness;
    this.#logger = options.logger;
    const clock = options.clock as Partial<VirtualClock>;
    this.#unsubscribeMoves = clock.onMove?.((move) => (this.#move = move));
  }

  get size(): number {
    return this.#slots.size;
  }

  /** The next instant of an entry, as scheduled now (for the console and tests). */
  nextInstant(key: string): number | undefined {
    const slot = this.#slots.get(key);
    if (!slot) return undefined;
    return slot.entry.nextAfter(Math.max(this.#clock.nowMs(), slot.activeSinceMs) - 1);
  }

  /**
   * Adds or replaces an entry. Its next instant is the first after now (or after
   * `activeSinceMs`, when that is later); an entry added before `start` may also have
   * missed instants reported from `activeSinceMs` on.
   */
  upsert(entry: ScheduleEntry, activeSinceMs = this.#clock.nowMs()): void {
    const slot: Slot = {
      entry,
      gen: ++this.#generation,
      activeSinceMs,
      firedInMove: 0,
      moveId: 0,
    };
    this.#slots.set(entry.key, slot);
    if (this.#running) this.#schedule(slot, Math.max(this.#clock.nowMs(), activeSinceMs - 1));
  }

  remove(key: string): void {
    this.#slots.delete(key);
  }

  /**
   * Reports what was missed while teiki was down, then fires entries as they come due.
   * `joining`: other nodes were alive and firing; the entries this node now owns are taken
   * over from them (see takeOver) instead.
   */
  async start(options: { joining?: boolean } = {}): Promise<void> {
    if (this.#running) return;
    const progress = options.joining ? undefined : await this.#ledger.loadProgress();
    const now = this.#clock.nowMs();
    if (progress !== undefined) {
      for (const slot of [...this.#slots.values()]) {
        if (this.#owns(slot.entry.key)) await this.#reportMissed(slot, progress, now);
      }
    }
    this.#running = true;
    for (const slot of this.#slots.values()) this.#schedule(slot, now);
    await this.#ledger.saveProgress(now);
    this.#loop = this.#run();
    if (options.joining) await this.takeOver(() => false);
  }

  /**
   * Entries this node owns now and did not own before (`ownedBefore`): fires what their
   * previous owner left undone, up to now. Resolves once those instants are claimed and
   * their handlers have finished.
   */
  async takeOver(ownedBefore: (key: string) => boolean): Promise<void> {
    const work: Promise<void>[] = [];
    for (const slot of this.#slots.values()) {
      const key = slot.entry.key;
      if (this.#owns(key) && !ownedBefore(key)) work.push(this.#catchUp(slot));
    }
    await Promise.all(work);
  }

  #owns(key: string): boolean {
    return this.#ownership?.owns(key) ?? true;
  }

  async #catchUp(slot: Slot): Promise<void> {
    const key = slot.entry.key;
    // The heap holds off until the instants to take over are known and in turn: its
    // next instant must be claimed after them, or the ledger would refuse them as old.
    slot.takingOver = true;
    const work: Promise<void>[] = [];
    try {
      const last = await this.#ledger.lastClaimed(key);
      const plan = planTakeover({
        entry: slot.entry,
        afterMs: Math.max(last ?? -Infinity, slot.activeSinceMs - 1),
        nowMs: this.#clock.nowMs(),
        virtual: this.#clock.mode === 'virtual',
        maxFired: MAX_FIRED_PER_MOVE,
        maxMissed: MAX_MISSED_REPORTED,
        countLimit: SKIPPED_COUNT_LIMIT,
      });
      // In instant order, whichever is fired and whichever recorded.
      const instants = [
        ...plan.fire.map((at) => ({ at, fire: true })),
        ...plan.missed.map((at) => ({ at, fire: false })),
      ].sort((a, b) => a.at - b.at);
      for (const { at, fire } of instants) {
        const turn = this.#takeTurn(key, at);
        work.push(
          fire ? this.#fireOne(slot.entry, at, turn) : this.#missedOne(slot.entry, at, turn),
        );
      }
      if (instants.length > 0) {
        this.#logger.info('took over a scheduled entry', {
          key,
          fired: plan.fire.length,
          missed: plan.missed.length,
          passed: plan.passed,
        });
      }
    } catch (error) {
      this.#logger.error('taking over a scheduled entry failed', { key, error });
    } finally {
      slot.takingOver = false;
    }
    for (const w of work) this.#track(w);
    await Promise.all(work);
  }

  async #missedOne(entry: ScheduleEntry, at: number, turn: Turn): Promise<void> {
    try {
      await entry.missed(at, turn.claim);
    } catch (error) {
      this.#logger.error('recording a missed instant failed', { key: entry.key, error });
    } finally {
      turn.end();
    }
  }

  /** Stops the loop and waits for firings in flight. Entries stay registered. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.abort();
    await this.#loop;
    await Promise.all([...this.#inFlight]);
    await this.#progress;
    if (this.#running) await this.#ledger.saveProgress(this.#clock.nowMs());
    this.#running = false;
    this.#unsubscribeMoves?.();
  }

  /** Forgets every entry (reset); the loop keeps running. */
  clear(): void {
    this.#slots.clear();
    this.#heap.clear();
  }

  #schedule(slot: Slot, afterMs: number): void {
    const at = slot.entry.nextAfter(afterMs);
    if (at === undefined) return;
    const move = this.#move;
    if (move && at <= move.toMs && this.#clock.nowMs() < move.toMs) {
      if (slot.moveId !== move.id) {
        slot.moveId = move.id;
        slot.firedInMove = 0;
      }
      if (slot.firedInMove >= MAX_FIRED_PER_MOVE) {
        // One item at the move's end stands for all the rest of its instants.
        this.#push({ at: move.toMs, key: slot.entry.key, gen: slot.gen, skippedFromMs: at });
        return;
      }
      slot.firedInMove += 1;
    }
    this.#push({ at, key: slot.entry.key, gen: slot.gen });
  }

  #push(item: HeapItem): void {
    this.#heap.push(item);
    if (item.at < this.#sleepingUntil) this.#wake?.abort();
  }

  async #reportMissed(slot: Slot, progressMs: number, nowMs: number): Promise<void> {
    let reported = 0;
    let skipped = 0;
    let at = slot.entry.nextAfter(Math.max(progressMs, slot.activeSinceMs - 1));
    while (at !== undefined && at <= nowMs) {
      if (reported < MAX_MISSED_REPORTED) {
        const key = slot.entry.key;
        const instant = at;
        const claim: Claim = (alongWith) => this.#ledger.claim(key, instant, alongWith);
        if (await slot.entry.missed(instant, claim)) reported += 1;
      } else if (++skipped >= SKIPPED_COUNT_LIMIT) {
        // Counting on would step through every instant of the downtime, however long.
        break;
      }
      at = slot.entry.nextAfter(at);
    }
    if (skipped > 0) {
      this.#logger.warn('more instants were missed than are reported one by one', {
        key: slot.entry.key,
        reported,
        skipped: skipped >= SKIPPED_COUNT_LIMIT ? `${skipped} or more` : skipped,
      });
    }
  }

  async #run(): Promise<void> {
    while (!this.#stopped) {
      const top = this.#peekLive();
      const wake = new AbortController();
      this.#wake = wake;
      this.#sleepingUntil = top?.at ?? Infinity;
      try {
        if (top === undefined) await aborted(wake.signal);
        else await this.#clock.sleepUntil(top.at, wake.signal);
      } catch (error) {
        if (!wake.signal.aborted) throw error;
      }
      this.#wake = undefined;
      this.#sleepingUntil = Infinity;
      if (this.#stopped) break;
      this.#fireDue();
    }
  }

  /** The earliest heap item that is still its entry's current one. */
  #peekLive() {
    for (;;) {
      const top = this.#heap.peek();
      if (!top) return undefined;
      if (this.#slots.get(top.key)?.gen === top.gen) return top;
      this.#heap.pop();
    }
  }

  #fireDue(): void {
    const now = this.#clock.nowMs();
    const turns: Promise<void>[] = [];
    for (let top = this.#peekLive(); top && top.at <= now; top = this.#peekLive()) {
      this.#heap.pop();
      const slot = this.#slots.get(top.key);
      if (!slot) continue;
      this.#schedule(slot, top.at);
      // Another node's instant, or one a takeover of this entry is about to handle.
      if (slot.takingOver || !this.#owns(top.key)) continue;
      const turn = this.#takeTurn(top.key, top.at);
      turns.push(turn.done);
      if (top.skippedFromMs === undefined) this.#track(this.#fireOne(slot.entry, top.at, turn));
      else this.#track(this.#skipMany(slot.entry, top.skippedFromMs, top.at, turn));
    }
    if (turns.length > 0) this.#saveProgressAfter(turns, now);
  }

  /**
   * Progress may only pass an instant once its claim is durable (or its handler gave up):
   * a kill in between would otherwise leave an instant neither claimed nor reported missed.
   */
  #saveProgressAfter(turns: Promise<void>[], nowMs: number): void {
    this.#progress = this.#progress
      .then(() => Promise.all(turns))
      .then(() => this.#ledger.saveProgress(nowMs))
      .catch((error: unknown) => this.#logger.error('saving scheduler progress failed', { error }));
  }

  #takeTurn(key: string, at: number): Turn {
    return this.#claimTurns.take(key, (alongWith) => this.#ledger.claim(key, at, alongWith));
  }

  async #fireOne(entry: ScheduleEntry, at: number, turn: Turn): Promise<void> {
    try {
      this.#lateness?.(this.#clock.nowMs() - at);
      await entry.fire(at, turn.claim);
    } catch (error) {
      this.#logger.error('a scheduled firing failed', {
        key: entry.key,
        at: new Date(at).toISOString(),
        error,
      });
    } finally {
      turn.end();
    }
  }

  /** Records the instants from `fromMs` through `throughMs` as one summary. */
  async #skipMany(entry: ScheduleEntry, fromMs: number, throughMs: number, turn: Turn) {
    let count = 0;
    for (let at: number | undefined = fromMs; at !== undefined && at <= throughMs;) {
      if (++count >= SKIPPED_COUNT_LIMIT) break;
      at = entry.nextAfter(at);
    }
    const summary: SkippedInstants = {
      fromMs,
      throughMs,
      count,
      countIsLowerBound: count >= SKIPPED_COUNT_LIMIT,
    };
    try {
      this.#logger.warn('a clock move passed more instants than it fires one by one', {
        key: entry.key,
        fired: MAX_FIRED_PER_MOVE,
        skippedFrom: new Date(fromMs).toISOString(),
        skippedThrough: new Date(throughMs).toISOString(),
        skipped: summary.countIsLowerBound ? `${count} or more` : count,
      });
      await entry.skipped(summary, turn.claim);
    } catch (error) {
      this.#logger.error('recording skipped instants failed', { key: entry.key, error });
    } finally {
      turn.end();
    }
  }

  #track(work: Promise<void>): void {
    this.#inFlight.add(work);
    void work.finally(() => this.#inFlight.delete(work));
  }
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) =>
    signal.addEventListener('abort', () => resolve(), { once: true }),
  );
}
