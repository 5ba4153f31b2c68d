/**
 * Inside the task: what a running task finds besides its own program — the environment
 * Fargate sets (environment.ts), its `secrets` fetched as the execution role (secrets.ts),
 * its task role's credentials (role-credentials.ts) and the task metadata endpoint
 * (metadata.ts), the last two as the documents of endpoints.ts, which the gateway serves on
 * teiki's port (gateway/admin/task-endpoints.ts) at the address the task's runtime reaches
 * the host by.
 */
import { createRealClock } from '../../../engine/clock/index.js';
import type { Clock } from '../../../engine/clock/types.js';
import type { Store } from '../../../store/types.js';
import type { NetworkFacade } from '../../ec2/network.js';
import type { CredentialIssuer } from '../../sts/credentials.js';
import type { InsideSettings } from './environment.js';
import { createTaskEndpoints, type TaskEndpoints } from './endpoints.js';
import {
  fetchSecrets,
  type FetchedSecrets,
  type SecretSources,
  type SecretsRequest,
} from './secrets.js';
import { TaskSessions } from './sessions.js';

export { insideEnvironment } from './environment.js';
export { SecretsUnavailable } from './secrets.js';
export type { TaskSession } from './sessions.js';

export interface TaskInsideDeps {
  store: Store;
  clock: Clock;
  issuer: CredentialIssuer;
  network: NetworkFacade;
  secretSources: Omit<SecretSources, 'store' | 'nowMs'>;
  /** The address the runtime's tasks reach the host at (Runtime.hostAddress). */
  hostAddress(): Promise<string | undefined>;
  /** The port tasks reach teiki on at that address. */
  port: () => number;
  /** `--task-aws-endpoint`. */
  awsEndpoint: boolean;
}

export interface TaskInside {
  sessions: TaskSessions;
  settings(): Promise<InsideSettings>;
  fetchSecrets(request: SecretsRequest): Promise<FetchedSecrets>;
  /** The metadata and credentials documents a running task asks teiki for. */
  endpoints: TaskEndpoints;
}

export function createTaskInside(deps: TaskInsideDeps): TaskInside {
  const sessions = new TaskSessions();
  const secretSources: SecretSources = {
    ...deps.secretSources,
    store: deps.store,
    nowMs: () => deps.clock.nowMs(),
  };
  return {
    sessions,
    async settings() {
      const address = await deps.hostAddress();
      const host = address?.includes(':') ? `[${address}]` : address;
      return {
        baseUrl: host === undefined ? undefined : `http://${host}:${deps.port()}`,
        awsEndpoint: deps.awsEndpoint,
      };
    },
    fetchSecrets: (request) => fetchSecrets(secretSources, request),
    endpoints: createTaskEndpoints({
      sessions,
      store: deps.store,
      clock: deps.clock,
      wallClock: deps.clock.mode === 'real' ? deps.clock : createRealClock(),
      issuer: deps.issuer,
      subnetCidr: async (session, subnetId) =>
        (await deps.network.describeSubnet(session.scope, subnetId))?.cidrBlock,
    }),
  };
}
