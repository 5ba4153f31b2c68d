import type { Membership } from '../../../engine/cluster/types.js';
import type { Logger } from '../../../engine/log.js';
import type { Runtime } from '../../../runtimes/types.js';
import type { NetworkFacade } from '../../ec2/network.js';
import type { AwslogsDriver } from '../awslogs/types.js';
import type { EcsDeps } from '../deps.js';
import type { TaskInside } from '../task-inside/index.js';
import type { TaskStateChanges } from './state-change.js';

/** What running tasks needs beyond the store and the clock. */
export interface TaskDeps extends EcsDeps {
  runtime: Runtime;
  awslogs: AwslogsDriver;
  network: NetworkFacade;
  changes: TaskStateChanges;
  logger: Logger;
  /** This teiki process, written on the tasks it runs so a restart knows what it left. */
  runnerId: string;
  /** The task's environment, secrets, credentials and metadata endpoints (task-inside/). */
  inside?: TaskInside;
  /** The node this process is: who else runs tasks, and how to reach them. */
  membership: Membership;
}
