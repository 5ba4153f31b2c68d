import type { Clock } from '../../engine/clock/types.js';
import type { Scope, Store } from '../../store/types.js';
import type { ConnectionAuthorizer } from './connections/authorizer.js';
import type { BusEvent, RuleRecord } from './records.js';

export interface EventsDeps {
  store: Store;
  clock: Clock;
  /**
   * Told after every committed change of a rule (PutRule, Enable/DisableRule, PutTargets,
   * RemoveTargets, DeleteRule, tags), with the rule as stored or `undefined` once deleted,
   * so the scheduler can re-index it.
   */
  onRuleChanged(scope: Scope, rule: RuleRecord | undefined, id: string): void;
  /** Delivers events accepted by PutEvents to a bus: its rules' patterns, then targets. */
  deliver(scope: Scope, eventBusName: string, events: BusEvent[]): Promise<void>;
  /** `--allow-http-destinations`: plain HTTP endpoints are accepted besides HTTPS. */
  allowHttpDestinations: boolean;
  /** Authorizes OAuth connections in the background and keeps their tokens. */
  connectionAuthorizer: ConnectionAuthorizer;
}
