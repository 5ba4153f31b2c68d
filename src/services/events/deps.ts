import type { Clock } from '../../engine/clock/types.js';
import type { Scope, Store } from '../../store/types.js';
import type { ConnectionAuthorizer } from './connections/authorizer.js';
import type { ReplayRunner } from './replays/runner.js';
import type { BusEvent, DeliveryOptions, RuleRecord } from './records.js';

export interface EventsDeps {
  store: Store;
  clock: Clock;
  /**
   * Told after every committed change of a rule (PutRule, Enable/DisableRule, PutTargets,
   * RemoveTargets, DeleteRule, tags), with the rule as stored or `undefined` once deleted,
   * so the scheduler can re-index it.
   */
  onRuleChanged(scope: Scope, rule: RuleRecord | undefined, id: string): void;
  /**
   * Delivers events to a bus: its rules' patterns, then targets (and archives). A replay
   * names the rules it may reach (`filterArns`).
   */
  deliver(
    scope: Scope,
    eventBusName: string,
    events: BusEvent[],
    options?: DeliveryOptions,
  ): Promise<void>;
  /** `--allow-http-destinations`: plain HTTP endpoints are accepted besides HTTPS. */
  allowHttpDestinations: boolean;
  /** Authorizes OAuth connections in the background and keeps their tokens. */
  connectionAuthorizer: ConnectionAuthorizer;
  /** Runs the replays StartReplay records. */
  replays: ReplayRunner;
}
