/**
 * Invokes one target of a rule or a schedule for one event, as EventBridge does: the
 * input computed, the target called (one file per kind in targets/), retriable failures
 * retried under the target's RetryPolicy with exponential backoff on the teiki clock, a
 * final failure dead-lettered when the target has a DeadLetterConfig (teiki has no SQS:
 * the event is recorded as dead-lettered with its reason). Every invocation is recorded.
 */
import { isoTimeMemo, parseTimeMemo } from '../engine/clock/iso-time.js';
import type { Clock } from '../engine/clock/types.js';
import type { SkippedInstants } from '../engine/scheduler/index.js';
import type { Logger } from '../engine/log.js';
import type { Scope, Store } from '../store/types.js';
import type { CallerAuthorizer } from '../services/authorization/authorizer.js';
import type { ConnectionAuthorizer } from '../services/events/connections/authorizer.js';
import type { Target } from '../services/events/generated/types.js';
import { invokeApiDestination, isApiDestinationArn } from './targets/api-destination.js';
import { invokeEcsTarget, type RunTaskFunction } from './targets/ecs.js';
import { targetInput } from './input.js';
import { InvocationLog, type InvocationOutcome, type InvocationRecord } from './invocations.js';
import { absentTargetError } from './targets/absent-service.js';
import {
  invokeEventBusTarget,
  isEventBusArn,
  type DeliverToBus,
  type EventBridgeParameters,
} from './targets/event-bus.js';
import { isLogGroupArn, LogsTarget } from './targets/logs.js';
import type { OperationCaller } from './operation-caller.js';
import { RateLimiter } from './rate-limiter.js';
import { asTargetError } from './target-error.js';
import { invokeUniversalTarget, isUniversalArn } from './targets/universal.js';

/** What a record of instants never invoked needs: no event was made for them. */
type UninvokedRequest = Omit<InvocationRequest, 'event' | 'startedBy' | 'servicePrincipal'>;

/** EventBridge's defaults when a target has no RetryPolicy. */
export const DEFAULT_MAX_RETRY_ATTEMPTS = 185;
export const DEFAULT_MAX_EVENT_AGE_SECONDS = 86_400;
const MAX_BACKOFF_MS = 5 * 60_000;

/** The firings of one instant share these times (see iso-time.ts). */
const scheduledIso = isoTimeMemo();
const invokedIso = isoTimeMemo();
const parseEventTime = parseTimeMemo();

const ECS_CLUSTER_ARN = /^arn:aws[a-z-]*:ecs:[^:]+:\d{12}:cluster\/.+$/;

export interface InvocationRequest {
  source: 'rule' | 'schedule';
  name: string;
  /** The rule's event bus or the schedule's group. */
  container: string;
  scope: Scope;
  target: Target;
  /** The event that triggered the target (a scheduled event, a bus event). */
  event: { id: string; time: string } & Record<string, unknown>;
  scheduledMs: number;
  /** RunTask's startedBy: `events-rule/NAME` for rules, `chronos-schedule/NAME` for schedules. */
  startedBy: string;
  /** Who assumes the target's role: `events.amazonaws.com` or `scheduler.amazonaws.com`. */
  servicePrincipal: string;
  /** The input when the caller computes it itself (Scheduler); else from the target and event. */
  input?: string;
  /** A schedule's templated EventBridge target: the new event's Source and DetailType. */
  eventBridgeParameters?: EventBridgeParameters;
}

export interface InvokerMetrics {
  invocation(outcome: InvocationOutcome): void;
}

export interface TargetInvokerDeps {
  store: Store;
  clock: Clock;
  runTask: RunTaskFunction;
  logger: Logger;
  metrics?: InvokerMetrics;
  /** OAuth connections' authorization and tokens, for API destinations. */
  connections: ConnectionAuthorizer;
  /** `--allow-http-destinations`. */
  allowHttpDestinations: boolean;
  /** teiki's own operations, for Scheduler's universal targets. */
  operations: OperationCaller;
  /** Puts events on a bus (event bus targets). */
  deliverToBus: DeliverToBus;
  /** The callers' authorizer: a target's role session is asked as a caller is. */
  authorizer: CallerAuthorizer;
  /** Written on the invocations this process claims (see InvocationLog.interrupted). */
  runnerId?: string;
}

export class TargetInvoker {
  readonly log: InvocationLog;
  /** API destinations' invocation rates. */
  readonly limiter: RateLimiter;
  /** Log group targets: deliveries of one instant written together. */
  readonly #logs: LogsTarget;

  constructor(private readonly deps: TargetInvokerDeps) {
    this.log = new InvocationLog(deps.store);
    this.limiter = new RateLimiter(deps.clock);
    this.#logs = new LogsTarget(deps);
  }

  /** The record of an invocation about to be made, to write with the instant's claim. */
  pending(request: InvocationRequest): InvocationRecord {
    const record = this.#record(request, this.deps.runnerId);
    record.outcome = 'pending';
    return record;
  }

  /** Invokes the target; `recordId` names the pending record written with the claim. */
  async invoke(request: InvocationRequest, recordId?: string): Promise<InvocationRecord> {
    const { target } = request;
    const input = request.input ?? targetInput(target, request.event);
    const maxRetries = target.RetryPolicy?.MaximumRetryAttempts ?? DEFAULT_MAX_RETRY_ATTEMPTS;
    const maxAgeMs =
      (target.RetryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_MAX_EVENT_AGE_SECONDS) * 1000;
    // A record written with the instant's claim names the runner that claimed it.
    const record = this.#record(request, recordId === undefined ? undefined : this.deps.runnerId);

    for (let attempt = 1; ; attempt++) {
      record.attempts = attempt;
      try {
        const dispatched = await this.#dispatch(request, input);
        record.taskArns = dispatched.taskArns;
        record.outcome = record.taskArns.length > 0 ? 'started' : 'delivered';
        setHttpStatus(record, dispatched.httpStatus);
        delete record.error;
        break;
      } catch (thrown) {
        const error = asTargetError(thrown);
        record.error = { code: error.code, message: error.message };
        setHttpStatus(record, error.httpStatus);
        const retryAt =
          this.deps.clock.nowMs() + Math.max(backoffMs(attempt), error.retryAfterMs ?? 0);
        if (error.retriable && attempt <= maxRetries && retryAt - request.scheduledMs <= maxAgeMs) {
          record.outcome = 'retrying';
          recordId = await this.#save(record, recordId);
          await this.deps.clock.sleepUntil(retryAt);
          continue;
        }
        record.outcome = target.DeadLetterConfig?.Arn ? 'dead-lettered' : 'failed';
        if (error.code === 'InternalFailure') {
          this.deps.logger.error('a target invocation failed unexpectedly', { error: thrown });
        }
        break;
      }
    }
    record.invokedTime = record.invokedTime || invokedIso(this.deps.clock.nowMs());
    await this.#save(record, recordId);
    this.deps.metrics?.invocation(record.outcome);
    return record;
  }

  /** The record of an instant never invoked because teiki was not running then. */
  missed(request: UninvokedRequest): InvocationRecord {
    return this.#uninvoked(request, {
      code: 'Missed',
      message: 'teiki was not running at this instant; as on AWS, the invocation is not made late.',
    });
  }

  /**
   * One record for the instants a single virtual-clock move passed beyond the number it
   * fires one by one (`request.scheduledMs` is the first of them).
   */
  skipped(request: UninvokedRequest, summary: SkippedInstants, firedPerMove: number) {
    const count = `${summary.count}${summary.countIsLowerBound ? ' or more' : ''}`;
    return this.#uninvoked(request, {
      code: 'SkippedByClockMove',
      message:
        `One move of the virtual clock passed ${count} further instants, from ` +
        `${new Date(summary.fromMs).toISOString()} through ` +
        `${new Date(summary.throughMs).toISOString()}: teiki fires at most ${firedPerMove} ` +
        'instants per schedule in one move and records the rest here, not invoked.',
    });
  }

  #uninvoked(request: UninvokedRequest, error: { code: string; message: string }) {
    const record = this.#record({
      ...request,
      event: { id: '', time: '' },
      startedBy: '',
      servicePrincipal: '',
    });
    record.outcome = 'missed';
    record.error = error;
    this.deps.metrics?.invocation('missed');
    return record;
  }

  /**
   * One object literal with every field the record starts with (`runnerId` undefined
   * leaves it out of the stored JSON): V8 (Node 20) adds a member to a spread copy many
   * times slower than it builds a literal ("Copies without spread", docs/decisions.md).
   */
  #record(request: InvocationRequest, runnerId?: string): InvocationRecord {
    return {
      source: request.source,
      name: request.name,
      container: request.container,
      accountId: request.scope.accountId,
      region: request.scope.region,
      scheduledTime: scheduledIso(request.scheduledMs),
      invokedTime: invokedIso(this.deps.clock.nowMs()),
      target: { id: request.target.Id, arn: request.target.Arn },
      outcome: 'failed',
      taskArns: [],
      attempts: 0,
      runnerId,
    };
  }

  /**
   * The record replaces what was stored: an error or status of an earlier attempt goes;
   * the runner that claimed the instant stays (several nodes: who fired it; the record
   * carries it from the start).
   */
  async #save(record: InvocationRecord, id: string | undefined): Promise<string> {
    if (id === undefined) return this.log.record(record);
    await this.log.replace(id, record);
    return id;
  }

  async #dispatch(request: InvocationRequest, input: string): Promise<Dispatched> {
    const { target, scope } = request;
    if (ECS_CLUSTER_ARN.test(target.Arn)) {
      const taskArns = await invokeEcsTarget(this.deps, {
        scope,
        target,
        input:
          request.input ??
          ((target.Input ?? target.InputPath ?? target.InputTransformer) ? input : undefined),
        startedBy: request.startedBy,
        servicePrincipal: request.servicePrincipal,
      });
      return { taskArns };
    }
    if (isUniversalArn(target.Arn)) {
      const taskArns = await invokeUniversalTarget(this.deps, {
        scope,
        arn: target.Arn,
        roleArn: target.RoleArn,
        input,
        startedBy: request.startedBy,
        servicePrincipal: request.servicePrincipal,
      });
      return { taskArns };
    }
    if (isApiDestinationArn(target.Arn)) {
      const { httpStatus } = await invokeApiDestination(
        {
          store: this.deps.store,
          clock: this.deps.clock,
          connections: this.deps.connections,
          limiter: this.limiter,
          allowHttp: this.deps.allowHttpDestinations,
          authorizer: this.deps.authorizer,
        },
        { scope, target, input, event: request.event, servicePrincipal: request.servicePrincipal },
      );
      return { taskArns: [], httpStatus };
    }
    if (isEventBusArn(target.Arn)) {
      await invokeEventBusTarget(
        {
          store: this.deps.store,
          clock: this.deps.clock,
          deliver: this.deps.deliverToBus,
          authorizer: this.deps.authorizer,
        },
        {
          scope,
          arn: target.Arn,
          roleArn: target.RoleArn,
          servicePrincipal: request.servicePrincipal,
          ...(request.eventBridgeParameters ? { parameters: request.eventBridgeParameters } : {}),
          input,
          event: request.event,
        },
      );
      return { taskArns: [] };
    }
    if (isLogGroupArn(target.Arn)) {
      await this.#logs.invoke({
        scope,
        arn: target.Arn,
        input,
        eventId: request.event.id,
        eventTimeMs: parseEventTime(request.event.time) || this.deps.clock.nowMs(),
      });
      return { taskArns: [] };
    }
    throw absentTargetError(target.Arn);
  }
}

/** What a target's call produced: the tasks it started, an endpoint's HTTP status. */
interface Dispatched {
  taskArns: string[];
  httpStatus?: number;
}

function setHttpStatus(record: InvocationRecord, status: number | undefined): void {
  if (status === undefined) delete record.httpStatus;
  else record.httpStatus = status;
}

/** 1 s, 2 s, 4 s, … capped at 5 minutes. */
function backoffMs(attempt: number): number {
  return Math.min(1000 * 2 ** (attempt - 1), MAX_BACKOFF_MS);
}
