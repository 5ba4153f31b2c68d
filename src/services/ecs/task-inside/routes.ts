/**
 * The two endpoints a task calls from inside, as `/_teiki/` routes on teiki's one port:
 *
 * - `GET /_teiki/task-metadata/{v3|v4}/TOKEN[/task][/stats|/task/stats]`: the task
 *   metadata endpoint (ECS_CONTAINER_METADATA_URI[_V4] names the container's base);
 * - `GET /_teiki/task-credentials` with `Authorization: TOKEN`: the task role's
 *   credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN).
 *
 * They carry no SigV4 (the SDKs and agents that read them sign nothing), so under
 * `--auth enforce` they are open routes whose per-task token is the credential: an
 * unknown or absent token gets 404 or 401 and learns nothing. The browser policy (Host
 * and Origin) applies to them as to every route.
 */
import { json, withAccess, type AdminRoute } from '../../../gateway/admin/routes.js';
import type { Clock } from '../../../engine/clock/types.js';
import { CREDENTIALS_PATH, METADATA_PATH } from './environment.js';
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

export interface InsideRouteDeps extends RoleCredentialDeps {
  sessions: TaskSessions;
  clock: Clock;
  /** The host's clock, which the SDKs reading the credentials go by. */
  wallClock: Clock;
  /** The subnet's CIDR block (v4's network properties). */
  subnetCidr(session: TaskSession, subnetId: string): Promise<string | undefined>;
}

const METADATA = /^\/_teiki\/task-metadata\/(v3|v4)\/([0-9a-f]+)(\/task)?(\/stats)?\/?$/;

export function taskInsideRoutes(deps: InsideRouteDeps) {
  const metadata: AdminRoute = withAccess('open', async (req) => {
    const match = METADATA.exec(req.path);
    const found = match ? deps.sessions.byMetadataToken(match[2] as string) : undefined;
    if (!match || !found) return notFound('No running task has this metadata endpoint.');
    const version = match[1] as MetadataVersion;
    const wholeTask = match[3] !== undefined;
    const stats = match[4] !== undefined;
    const { session, containerName } = found;
    await session.started(containerName).catch(() => undefined);
    const task = await session.record();
    if (!task) return notFound('The task no longer exists.');
    const nowIso = new Date(deps.clock.nowMs()).toISOString();
    if (stats) {
      const sample = async (name: string) => statsDocument(await session.stats(name), nowIso);
      if (!wholeTask) return json(200, await sample(containerName));
      const entries = await Promise.all(
        task.containers.map(async (c) => [c.runtimeId ?? c.name, await sample(c.name)] as const),
      );
      return json(200, Object.fromEntries(entries));
    }
    const subnetId = task.attachments[0]?.details?.find((d) => d.name === 'subnetId')?.value;
    const subnetCidr =
      subnetId !== undefined ? await deps.subnetCidr(session, subnetId) : undefined;
    const source: MetadataSource = {
      task,
      definitions: session.containerDefinitions,
      ...(subnetCidr !== undefined ? { subnetCidr } : {}),
    };
    if (wholeTask) return json(200, taskDocument(version, source));
    const container = task.containers.find((c) => c.name === containerName);
    if (!container) return notFound('The container is not in the task.');
    return json(200, containerDocument(version, source, container));
  });

  const credentials: AdminRoute = withAccess('open', async (req) => {
    const token = req.headers?.authorization;
    if (!token) {
      return json(401, {
        code: 'AccessDenied',
        message:
          'The request needs the task credentials token (AWS_CONTAINER_AUTHORIZATION_TOKEN) in Authorization.',
      });
    }
    const session = deps.sessions.byCredentialsToken(token);
    if (!session) {
      return json(403, { code: 'AccessDenied', message: 'The token names no running task.' });
    }
    const answer = await taskRoleCredentials(deps, session);
    if (!answer.ok) return json(400, { code: 'InvalidRoleException', message: answer.message });
    return json(
      200,
      credentialsDocument(answer.roleArn, answer.credentials, {
        teikiNowMs: deps.clock.nowMs(),
        wallNowMs: deps.wallClock.nowMs(),
      }),
    );
  });

  return {
    [`${METADATA_PATH}/*`]: { GET: metadata },
    [CREDENTIALS_PATH]: { GET: credentials },
  };
}

function notFound(message: string) {
  return json(404, { code: 'NotFound', message });
}
