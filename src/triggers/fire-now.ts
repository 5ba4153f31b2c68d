/**
 * Firing a rule or a schedule now, outside its schedule, and reading the latest invocations:
 * what the admin routes `POST /_teiki/fire` and `GET /_teiki/invocations`
 * (gateway/admin/fire.ts) call. Outcomes, not HTTP: the gateway says how each is answered.
 */
import type { Clock } from '../engine/clock/types.js';
import type { Scope, Store } from '../store/types.js';
import { DEFAULT_BUS, RULES, ruleId, type RuleRecord } from '../services/events/records.js';
import {
  DEFAULT_GROUP,
  SCHEDULES,
  scheduleId,
  type ScheduleRecord,
} from '../services/scheduler/records.js';
import { withTaskFates, type InvocationRecord, type InvocationWithTasks } from './invocations.js';
import type { TargetInvoker } from './invoker.js';
import type { RuleSchedules } from './rules.js';
import type { ScheduleEntries } from './schedules.js';

/**
 * What to fire: a rule on its bus or a schedule in its group (default: the default ones),
 * in the account and region given, else the one place the name exists, else the defaults.
 */
export type FireRequest = { accountId?: string; region?: string } & (
  | { kind: 'rule'; name: string; eventBusName?: string }
  | { kind: 'schedule'; name: string; groupName?: string }
);

export type FireOutcome =
  | { kind: 'fired'; rule: string; invocations: InvocationRecord[] }
  | { kind: 'fired'; schedule: string; invocations: InvocationRecord[] }
  /** The rule or schedule is in none of the places looked at. */
  | { kind: 'absent'; message: string }
  /** Not in the default account and region, and in more than one other place. */
  | { kind: 'ambiguous'; message: string };

export interface FireNow {
  fireNow(request: FireRequest): Promise<FireOutcome>;
  /** The latest `limit` invocations of every account and region, newest first. */
  latestInvocations(limit: number): Promise<InvocationWithTasks[]>;
}

export function createFireNow(deps: {
  store: Store;
  clock: Clock;
  rules: RuleSchedules;
  schedules: ScheduleEntries;
  invoker: TargetInvoker;
  defaults: Scope;
}): FireNow {
  return {
    async fireNow(request) {
      if (request.kind === 'schedule') {
        const group = request.groupName ?? DEFAULT_GROUP;
        const found = await findOne<ScheduleRecord>(
          deps,
          SCHEDULES,
          scheduleId(group, request.name),
          request,
        );
        if (found.kind !== 'found') {
          return found.kind === 'ambiguous'
            ? found
            : {
                kind: 'absent',
                message: `Schedule ${request.name} does not exist in group ${group}.`,
              };
        }
        const invocation = await deps.schedules.invokeNow(
          found.scope,
          found.value,
          deps.clock.nowMs(),
        );
        return { kind: 'fired', schedule: found.value.arn, invocations: [invocation] };
      }
      const bus = request.eventBusName ?? DEFAULT_BUS;
      const found = await findOne<RuleRecord>(deps, RULES, ruleId(bus, request.name), request);
      if (found.kind !== 'found') {
        return found.kind === 'ambiguous'
          ? found
          : { kind: 'absent', message: `Rule ${request.name} does not exist on EventBus ${bus}.` };
      }
      const invocations = await deps.rules.invokeTargets(
        found.scope,
        found.value,
        deps.clock.nowMs(),
      );
      return { kind: 'fired', rule: found.value.arn, invocations };
    },
    async latestInvocations(limit) {
      return withTaskFates(deps.store, await deps.invoker.log.latest(limit));
    },
  };
}

type Found<T> =
  | { kind: 'found'; scope: Scope; value: T }
  | { kind: 'absent' }
  | { kind: 'ambiguous'; message: string };

/**
 * The named rule or schedule: in the account and region the request names, else the one
 * place it exists, else the default account and region.
 */
async function findOne<T extends object>(
  deps: { store: Store; defaults: Scope },
  collection: string,
  id: string,
  request: { accountId?: string; region?: string },
): Promise<Found<T>> {
  const records = deps.store.collection<T>(collection);
  if (request.accountId !== undefined || request.region !== undefined) {
    const scope = {
      accountId: request.accountId ?? deps.defaults.accountId,
      region: request.region ?? deps.defaults.region,
    };
    const value = await records.get(scope, id);
    return value === undefined ? { kind: 'absent' } : { kind: 'found', scope, value };
  }
  const everywhere = (await records.listAllScopes({ prefix: id })).filter((e) => e.id === id);
  if (everywhere.length === 1 && everywhere[0]) {
    return { kind: 'found', scope: everywhere[0].scope, value: everywhere[0].value };
  }
  const value = await records.get(deps.defaults, id);
  if (value !== undefined) return { kind: 'found', scope: deps.defaults, value };
  if (everywhere.length > 1) {
    return {
      kind: 'ambiguous',
      message: 'It exists in several accounts or regions: give "accountId" and "region".',
    };
  }
  return { kind: 'absent' };
}
