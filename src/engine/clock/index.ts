export type { Clock, VirtualClock } from './types.js';
export { AbortError, isAbortError } from './abort.js';
export { createRealClock, MAX_TIMER_MS } from './real.js';
export { createVirtualClock, type VirtualClockOptions } from './virtual.js';
export { ClockMoveConflict } from './conflict.js';
