/**
 * Admin routes for scheduled work (DESIGN.md): `POST /_teiki/fire` fires a rule or a
 * schedule now, `GET /_teiki/invocations` lists the latest invocations of every account and
 * region. The JSON in and out is read and written here; finding and firing is the
 * triggers' `fireNow` (src/triggers/fire-now.ts).
 */
import type { FireNow, FireRequest } from '../../triggers/fire-now.js';
import { AdminError, json, readJson, type AdminRoute } from './routes.js';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 10_000;

export function fireAdminRoutes(
  triggers: FireNow,
): Record<string, Partial<Record<string, AdminRoute>>> {
  return {
    '/_teiki/fire': {
      POST: async (req) => {
        const outcome = await triggers.fireNow(fireRequest(readJson(req)));
        switch (outcome.kind) {
          case 'absent':
            throw new AdminError(404, outcome.message);
          case 'ambiguous':
            throw new AdminError(409, outcome.message);
          case 'fired': {
            const { kind: _kind, ...fired } = outcome;
            return json(200, fired);
          }
        }
      },
    },
    '/_teiki/invocations': {
      GET: async (req) => {
        const limitText = req.query.get('limit');
        const limit = limitText === null ? DEFAULT_LIMIT : Number(limitText);
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
          throw new AdminError(400, `"limit" must be an integer from 1 to ${MAX_LIMIT}.`);
        }
        return json(200, { invocations: await triggers.latestInvocations(limit) });
      },
    },
  };
}

/**
 * `{"schedule": NAME, "groupName"?}` or `{"rule": NAME, "eventBusName"?}`, with optional
 * `"accountId"` and `"region"`; a member that is not a string counts as absent.
 */
function fireRequest(body: Record<string, unknown>): FireRequest {
  const text = (name: string): string | undefined => {
    const value = body[name];
    return typeof value === 'string' ? value : undefined;
  };
  const where = { accountId: text('accountId'), region: text('region') };
  const schedule = text('schedule');
  if (schedule !== undefined) {
    return { ...where, kind: 'schedule', name: schedule, groupName: text('groupName') };
  }
  const rule = text('rule');
  if (rule === undefined) {
    throw new AdminError(
      400,
      'Give {"rule": NAME} (and optionally "eventBusName", "region", "accountId").',
    );
  }
  return { ...where, kind: 'rule', name: rule, eventBusName: text('eventBusName') };
}
