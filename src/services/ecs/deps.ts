import type { Clock } from '../../engine/clock/types.js';
import type { Store } from '../../store/types.js';

/** What every ECS operation may use. Tasks need more (runtime, log driver): see tasks/. */
export interface EcsDeps {
  store: Store;
  clock: Clock;
}
