/**
 * StartLiveTail: checks the request as AWS does, then answers an event stream (see
 * session.ts) that the gateway's event stream encoder writes.
 */
import { randomUUID } from 'node:crypto';
import type { OperationTable } from '../../operation.js';
import { logAppendFeed } from '../append-feed.js';
import type { LogsDeps } from '../deps.js';
import { compilePattern } from '../filter-events.js';
import { InvalidParameterException, LimitExceededException } from '../generated/errors.js';
import type { LogsOperations, StartLiveTailRequest } from '../generated/types.js';
import { requireGroup } from '../lookup.js';
import { liveTailGroupName } from './identifiers.js';
import { LiveTailSession, liveTailLogEvent } from './session.js';
import { scopeOf } from '../../context.js';

/**
 * Concurrent sessions per account and region. AWS's quota page lists Live Tail sessions
 * per account; 15 is the figure teiki uses (not confirmed against the current page).
 */
export const MAX_CONCURRENT_SESSIONS = 15;

export function createLiveTailOperations(
  deps: LogsDeps,
): Pick<OperationTable<LogsOperations>, 'StartLiveTail'> {
  const open = new Map<string, number>();
  return {
    StartLiveTail: async (input, ctx) => {
      const scope = scopeOf(ctx);
      const groups = await resolveGroups(deps, input, scope);
      const pattern =
        input.logEventFilterPattern === undefined || input.logEventFilterPattern.trim() === ''
          ? undefined
          : compilePattern(input.logEventFilterPattern);
      const key = `${scope.accountId}\u0000${scope.region}`;
      const count = open.get(key) ?? 0;
      if (count >= MAX_CONCURRENT_SESSIONS) {
        throw new LimitExceededException(
          `You have reached the maximum number of concurrent Live Tail sessions (${MAX_CONCURRENT_SESSIONS}).`,
        );
      }
      open.set(key, count + 1);
      const session = new LiveTailSession(
        { feed: logAppendFeed(deps.store.logEvents), clock: deps.clock },
        {
          scope,
          groups,
          ...(input.logStreamNames ? { logStreamNames: input.logStreamNames } : {}),
          ...(input.logStreamNamePrefixes
            ? { logStreamNamePrefixes: input.logStreamNamePrefixes }
            : {}),
          ...(pattern ? { pattern } : {}),
        },
        {
          requestId: ctx.requestId,
          sessionId: randomUUID(),
          logGroupIdentifiers: input.logGroupIdentifiers,
          ...(input.logStreamNames ? { logStreamNames: input.logStreamNames } : {}),
          ...(input.logStreamNamePrefixes
            ? { logStreamNamePrefixes: input.logStreamNamePrefixes }
            : {}),
          ...(input.logEventFilterPattern !== undefined
            ? { logEventFilterPattern: input.logEventFilterPattern }
            : {}),
        },
        liveTailLogEvent,
        () => open.set(key, (open.get(key) ?? 1) - 1),
      );
      return { responseStream: session };
    },
  };
}

/** The groups by name, each mapped to the identifier the request gave. */
async function resolveGroups(
  deps: LogsDeps,
  input: StartLiveTailRequest,
  scope: { accountId: string; region: string },
): Promise<Map<string, string>> {
  if (input.logStreamNames !== undefined && input.logStreamNamePrefixes !== undefined) {
    throw new InvalidParameterException(
      'logStreamNames and logStreamNamePrefixes are mutually exclusive parameters.',
    );
  }
  const streamsGiven =
    input.logStreamNames !== undefined || input.logStreamNamePrefixes !== undefined;
  if (streamsGiven && input.logGroupIdentifiers.length > 1) {
    throw new InvalidParameterException(
      'logStreamNames and logStreamNamePrefixes can only be specified with a single log group.',
    );
  }
  const groups = new Map<string, string>();
  for (const identifier of input.logGroupIdentifiers) {
    const name = liveTailGroupName(scope, identifier);
    await requireGroup(deps, scope, name);
    groups.set(name, identifier);
  }
  return groups;
}
