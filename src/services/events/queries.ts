/**
 * EventBridge's read model: rules whole (targets, creation time) for what ListRules and
 * ListTargetsByRule would answer only in several calls, and without the time a rate
 * schedule counts from.
 */
import type { Scope, StoreSession } from '../../store/types.js';
import { RULES, ruleId, type RuleRecord } from './records.js';

export { DEFAULT_BUS } from './records.js';

export class RuleQueries {
  constructor(private readonly store: StoreSession) {}

  /** Every rule of the scope, on every bus. */
  async all(scope: Scope): Promise<RuleRecord[]> {
    return (await this.store.collection<RuleRecord>(RULES).list(scope)).map((e) => e.value);
  }

  get(scope: Scope, eventBusName: string, name: string): Promise<RuleRecord | undefined> {
    return this.store.collection<RuleRecord>(RULES).get(scope, ruleId(eventBusName, name));
  }
}
