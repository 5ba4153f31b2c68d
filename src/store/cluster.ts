/**
 * The cluster port a store several processes share implements: declared by the engine
 * (src/engine/cluster/port.ts), which the arrows let the store import and not the other
 * way round.
 */
export {
  FencedError,
  MAX_MESSAGE_BYTES,
  type ClockAck,
  type ClusterMessage,
  type ClusterPort,
  type LeaseTiming,
  type NodeRow,
  type SharedClockRow,
  type TransactionOptions,
} from '../engine/cluster/port.js';
