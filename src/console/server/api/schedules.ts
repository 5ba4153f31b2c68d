/**
 * The console's schedules page API: every rule with a schedule expression and every
 * Scheduler schedule, read through the services' read models, with the next runs computed by
 * the same expression engines and timing the scheduler fires by, the task definition
 * revision a run would start (the ECS resolver RunTask uses), enabling and disabling
 * through EnableRule/DisableRule and UpdateSchedule, and the invocation history.
 */
import { json, readJson, type AdminRequest } from '../../../gateway/admin/routes.js';
import type { WireResponse } from '../../../gateway/protocols/types.js';
import {
  describeSchedule,
  parseScheduleExpression,
} from '../../../engine/schedule-expressions/index.js';
import type { ScheduleExpression } from '../../../engine/schedule-expressions/types.js';
import { parseTaskDefinitionReference } from '../../../services/ecs/task-definitions/reference.js';
import type { Target as RuleTarget } from '../../../services/events/generated/types.js';
import { DEFAULT_BUS } from '../../../services/events/queries.js';
import type { RuleRecord } from '../../../services/events/records.js';
import { parseSchedulerExpression } from '../../../services/scheduler/expression.js';
import { DEFAULT_GROUP } from '../../../services/scheduler/queries.js';
import { scheduleId, type ScheduleRecord } from '../../../services/scheduler/records.js';
import { entryKey } from '../../../triggers/keys.js';
import { ruleNextAfter } from '../../../triggers/rules.js';
import { scheduleTiming } from '../../../triggers/schedule-timing.js';
import type { InvocationRecord } from '../../../triggers/invocations.js';
import type {
  ApiError,
  InvocationsResponse,
  InvocationView,
  ScheduleStateRequest,
  ScheduleTargetView,
  ScheduleView,
  SchedulesResponse,
} from '../../shared/api-types.js';
import {
  callAws,
  consoleRoute,
  limitParam,
  type ConsoleDeps,
  type ConsoleRequest,
  type ConsoleRoutes,
  type ConsoleScope,
} from './context.js';

const NEXT_RUNS = 5;
const MAX_INVOCATIONS = 10_000;

export function scheduleRoutes(deps: ConsoleDeps): ConsoleRoutes {
  return {
    '/_teiki/api/schedules': {
      GET: consoleRoute(deps, async (req) => {
        const nowMs = deps.clock.nowMs();
        const body: SchedulesResponse = {
          now: new Date(nowMs).toISOString(),
          schedules: await allSchedules(deps, req.scope, nowMs),
        };
        return json(200, body);
      }),
    },
    '/_teiki/api/schedules/state': {
      POST: consoleRoute(deps, (req) => changeState(deps, req)),
    },
    '/_teiki/api/invocations': {
      GET: consoleRoute(deps, (req) => invocations(deps, req)),
    },
  };
}

function answerError(status: number, error: string, message: string): WireResponse {
  return json(status, { error, message } satisfies ApiError);
}

async function allSchedules(
  deps: ConsoleDeps,
  scope: ConsoleScope,
  nowMs: number,
): Promise<ScheduleView[]> {
  const rules = await deps.queries.rules.all(scope);
  const schedules = await deps.queries.schedules.all(scope);
  const latest = await latestInvocations(deps, scope);
  const views = await Promise.all([
    ...rules
      .filter((rule) => rule.scheduleExpression)
      .map((rule) => ruleView(deps, scope, rule, nowMs)),
    ...schedules.map((schedule) => scheduleView(deps, scope, schedule, nowMs)),
  ]);
  for (const view of views) {
    const last = latest.get(historyKey(view.kind, view.container, view.name));
    if (last) view.lastInvocation = last;
  }
  return views;
}

/**
 * The newest invocation of each rule and schedule in the scope (ids sort newest first),
 * with its tasks' fates.
 */
async function latestInvocations(deps: ConsoleDeps, scope: ConsoleScope) {
  const newest = new Map<string, InvocationRecord>();
  for (const record of await deps.queries.invocations.all(scope)) {
    const key = historyKey(record.source, record.container, record.name);
    if (!newest.has(key)) newest.set(key, record);
  }
  const views = await deps.queries.invocations.withTaskFates([...newest.values()]);
  return new Map<string, InvocationView>(
    views.map((view) => [historyKey(view.source, view.container, view.name), view]),
  );
}

function historyKey(kind: string, container: string, name: string): string {
  return `${kind}|${container}|${name}`;
}

/** The next `NEXT_RUNS` instants a `next` function gives after `nowMs`. */
function upcoming(next: (afterMs: number) => number | undefined, nowMs: number): string[] {
  const runs: string[] = [];
  for (let at = next(nowMs); at !== undefined && runs.length < NEXT_RUNS; at = next(at)) {
    runs.push(new Date(at).toISOString());
  }
  return runs;
}

async function ruleView(
  deps: ConsoleDeps,
  scope: ConsoleScope,
  rule: RuleRecord,
  nowMs: number,
): Promise<ScheduleView> {
  const text = rule.scheduleExpression ?? '';
  const expression = parsed(() => parseScheduleExpression(text));
  return {
    kind: 'rule',
    name: rule.name,
    container: rule.eventBusName,
    accountId: scope.accountId,
    region: scope.region,
    arn: rule.arn,
    expression: text,
    timezone: 'UTC',
    reading: describeSchedule(text, 'UTC'),
    state: rule.state === 'DISABLED' ? 'DISABLED' : 'ENABLED',
    ...(rule.description ? { description: rule.description } : {}),
    nextRuns: expression ? upcoming(ruleNextAfter(rule, expression), nowMs) : [],
    targets: await Promise.all(rule.targets.map((target) => targetView(deps, scope, target))),
  };
}

async function scheduleView(
  deps: ConsoleDeps,
  scope: ConsoleScope,
  schedule: ScheduleRecord,
  nowMs: number,
): Promise<ScheduleView> {
  const timezone = schedule.scheduleExpressionTimezone ?? 'UTC';
  const expression = parseSchedulerExpression(schedule.scheduleExpression);
  const window = schedule.flexibleTimeWindow;
  return {
    kind: 'schedule',
    name: schedule.name,
    container: schedule.groupName,
    accountId: scope.accountId,
    region: scope.region,
    arn: schedule.arn,
    expression: schedule.scheduleExpression,
    timezone,
    reading: describeSchedule(schedule.scheduleExpression, timezone),
    state: schedule.state === 'DISABLED' ? 'DISABLED' : 'ENABLED',
    ...(schedule.description ? { description: schedule.description } : {}),
    nextRuns: expression ? nominalRuns(scope, schedule, expression, nowMs) : [],
    ...(window.Mode === 'FLEXIBLE' && window.MaximumWindowInMinutes !== undefined
      ? { flexibleWindowMinutes: window.MaximumWindowInMinutes }
      : {}),
    ...(schedule.startDate !== undefined
      ? { startDate: new Date(schedule.startDate).toISOString() }
      : {}),
    ...(schedule.endDate !== undefined
      ? { endDate: new Date(schedule.endDate).toISOString() }
      : {}),
    targets: [
      await targetView(deps, scope, {
        Id: 'schedule-target',
        Arn: schedule.target.Arn,
        RoleArn: schedule.target.RoleArn,
        ...(schedule.target.Input !== undefined ? { Input: schedule.target.Input } : {}),
        ...(schedule.target.EcsParameters
          ? {
              EcsParameters: {
                TaskDefinitionArn: schedule.target.EcsParameters.TaskDefinitionArn,
              },
            }
          : {}),
      }),
    ],
  };
}

/**
 * The schedule's next nominal instants, timed exactly as the scheduler fires it (zone,
 * StartDate, EndDate, flexible window): each firing moment mapped back to its instant.
 */
function nominalRuns(
  scope: ConsoleScope,
  schedule: ScheduleRecord,
  expression: ScheduleExpression,
  nowMs: number,
): string[] {
  const key = entryKey('schedule', scope, scheduleId(schedule.groupName, schedule.name));
  const timing = scheduleTiming(key, schedule, expression);
  const runs: string[] = [];
  let after = nowMs;
  while (runs.length < NEXT_RUNS) {
    const firing = timing.nextFiringAfter(after);
    if (firing === undefined) break;
    runs.push(new Date(timing.nominalOf(firing) ?? firing).toISOString());
    after = firing;
  }
  return runs;
}

function parsed(parse: () => ScheduleExpression): ScheduleExpression | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}

async function targetView(
  deps: ConsoleDeps,
  scope: ConsoleScope,
  target: RuleTarget,
): Promise<ScheduleTargetView> {
  const reference = target.EcsParameters?.TaskDefinitionArn;
  const command = commandOverride(target.Input);
  return {
    id: target.Id,
    arn: target.Arn,
    ...(target.RoleArn ? { roleArn: target.RoleArn } : {}),
    ...(reference ? { taskDefinition: reference } : {}),
    ...(reference ? await resolved(deps, scope, reference) : {}),
    ...(command ? { commandOverride: command } : {}),
  };
}

/** The revision a run would start, as RunTask resolves it, or why there is none. */
async function resolved(
  deps: ConsoleDeps,
  scope: ConsoleScope,
  reference: string,
): Promise<
  Pick<ScheduleTargetView, 'resolvedTaskDefinitionArn' | 'resolvedStatus' | 'resolveError'>
> {
  const found = await deps.queries.taskDefinitions.resolve(scope, reference);
  const definition = found?.record.definition;
  if (definition?.taskDefinitionArn) {
    return {
      resolvedTaskDefinitionArn: definition.taskDefinitionArn,
      ...(definition.status ? { resolvedStatus: definition.status } : {}),
    };
  }
  const parsedReference = parseTaskDefinitionReference(reference, scope);
  switch (parsedReference.kind) {
    case 'family':
      return {
        resolveError: `Family ${parsedReference.family} has no ACTIVE revision: a run would fail.`,
      };
    case 'revision':
      return {
        resolveError: `${parsedReference.family}:${parsedReference.revision} does not exist: a run would fail.`,
      };
    case 'bad-revision':
      return { resolveError: `"${parsedReference.revision}" is not a revision number.` };
    default:
      return {
        resolveError: `Not a task definition of account ${scope.accountId} in ${scope.region}.`,
      };
  }
}

/** The first container command the target's input overrides, if it is RunTask overrides. */
function commandOverride(input: string | undefined): string[] | undefined {
  if (!input) return undefined;
  try {
    const overrides = JSON.parse(input) as { containerOverrides?: { command?: unknown }[] };
    const command = overrides.containerOverrides?.find((c) => Array.isArray(c.command))?.command;
    return Array.isArray(command) && command.every((part) => typeof part === 'string')
      ? command
      : undefined;
  } catch {
    return undefined;
  }
}

/** The request's body as a ScheduleStateRequest, or the message of a 400. */
function stateRequest(req: AdminRequest): ScheduleStateRequest | string {
  let body: Record<string, unknown>;
  try {
    body = readJson(req);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const { kind, name, container, enabled } = body;
  if (kind !== 'rule' && kind !== 'schedule') return '"kind" must be "rule" or "schedule".';
  if (typeof name !== 'string' || name === '') return '"name" must be a non-empty string.';
  if (container !== undefined && (typeof container !== 'string' || container === '')) {
    return '"container" must be the event bus or group name.';
  }
  if (typeof enabled !== 'boolean') return '"enabled" must be true or false.';
  return { kind, name, ...(container !== undefined ? { container } : {}), enabled };
}

async function changeState(deps: ConsoleDeps, req: ConsoleRequest): Promise<WireResponse> {
  const request = stateRequest(req);
  if (typeof request === 'string') return answerError(400, 'BadRequest', request);
  const { scope } = req;
  const nowMs = () => deps.clock.nowMs();
  if (request.kind === 'rule') {
    const bus = request.container ?? DEFAULT_BUS;
    const rules = deps.queries.rules;
    const rule = await rules.get(scope, bus, request.name);
    if (!rule?.scheduleExpression) {
      return answerError(404, 'NotFound', `No rule ${request.name} with a schedule on bus ${bus}.`);
    }
    const operation = request.enabled ? 'EnableRule' : 'DisableRule';
    await callAws(deps, scope, 'events', operation, { Name: request.name, EventBusName: bus });
    const updated = (await rules.get(scope, bus, request.name)) ?? rule;
    return json(200, await ruleView(deps, scope, updated, nowMs()));
  }
  const group = request.container ?? DEFAULT_GROUP;
  const schedules = deps.queries.schedules;
  if (!(await schedules.get(scope, group, request.name))) {
    return answerError(404, 'NotFound', `No schedule ${request.name} in group ${group}.`);
  }
  // UpdateSchedule replaces the whole schedule: send back what GetSchedule has, State changed.
  const current = await callAws(deps, scope, 'scheduler', 'GetSchedule', {
    Name: request.name,
    GroupName: group,
  });
  const {
    Arn: _arn,
    CreationDate: _created,
    LastModificationDate: _modified,
    FlexibleTimeWindow,
    ScheduleExpression,
    Target,
    ...rest
  } = current;
  // The model leaves them optional in GetSchedule's answer; every schedule has them.
  if (!FlexibleTimeWindow || ScheduleExpression === undefined || !Target) {
    throw new Error(
      `GetSchedule answered ${request.name} without its window, expression or target`,
    );
  }
  await callAws(deps, scope, 'scheduler', 'UpdateSchedule', {
    ...rest,
    FlexibleTimeWindow,
    ScheduleExpression,
    Target,
    Name: request.name,
    GroupName: group,
    State: request.enabled ? 'ENABLED' : 'DISABLED',
  });
  const updated = await schedules.get(scope, group, request.name);
  if (!updated) return answerError(404, 'NotFound', `Schedule ${request.name} was deleted.`);
  return json(200, await scheduleView(deps, scope, updated, nowMs()));
}

async function invocations(deps: ConsoleDeps, req: ConsoleRequest): Promise<WireResponse> {
  const kind = req.query.get('kind');
  if (kind !== null && kind !== 'rule' && kind !== 'schedule') {
    return answerError(400, 'BadRequest', '"kind" must be "rule" or "schedule".');
  }
  const name = req.query.get('name');
  const container = req.query.get('container');
  const limit = limitParam(req, 100, MAX_INVOCATIONS);
  const all = await deps.queries.invocations.all(req.scope);
  const matching = all.filter(
    (record) =>
      (kind === null || record.source === kind) &&
      (name === null || record.name === name) &&
      (container === null || record.container === container),
  );
  const body: InvocationsResponse = {
    invocations: await deps.queries.invocations.withTaskFates(matching.slice(0, limit)),
    total: matching.length,
  };
  return json(200, body);
}
