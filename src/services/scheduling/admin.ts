/**
 * Admin routes for scheduled work (DESIGN.md): `POST /_teiki/fire` fires a rule now,
 * `GET /_teiki/invocations` lists the latest invocations of every account and region.
 */
import { AdminError, json, readJson, type AdminRoute } from '../../gateway/admin/routes.js';
import type { Scope, Store } from '../../store/types.js';
import { DEFAULT_BUS, RULES, ruleId, type RuleRecord } from '../events/records.js';
import { DEFAULT_GROUP, SCHEDULES, scheduleId, type ScheduleRecord } from '../scheduler/records.js';
import type { Clock } from '../../engine/clock/types.js';
import type { RuleSchedules } from './rules.js';
import type { ScheduleEntries } from './schedules.js';
import { withTaskFates } from '../targets/invocations.js';
import type { TargetInvoker } from '../targets/invoker.js';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 10_000;

export function schedulingAdminRoutes(deps: {
  store: Store;
  clock: Clock;
  rules: RuleSchedules;
  schedules: ScheduleEntries;
  invoker: TargetInvoker;
  defaults: Scope;
}): Record<string, Partial<Record<string, AdminRoute>>> {
  return {
    '/_teiki/fire': {
      POST: async (req) => {
        const body = readJson(req);
        if (typeof body.schedule === 'string') {
          const group = typeof body.groupName === 'string' ? body.groupName : DEFAULT_GROUP;
          const found = await findOne<ScheduleRecord>(
            deps,
            SCHEDULES,
            scheduleId(group, body.schedule),
            body,
          );
          if (!found) {
            throw new AdminError(
              404,
              `Schedule ${body.schedule} does not exist in group ${group}.`,
            );
          }
          const invocation = await deps.schedules.invokeNow(
            found.scope,
            found.value,
            deps.clock.nowMs(),
          );
          return json(200, { schedule: found.value.arn, invocations: [invocation] });
        }
        if (typeof body.rule !== 'string') {
          throw new AdminError(
            400,
            'Give {"rule": NAME} (and optionally "eventBusName", "region", "accountId").',
          );
        }
        const bus = typeof body.eventBusName === 'string' ? body.eventBusName : DEFAULT_BUS;
        const found = await findOne<RuleRecord>(deps, RULES, ruleId(bus, body.rule), body);
        if (!found)
          throw new AdminError(404, `Rule ${body.rule} does not exist on EventBus ${bus}.`);
        const invocations = await deps.rules.invokeTargets(
          found.scope,
          found.value,
          deps.clock.nowMs(),
        );
        return json(200, { rule: found.value.arn, invocations });
      },
    },
    '/_teiki/invocations': {
      GET: async (req) => {
        const limitText = req.query.get('limit');
        const limit = limitText === null ? DEFAULT_LIMIT : Number(limitText);
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
          throw new AdminError(400, `"limit" must be an integer from 1 to ${MAX_LIMIT}.`);
        }
        const latest = await deps.invoker.log.latest(limit);
        return json(200, { invocations: await withTaskFates(deps.store, latest) });
      },
    },
  };
}

/**
 * The named rule or schedule: in the account and region the request names, else the one
 * place it exists, else the default account and region. Undefined when it is nowhere.
 */
async function findOne<T extends object>(
  deps: { store: Store; defaults: Scope },
  collection: string,
  id: string,
  body: Record<string, unknown>,
): Promise<{ scope: Scope; value: T } | undefined> {
  const records = deps.store.collection<T>(collection);
  if (typeof body.accountId === 'string' || typeof body.region === 'string') {
    const scope = {
      accountId: typeof body.accountId === 'string' ? body.accountId : deps.defaults.accountId,
      region: typeof body.region === 'string' ? body.region : deps.defaults.region,
    };
    const value = await records.get(scope, id);
    return value === undefined ? undefined : { scope, value };
  }
  const everywhere = (await records.listAllScopes({ prefix: id })).filter((e) => e.id === id);
  if (everywhere.length === 1 && everywhere[0]) {
    return { scope: everywhere[0].scope, value: everywhere[0].value };
  }
  const value = await records.get(deps.defaults, id);
  if (value !== undefined) return { scope: deps.defaults, value };
  if (everywhere.length > 1) {
    throw new AdminError(
      409,
      'It exists in several accounts or regions: give "accountId" and "region".',
    );
  }
  return undefined;
}
