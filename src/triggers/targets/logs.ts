/**
 * A CloudWatch Logs target: the event (or the target's input) written to the log group
 * named by the target's Arn, in a stream named after the event's id, through the same
 * ingestion path as the ECS log driver.
 *
 * The deliveries asked in one turn of the event loop (the firings of one instant) are
 * written together, a few statements per log group rather than several per delivery (see
 * services/logs/put-new-streams.ts). Should that fail, each delivery is made on its own,
 * so a failure is reported only for the delivery it belongs to.
 */
import type { Clock } from '../../engine/clock/types.js';
import { groupCommit, settleEach } from '../../engine/group-commit.js';
import { scopeKey } from '../../store/codec.js';
import type { NewLogEvent } from '../../store/log-events.js';
import type { Scope, Store } from '../../store/types.js';
import { isServiceError } from '../../services/error.js';
import { createLogIngestion } from '../../services/logs/ingestion.js';
import type { BatchOutcome } from '../../services/logs/put-events.js';
import { putBatchesToNewStreams } from '../../services/logs/put-new-streams.js';
import { RetentionSweeper } from '../../services/logs/retention.js';
import { TargetError } from '../target-error.js';

const LOG_GROUP_ARN = /^arn:aws[a-z-]*:logs:([^:]+):(\d{12}):log-group:([^:]+)(?::\*)?$/;

export function isLogGroupArn(arn: string): boolean {
  return LOG_GROUP_ARN.test(arn);
}

interface Delivery {
  scope: Scope;
  logGroupName: string;
  logStreamName: string;
  events: readonly NewLogEvent[];
}

export class LogsTarget {
  readonly #ingestion;
  /** A delivery into its own new stream; undefined (nothing written) when it existed. */
  readonly #toNewStream: (delivery: Delivery) => Promise<BatchOutcome | undefined>;

  constructor(deps: { store: Store; clock: Clock }) {
    const sweeper = new RetentionSweeper(deps);
    const ingestion = createLogIngestion(deps, sweeper);
    this.#ingestion = ingestion;
    const one = (d: Delivery) =>
      ingestion.putBatchToNewStream(d.scope, d.logGroupName, d.logStreamName, d.events);
    this.#toNewStream = groupCommit(
      async (group: readonly Delivery[]) => {
        const answers: Array<PromiseSettledResult<BatchOutcome | undefined>> = [];
        await Promise.all(
          [...byLogGroup(group).values()].map(async (indices) => {
            const deliveries = indices.map((i) => group[i] as Delivery);
            const { scope, logGroupName } = deliveries[0] as Delivery;
            let settled;
            try {
              settled = await putBatchesToNewStreams(
                deps,
                sweeper,
                scope,
                logGroupName,
                deliveries,
              );
            } catch {
              settled = await settleEach(deliveries, one);
            }
            indices.forEach((i, k) => (answers[i] = settled[k]!));
          }),
        );
        return answers;
      },
      // One delivery per stream in a group; a second (an event id seen twice) waits.
      {
        keyOf: (d) => `${scopeKey(d.scope)}\u0000${d.logGroupName}\u0000${d.logStreamName}`,
      },
    );
  }

  async invoke(invocation: {
    scope: Scope;
    arn: string;
    input: string;
    eventId: string;
    eventTimeMs: number;
  }): Promise<void> {
    const match = LOG_GROUP_ARN.exec(invocation.arn);
    if (!match) {
      throw new TargetError(
        'InvalidParameterException',
        `${invocation.arn} is not a log group ARN.`,
      );
    }
    const delivery: Delivery = {
      scope: { accountId: match[2] as string, region: match[1] as string },
      logGroupName: match[3] as string,
      logStreamName: invocation.eventId,
      events: [{ timestamp: invocation.eventTimeMs, message: invocation.input }],
    };
    try {
      // The stream is the event's own, so nearly always new: made with its upload counted.
      const outcome =
        (await this.#toNewStream(delivery)) ??
        (await this.#ingestion.putBatch(
          delivery.scope,
          delivery.logGroupName,
          delivery.logStreamName,
          delivery.events,
        ));
      if (outcome.accepted === 0) {
        throw new TargetError(
          'InvalidParameterException',
          'The event is too old or too new for the log group.',
        );
      }
    } catch (error) {
      if (isServiceError(error)) throw new TargetError(error.code, error.message);
      throw error;
    }
  }
}

/** The positions of a group's deliveries, by the log group they write to. */
function byLogGroup(group: readonly Delivery[]): Map<string, number[]> {
  const parts = new Map<string, number[]>();
  group.forEach((d, i) => {
    const key = `${scopeKey(d.scope)}\u0000${d.logGroupName}`;
    const part = parts.get(key);
    if (part) part.push(i);
    else parts.set(key, [i]);
  });
  return parts;
}
