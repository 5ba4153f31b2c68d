/**
 * Admin routes for scheduled work (DESIGN.md): `POST /_teiki/fire` fires a rule now,
 * `GET /_teiki/invocations` lists the latest invocations of every account and region.
 */
import { AdminError, json, readJson, type AdminRoute } from '../../gateway/admin/routes.js';
import type { Scope, Store } from '../../store/types.js';
import { DEFAULT_BUS, RULES, ruleId, type RuleRecord } from '../events/records.js';
import type { Clock } from '../../engine/clock/types.js';
import type { RuleSchedules } from './rules.js';
import type { TargetInvoker } from '../targets/invoker.js';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 10_000;

export function schedulingAdminRoutes(deps: {
  store: Store;
  clock: Clock;
  rules: RuleSchedules;
  invoker: TargetInvoker;
  defaults: Scope;
}): Record<string, Partial<Record<string, AdminRoute>>> {
  return {
    '/_teiki/fire': {
      POST: async (req) => {
        const body = readJson(req);
        if (typeof body.schedule === 'string') {
          throw new AdminError(501, 'Firing EventBridge Scheduler schedules is not available yet.');
        }
        if (typeof body.rule !== 'string') {
          throw new AdminError(
            400,
            'Give {"rule": NAME} (and optionally "eventBusName", "region", "accountId").',
          );
        }
        const bus = typeof body.eventBusName === 'string' ? body.eventBusName : DEFAULT_BUS;
        const found = await findRule(deps, body.rule, bus, body);
        const invocations = await deps.rules.invokeTargets(
          found.scope,
          found.rule,
          deps.clock.nowMs(),
        );
        return json(200, { rule: found.rule.arn, invocations });
      },
    },
    '/_teiki/invocations': {
      GET: async (req) => {
        const limitText = req.query.get('limit');
        const limit = limitText === null ? DEFAULT_LIMIT : Number(limitText);
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
          throw new AdminError(400, `"limit" must be an integer from 1 to ${MAX_LIMIT}.`);
        }
        return json(200, { invocations: await deps.invoker.log.latest(limit) });
      },
    },
  };
}

/** The named rule: where the request says, else the one place it exists, else the defaults. */
async function findRule(
  deps: { store: Store; defaults: Scope },
  name: string,
  bus: string,
  body: Record<string, unknown>,
): Promise<{ scope: Scope; rule: RuleRecord }> {
  const rules = deps.store.collection<RuleRecord>(RULES);
  const id = ruleId(bus, name);
  if (typeof body.accountId === 'string' || typeof body.region === 'string') {
    const scope = {
      accountId: typeof body.accountId === 'string' ? body.accountId : deps.defaults.accountId,
      region: typeof body.region === 'string' ? body.region : deps.defaults.region,
    };
    const rule = await rules.get(scope, id);
    if (!rule)
      throw new AdminError(
        404,
        `Rule ${name} does not exist on EventBus ${bus} in ${scope.accountId}/${scope.region}.`,
      );
    return { scope, rule };
  }
  const everywhere = (await rules.listAllScopes({ prefix: id })).filter((e) => e.id === id);
  if (everywhere.length === 1 && everywhere[0])
    return { scope: everywhere[0].scope, rule: everywhere[0].value };
  const rule = await rules.get(deps.defaults, id);
  if (rule) return { scope: deps.defaults, rule };
  if (everywhere.length > 1) {
    throw new AdminError(
      409,
      `Rule ${name} exists in several accounts or regions: give "accountId" and "region".`,
    );
  }
  throw new AdminError(404, `Rule ${name} does not exist on EventBus ${bus}.`);
}
