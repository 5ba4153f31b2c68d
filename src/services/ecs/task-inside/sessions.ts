/**
 * What a running task may ask of teiki from inside, per task: a token per container for
 * its metadata endpoint, one for its credentials endpoint, and the task role whose
 * credentials it is served. Tokens are random and live in this process only (tasks do not
 * survive a restart: recovery stops them), so a token is the task's capability: it names
 * the task and proves the caller was given its environment.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ContainerStats } from '../../../runtimes/types.js';
import type { Scope } from '../../../store/types.js';
import type { TemporaryCredentials } from '../../sts/credentials.js';
import type { ContainerDefinition } from '../generated/types.js';
import type { TaskRecord } from '../records.js';

export interface TaskSession {
  scope: Scope;
  taskArn: string;
  taskId: string;
  /** The task's role (the definition's, or the override's); none: no credentials served. */
  taskRoleArn?: string;
  /** The credentials endpoint's token (AWS_CONTAINER_AUTHORIZATION_TOKEN). */
  credentialsToken: string;
  /** Each container's metadata token, by container name. */
  metadataTokens: Map<string, string>;
  /** The latest credentials served, renewed before they expire (role-credentials.ts). */
  credentials?: TemporaryCredentials;
  /** A sample of a container's resource use, when its runtime can tell. */
  stats: (containerName: string) => Promise<ContainerStats | undefined>;
  /** The task's record as it stands (undefined once reset removed it). */
  record: () => Promise<TaskRecord | undefined>;
  /**
   * Settles once the container's start is on its record (runtime id, RUNNING). A container
   * asking about itself may do so before that: its metadata waits for it.
   */
  started: (containerName: string) => Promise<void>;
  /** The definition's containers (log options, limits) as the task runs them. */
  containerDefinitions: readonly ContainerDefinition[];
}

export interface OpenTask {
  scope: Scope;
  taskArn: string;
  taskId: string;
  taskRoleArn?: string;
  stats: (containerName: string) => Promise<ContainerStats | undefined>;
  record: () => Promise<TaskRecord | undefined>;
  started: (containerName: string) => Promise<void>;
  containerDefinitions: readonly ContainerDefinition[];
}

export class TaskSessions {
  readonly #byTask = new Map<string, TaskSession>();
  readonly #byMetadataToken = new Map<string, { session: TaskSession; containerName: string }>();

  open(task: OpenTask): TaskSession {
    this.close(task.taskArn);
    const session: TaskSession = {
      scope: task.scope,
      taskArn: task.taskArn,
      taskId: task.taskId,
      ...(task.taskRoleArn !== undefined ? { taskRoleArn: task.taskRoleArn } : {}),
      credentialsToken: token(),
      metadataTokens: new Map(task.containerDefinitions.map((c) => [c.name ?? '', token()])),
      stats: task.stats,
      record: task.record,
      started: task.started,
      containerDefinitions: task.containerDefinitions,
    };
    this.#byTask.set(task.taskArn, session);
    for (const [containerName, metadataToken] of session.metadataTokens) {
      this.#byMetadataToken.set(metadataToken, { session, containerName });
    }
    return session;
  }

  /** The task stopped: its tokens answer nothing from now on. */
  close(taskArn: string): void {
    const session = this.#byTask.get(taskArn);
    if (!session) return;
    this.#byTask.delete(taskArn);
    for (const metadataToken of session.metadataTokens.values()) {
      this.#byMetadataToken.delete(metadataToken);
    }
  }

  byMetadataToken(metadataToken: string) {
    return this.#byMetadataToken.get(metadataToken);
  }

  /** The session whose credentials token this is; compared in constant time. */
  byCredentialsToken(given: string | undefined): TaskSession | undefined {
    if (!given) return undefined;
    const wanted = Buffer.from(given, 'utf8');
    for (const session of this.#byTask.values()) {
      const own = Buffer.from(session.credentialsToken, 'utf8');
      if (own.length === wanted.length && timingSafeEqual(own, wanted)) return session;
    }
    return undefined;
  }

  byTask(taskArn: string): TaskSession | undefined {
    return this.#byTask.get(taskArn);
  }
}

function token(): string {
  return randomBytes(24).toString('hex');
}
