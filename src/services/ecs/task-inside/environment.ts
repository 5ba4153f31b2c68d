/**
 * The variables Fargate gives a container so it can find its metadata and credentials
 * endpoints, pointed at teiki as the container reaches it (the runtime's host address and
 * teiki's port), and AWS_ENDPOINT_URL so the task's own SDK calls come back to teiki.
 *
 * Fargate serves both endpoints at 169.254.170.2; a container reaches teiki at another
 * address, so the credentials come through the full-URI form the SDKs accept
 * (AWS_CONTAINER_CREDENTIALS_FULL_URI with AWS_CONTAINER_AUTHORIZATION_TOKEN) rather than
 * the relative URI, which only means 169.254.170.2 port 80. Without a task role, no
 * credentials variables are set, as on Fargate.
 */
import type { TaskSession } from './sessions.js';

export const METADATA_PATH = '/_teiki/task-metadata';
export const CREDENTIALS_PATH = '/_teiki/task-credentials';

export interface InsideSettings {
  /** `http://ADDRESS:PORT` where the task reaches teiki; undefined when it cannot. */
  baseUrl: string | undefined;
  /** `--task-aws-endpoint`: give AWS_ENDPOINT_URL unless the container sets its own. */
  awsEndpoint: boolean;
}

/**
 * The variables for one container; `own` is the environment the definition and the
 * overrides give it, which wins over every variable here.
 */
export function insideEnvironment(
  settings: InsideSettings,
  session: TaskSession,
  containerName: string,
  own: Readonly<Record<string, string>>,
): Record<string, string> {
  const base = settings.baseUrl;
  if (base === undefined) return {};
  const metadataToken = session.metadataTokens.get(containerName) ?? '';
  const variables: Record<string, string> = {
    ECS_CONTAINER_METADATA_URI: `${base}${METADATA_PATH}/v3/${metadataToken}`,
    ECS_CONTAINER_METADATA_URI_V4: `${base}${METADATA_PATH}/v4/${metadataToken}`,
  };
  if (session.taskRoleArn !== undefined) {
    variables.AWS_CONTAINER_CREDENTIALS_FULL_URI = `${base}${CREDENTIALS_PATH}`;
    variables.AWS_CONTAINER_AUTHORIZATION_TOKEN = session.credentialsToken;
  }
  if (settings.awsEndpoint && own.AWS_ENDPOINT_URL === undefined) {
    variables.AWS_ENDPOINT_URL = base;
  }
  return variables;
}
