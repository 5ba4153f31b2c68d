/**
 * EC2's operation table (the network pieces ECS tasks and Terraform need), assembled from
 * one module per family of operations.
 */
import type { Clock } from '../../engine/clock/types.js';
import type { Store } from '../../store/types.js';
import type { OperationTable } from '../operation.js';
import type { Ec2Operations } from './generated/types.js';

export interface Ec2Deps {
  store: Store;
  clock: Clock;
}

export function createEc2Operations(deps: Ec2Deps): OperationTable<Ec2Operations> {
  void deps;
  return {};
}
