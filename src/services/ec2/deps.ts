import type { Clock } from '../../engine/clock/types.js';
import type { Store } from '../../store/types.js';

/** What EC2's operations are built from. */
export interface Ec2Deps {
  store: Store;
  clock: Clock;
}
