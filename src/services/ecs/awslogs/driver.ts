/** The `awslogs` log driver: options read, stream prepared, then a sink per container. */
import type { Clock } from '../../../engine/clock/types.js';
import { silentLogger, type Logger } from '../../../engine/log.js';
import type { Store } from '../../../store/types.js';
import { createLogIngestion } from '../../logs/ingestion.js';
import { readConfig } from './options.js';
import { prepareStream } from './setup.js';
import { AwslogsSink, realTimers, type Timers } from './sink.js';
import type { AwslogsDriver } from './types.js';

export interface AwslogsDriverDeps {
  store: Store;
  clock: Clock;
  logger?: Logger;
  /** Wall-clock timers for batching and the multi-line quiet period; tests replace them. */
  timers?: Timers;
}

export function createAwslogsDriver(deps: AwslogsDriverDeps): AwslogsDriver {
  const logs = { store: deps.store, clock: deps.clock };
  const ingestion = createLogIngestion(logs);
  const logger = deps.logger ?? silentLogger;
  const timers = deps.timers ?? realTimers;
  return {
    async open(target) {
      const config = readConfig(target);
      const scope = { accountId: target.accountId, region: config.region };
      await prepareStream(logs, scope, config);
      return new AwslogsSink(
        { logs, clock: deps.clock, ingestion, timers, logger },
        {
          scope,
          logGroupName: config.logGroupName,
          logStreamName: config.logStreamName,
          ...(config.startPattern ? { startPattern: config.startPattern } : {}),
        },
      );
    },
  };
}
