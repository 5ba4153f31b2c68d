export type { Membership, NodeIdentity, ViewListener } from './types.js';
export { joinSharedCluster, DEFAULT_LEASE_TIMING } from './membership.js';
export { soloMembership } from './solo.js';
export { ownerOf } from './ownership.js';
export { createSharedVirtualClock } from './shared-clock.js';
export { runnerGone } from './gone.js';
