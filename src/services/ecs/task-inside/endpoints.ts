/**
 * The two endpoints a task calls from inside, as documents: the task metadata endpoint
 * (v3 and v4: a container, the whole task, their stats) and the task role's credentials.
 * The gateway serves them on teiki's port (gateway/admin/task-endpoints.ts) and says how
 * each refusal is answered; here is only what a token finds.
 */
import type { Clock } from '../../../engine/clock/types.js';
import {
  containerDocument,
  statsDocument,
  taskDocument,
  type MetadataSource,
  type MetadataVersion,
} from './metadata.js';
import {
  credentialsDocument,
  taskRoleCredentials,
  type RoleCredentialDeps,
} from './role-credentials.js';
import type { TaskSession, TaskSessions } from './sessions.js';

export type { MetadataVersion };

export interface EndpointDeps extends RoleCredentialDeps {
  sessions: TaskSessions;
  clock: Clock;
  /** The host's clock, which the SDKs reading the credentials go by. */
  wallClock: Clock;
  /** The subnet's CIDR block (v4's network properties). */
  subnetCidr(session: TaskSession, subnetId: string): Promise<string | undefined>;
}

/** What a metadata URL asks for: `…/{version}/{token}[/task][/stats]`. */
export interface MetadataRequest {
  version: MetadataVersion;
  token: string;
  wholeTask: boolean;
  stats: boolean;
}

/** A document, or why there is none. */
export type EndpointAnswer =
  | { kind: 'document'; document: unknown }
  | { kind: 'refused'; reason: EndpointRefusal; message: string };

/**
 * `not-found`: no running task has the metadata token, or the task or container is gone;
 * `no-token`: the credentials request carries no token; `unknown-token`: it names no
 * running task; `invalid-role`: the task role cannot be assumed.
 */
export type EndpointRefusal = 'not-found' | 'no-token' | 'unknown-token' | 'invalid-role';

export interface TaskEndpoints {
  metadata(request: MetadataRequest): Promise<EndpointAnswer>;
  /** The task role's credentials for the task whose credentials token this is. */
  credentials(token: string | undefined): Promise<EndpointAnswer>;
}

export function createTaskEndpoints(deps: EndpointDeps): TaskEndpoints {
  return {
    async metadata({ version, token, wholeTask, stats }) {
      const found = deps.sessions.byMetadataToken(token);
      if (!found) return notFound('No running task has this metadata endpoint.');
      const { session, containerName } = found;
      await session.started(containerName).catch(() => undefined);
      const task = await session.record();
      if (!task) return notFound('The task no longer exists.');
      const nowIso = new Date(deps.clock.nowMs()).toISOString();
      if (stats) {
        const sample = async (name: string) => statsDocument(await session.stats(name), nowIso);
        if (!wholeTask) return document(await sample(containerName));
        const entries = await Promise.all(
          task.containers.map(async (c) => [c.runtimeId ?? c.name, await sample(c.name)] as const),
        );
        return document(Object.fromEntries(entries));
      }
      const subnetId = task.attachments[0]?.details?.find((d) => d.name === 'subnetId')?.value;
      const subnetCidr =
        subnetId !== undefined ? await deps.subnetCidr(session, subnetId) : undefined;
      const source: MetadataSource = {
        task,
        definitions: session.containerDefinitions,
        ...(subnetCidr !== undefined ? { subnetCidr } : {}),
      };
      if (wholeTask) return document(taskDocument(version, source));
      const container = task.containers.find((c) => c.name === containerName);
      if (!container) return notFound('The container is not in the task.');
      return document(containerDocument(version, source, container));
    },

    async credentials(token) {
      if (!token) {
        return refused(
          'no-token',
          'The request needs the task credentials token (AWS_CONTAINER_AUTHORIZATION_TOKEN) in Authorization.',
        );
      }
      const session = deps.sessions.byCredentialsToken(token);
      if (!session) return refused('unknown-token', 'The token names no running task.');
      const answer = await taskRoleCredentials(deps, session);
      if (!answer.ok) return refused('invalid-role', answer.message);
      return document(
        credentialsDocument(answer.roleArn, answer.credentials, {
          teikiNowMs: deps.clock.nowMs(),
          wallNowMs: deps.wallClock.nowMs(),
        }),
      );
    },
  };
}

function document(document: unknown): EndpointAnswer {
  return { kind: 'document', document };
}

function refused(reason: EndpointRefusal, message: string): EndpointAnswer {
  return { kind: 'refused', reason, message };
}

function notFound(message: string): EndpointAnswer {
  return refused('not-found', message);
}
