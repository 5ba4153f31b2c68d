import type { Clock } from '../../engine/clock/types.js';
import type { Store } from '../../store/types.js';

/** What IAM's operations are built from. */
export interface IamDeps {
  store: Store;
  clock: Clock;
}
