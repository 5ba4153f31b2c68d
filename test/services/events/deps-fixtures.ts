/** EventsDeps for suites that call the operations without a server. */
import type { Clock } from '../../../src/engine/clock/types.js';
import { silentLogger } from '../../../src/engine/log.js';
import { ConnectionAuthorizer } from '../../../src/services/events/connections/authorizer.js';
import type { EventsDeps } from '../../../src/services/events/deps.js';
import { ReplayRunner } from '../../../src/services/events/replays/runner.js';
import type { Store } from '../../../src/store/types.js';

export function eventsDeps(
  base: Pick<EventsDeps, 'store' | 'clock' | 'onRuleChanged' | 'deliver'>,
): EventsDeps {
  return {
    ...base,
    allowHttpDestinations: false,
    connectionAuthorizer: authorizer(base.store, base.clock),
    replays: new ReplayRunner({
      store: base.store,
      clock: base.clock,
      deliver: (scope, bus, events, options) => base.deliver(scope, bus, events, options),
      logger: silentLogger,
      runnerId: 'test',
      isGone: (runnerId) => runnerId !== 'test',
    }),
  };
}

function authorizer(store: Store, clock: Clock): ConnectionAuthorizer {
  return new ConnectionAuthorizer({ store, clock, allowHttp: false, logger: silentLogger });
}
