/**
 * The `/_teiki/*` admin routes: JSON in, JSON out, as DESIGN.md's contract lays out.
 * This file holds the core routes (health, clock, reset, shutdown, metrics) and the
 * dispatcher; the composition root (teiki.ts) merges in the other routes (fire and
 * invocations from fire.ts, a task's metadata and credentials, the console's pages and API)
 * before creating the handler.
 */
import {
  CLOCK_RANGE,
  isRepresentableInstant,
  MAX_INSTANT_ISO,
  MAX_INSTANT_MS,
  parseIsoInstant,
} from '../../engine/clock/limits.js';
import { ClockMoveConflict } from '../../engine/clock/conflict.js';
import type { Clock, VirtualClock } from '../../engine/clock/types.js';
import type { CallerIdentity } from '../../services/context.js';
import type { WireResponse } from '../protocols/types.js';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from '../../engine/json-depth.js';

export interface AdminRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Lower-cased names; the console's API reads `authorization` from them. */
  headers?: Record<string, string>;
  /** The query string exactly as sent: a SigV4-signed admin call is verified over it. */
  rawQuery?: string;
  body: Buffer;
  /** Under `--auth enforce`, whose key signed the request (set by admin/guard.ts). */
  caller?: CallerIdentity;
}

export interface AdminDeps {
  clock: Clock;
  /** Everything `/_teiki/metrics` shows, in the Prometheus text format. */
  metrics: { render(): string };
  /** Facts for `/_teiki/health` beyond the status: version, store, runtime, services. */
  describe(): Record<string, unknown> | Promise<Record<string, unknown>>;
  /** Forget all state and stop running work. */
  reset(): Promise<void>;
  /** Begin a graceful stop, as SIGTERM does; the answer goes out before the port closes. */
  shutdown(): void;
}

/**
 * What a route asks of a caller under `--auth enforce` (admin/guard.ts): credentials (the
 * default), nothing (`open`: readiness, the console's static pages), or credentials that
 * may also come as `?auth=` (`query-credentials`: a stream EventSource opens).
 */
export type AdminAccess = 'open' | 'query-credentials';

export type AdminRoute = ((req: AdminRequest) => Promise<WireResponse>) & {
  readonly access?: AdminAccess;
};

/** `route`, marked with what it asks of a caller under `--auth enforce`. */
export function withAccess(
  access: AdminAccess,
  route: (req: AdminRequest) => Promise<WireResponse>,
): AdminRoute {
  return Object.assign((req: AdminRequest) => route(req), { access });
}

export class AdminError extends Error {
  override readonly name = 'AdminError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function json(status: number, body: unknown): WireResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

export function readJson(req: AdminRequest): Record<string, unknown> {
  if (req.body.length === 0) return {};
  let parsed: unknown;
  const text = req.body.toString('utf8');
  if (jsonNestsDeeperThan(text)) {
    throw new AdminError(400, `The body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AdminError(400, 'The body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AdminError(400, 'The body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

function isVirtual(clock: Clock): clock is VirtualClock {
  return clock.mode === 'virtual';
}

function clockState(clock: Clock) {
  return { now: clock.now().toISOString(), mode: clock.mode };
}

async function moveClock(clock: Clock, body: Record<string, unknown>): Promise<void> {
  try {
    await startMove(clock, body);
  } catch (error) {
    // Another node of a shared clock began a move between the look below and this one.
    if (error instanceof ClockMoveConflict) throw new AdminError(409, busyMessage(error.toMs));
    throw error;
  }
}

function busyMessage(toMs: number): string {
  return (
    `The clock is already moving (to ${new Date(toMs).toISOString()}); ` +
    'try again once that move has answered.'
  );
}

async function startMove(clock: Clock, body: Record<string, unknown>): Promise<void> {
  if (!isVirtual(clock)) {
    throw new AdminError(409, 'The clock is real; start teiki with --clock virtual to move it.');
  }
  const { advanceSeconds, set } = body;
  if ((advanceSeconds === undefined) === (set === undefined)) {
    throw new AdminError(
      400,
      'Give exactly one of "advanceSeconds" (a number) or "set" (an ISO-8601 instant).',
    );
  }
  const moving = clock.moving();
  if (moving) {
    // Moves run one at a time; a second one would wait, unanswered, for as long as the
    // first takes to fire everything on its way.
    throw new AdminError(409, busyMessage(moving.toMs));
  }
  if (advanceSeconds !== undefined) {
    if (
      typeof advanceSeconds !== 'number' ||
      !Number.isFinite(advanceSeconds) ||
      advanceSeconds < 0
    ) {
      throw new AdminError(400, '"advanceSeconds" must be a number of seconds, zero or more.');
    }
    const target = clock.nowMs() + Math.round(advanceSeconds * 1000);
    if (!isRepresentableInstant(target)) {
      const most = Math.floor((MAX_INSTANT_MS - clock.nowMs()) / 1000);
      throw new AdminError(
        400,
        `"advanceSeconds" ${advanceSeconds} would move the clock past ${MAX_INSTANT_ISO}: ` +
          `it reads ${CLOCK_RANGE}, so from now it can advance at most ${most} seconds.`,
      );
    }
    await clock.advance(target - clock.nowMs());
    return;
  }
  const atMs = typeof set === 'string' ? parseIsoInstant(set) : undefined;
  if (atMs === undefined) {
    throw new AdminError(
      400,
      '"set" must be an ISO-8601 instant with a zone, such as "2026-11-28T02:20:00Z".',
    );
  }
  if (!isRepresentableInstant(atMs)) {
    throw new AdminError(
      400,
      `"set" ${String(set)} is outside the clock's range: it reads ${CLOCK_RANGE}.`,
    );
  }
  await clock.set(atMs);
}

export function coreAdminRoutes(deps: AdminDeps): AdminRoutes {
  return {
    '/_teiki/health': {
      // Open for readiness probes under --auth enforce: it says what teiki is, not what it holds.
      GET: withAccess('open', async () =>
        json(200, { status: 'running', ...(await deps.describe()) }),
      ),
    },
    '/_teiki/reset': {
      POST: async () => {
        await deps.reset();
        return json(200, { status: 'reset' });
      },
    },
    '/_teiki/shutdown': {
      // `teiki stop` from a second terminal: the way that works wherever teiki was started
      // (a background npm, a service manager), with the same authorisation as every route.
      POST: () => {
        deps.shutdown();
        // The pid lets `teiki stop` wait for the process itself, which outlives the port
        // while it stops running tasks.
        return Promise.resolve(json(202, { status: 'stopping', pid: process.pid }));
      },
    },
    '/_teiki/clock': {
      GET: () => Promise.resolve(json(200, clockState(deps.clock))),
      POST: async (req) => {
        await moveClock(deps.clock, readJson(req));
        return json(200, clockState(deps.clock));
      },
    },
    '/_teiki/metrics': {
      GET: () =>
        Promise.resolve({
          status: 200,
          headers: { 'content-type': 'text/plain; version=0.0.4' },
          body: deps.metrics.render(),
        }),
    },
  };
}

/**
 * A key ending in `/*` answers every path under it (the console's pages and assets);
 * the longest such prefix wins.
 */
function longestPrefixRoute(routes: Record<string, unknown>, path: string): string | undefined {
  let best: string | undefined;
  for (const key of Object.keys(routes)) {
    if (!key.endsWith('/*')) continue;
    const prefix = key.slice(0, -1);
    if (
      (path.startsWith(prefix) || path === prefix.slice(0, -1)) &&
      key.length > (best?.length ?? 0)
    ) {
      best = key;
    }
  }
  return best;
}

type AdminRoutes = Record<string, Partial<Record<string, AdminRoute>>>;

function match(routes: AdminRoutes, req: AdminRequest) {
  const path =
    req.path.length > 1 && req.path.endsWith('/') && !req.path.startsWith('/_teiki/console')
      ? req.path.slice(0, -1)
      : req.path;
  const byMethod = routes[path] ?? routes[longestPrefixRoute(routes, path) ?? ''];
  return { byMethod, route: byMethod?.[req.method] };
}

export interface AdminHandler {
  (req: AdminRequest): Promise<WireResponse>;
  /**
   * What the route a request would reach asks of its caller; undefined (credentials) for
   * a path or method no route answers, as AWS checks credentials before the action.
   */
  accessOf(req: AdminRequest): AdminAccess | undefined;
}

/** Dispatches an admin request; unknown paths and methods get JSON errors, never a throw. */
export function createAdminHandler(routes: AdminRoutes): AdminHandler {
  const handle = async (req: AdminRequest): Promise<WireResponse> => {
    const { byMethod, route } = match(routes, req);
    if (!byMethod) return json(404, { error: 'NotFound', message: `No admin route ${req.path}.` });
    if (!route) {
      return json(405, {
        error: 'MethodNotAllowed',
        message: `${req.path} answers ${Object.keys(byMethod).join(', ')}.`,
      });
    }
    try {
      return await route(req);
    } catch (error) {
      if (error instanceof AdminError)
        return json(error.status, {
          error: error.status === 409 ? 'Conflict' : 'BadRequest',
          message: error.message,
        });
      throw error;
    }
  };
  return Object.assign(handle, {
    accessOf: (req: AdminRequest) => match(routes, req).route?.access,
  });
}
