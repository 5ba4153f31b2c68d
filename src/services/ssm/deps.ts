import type { Clock } from '../../engine/clock/types.js';
import type { Store } from '../../store/types.js';

/** What every SSM operation may use. */
export interface SsmDeps {
  store: Store;
  clock: Clock;
}
