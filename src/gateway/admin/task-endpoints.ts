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
 * and Origin) applies to them as to every route. The documents are task-inside's
 * (services/ecs/task-inside/endpoints.ts); the status and error code of each refusal are
 * said here.
 */
import { CREDENTIALS_PATH, METADATA_PATH } from '../../services/ecs/task-inside/environment.js';
import type {
  EndpointAnswer,
  EndpointRefusal,
  MetadataVersion,
  TaskEndpoints,
} from '../../services/ecs/task-inside/endpoints.js';
import type { WireResponse } from '../protocols/types.js';
import { json, withAccess, type AdminRoute } from './routes.js';

const METADATA = /^\/_teiki\/task-metadata\/(v3|v4)\/([0-9a-f]+)(\/task)?(\/stats)?\/?$/;

const REFUSALS: Record<EndpointRefusal, { status: number; code: string }> = {
  'not-found': { status: 404, code: 'NotFound' },
  'no-token': { status: 401, code: 'AccessDenied' },
  'unknown-token': { status: 403, code: 'AccessDenied' },
  'invalid-role': { status: 400, code: 'InvalidRoleException' },
};

/** A path under the metadata prefix that is no metadata URL: as an unknown token is. */
const refusedNotFound: EndpointAnswer = {
  kind: 'refused',
  reason: 'not-found',
  message: 'No running task has this metadata endpoint.',
};

export function taskEndpointRoutes(
  endpoints: TaskEndpoints,
): Record<string, Partial<Record<string, AdminRoute>>> {
  const metadata: AdminRoute = withAccess('open', async (req) => {
    const match = METADATA.exec(req.path);
    if (!match) return answer(refusedNotFound);
    return answer(
      await endpoints.metadata({
        version: match[1] as MetadataVersion,
        token: match[2] as string,
        wholeTask: match[3] !== undefined,
        stats: match[4] !== undefined,
      }),
    );
  });

  const credentials: AdminRoute = withAccess('open', async (req) =>
    answer(await endpoints.credentials(req.headers?.authorization)),
  );

  return {
    [`${METADATA_PATH}/*`]: { GET: metadata },
    [CREDENTIALS_PATH]: { GET: credentials },
  };
}

function answer(outcome: EndpointAnswer): WireResponse {
  if (outcome.kind === 'document') return json(200, outcome.document);
  const { status, code } = REFUSALS[outcome.reason];
  return json(status, { code, message: outcome.message });
}
