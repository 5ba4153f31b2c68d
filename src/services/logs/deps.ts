import type { Clock } from '../../engine/clock/types.js';
import type { Store } from '../../store/types.js';

export interface LogsDeps {
  store: Store;
  clock: Clock;
}
