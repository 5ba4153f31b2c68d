import type { Clock } from '../../engine/clock/types.js';
import type { Store } from '../../store/types.js';

/** What every Secrets Manager operation may use. */
export interface SecretsDeps {
  store: Store;
  clock: Clock;
}
