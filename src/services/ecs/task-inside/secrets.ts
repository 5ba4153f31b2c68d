/**
 * A container definition's `secrets`, fetched as the task's execution role when the task
 * starts and given to the container as environment variables, as the Fargate agent does:
 * a `valueFrom` naming Secrets Manager (`arn:…:secretsmanager:…:secret:NAME[:json-key
 * [:version-stage[:version-id]]]`) is a GetSecretValue, anything else a Parameter Store
 * name or ARN fetched with GetParameters (WithDecryption) in batches of ten. A container's
 * `repositoryCredentials` (a secret holding `username` and `password`) are fetched the
 * same way, for the docker runtime's pull.
 *
 * Each call is authorised for the execution role's session (session name: the task id)
 * through the callers' authorizer and the services' own authorization tables, in every
 * auth mode, as a rule target's role is checked in every mode: on AWS the role, not the
 * user, makes these calls. A denied call, a missing value or a missing JSON key stops the
 * task before it runs, with the agent's ResourceInitializationError reason. The wording
 * follows recorded stop reasons (SDK v2 agent); see docs/decisions.md.
 */
import type { Scope, Store } from '../../../store/types.js';
import type { AnyAuthorize } from '../../authorization/permission.js';
import type { CallerAuthorizer } from '../../authorization/authorizer.js';
import type { CallerIdentity, RequestContext } from '../../context.js';
import { isServiceError } from '../../error.js';
import { findRole } from '../../iam/roles/records.js';
import { derivedId } from '../../ids.js';
import type { SecretReader } from '../../secretsmanager/read.js';
import type { ParameterReader } from '../../ssm/read.js';
import { parseRoleArn } from '../../sts/roles.js';
import type { ContainerDefinition } from '../generated/types.js';

export interface SecretSources {
  store: Store;
  authorizer: CallerAuthorizer;
  parameters: ParameterReader;
  secrets: SecretReader;
  /** The SSM and Secrets Manager authorization tables (what each call needs). */
  tables: {
    ssm: Readonly<Record<string, AnyAuthorize>>;
    secretsmanager: Readonly<Record<string, AnyAuthorize>>;
  };
  nowMs(): number;
}

export interface SecretsRequest {
  scope: Scope;
  taskId: string;
  executionRoleArn: string | undefined;
  containers: readonly ContainerDefinition[];
}

/** Why the task cannot start: the stopped reason, ResourceInitializationError first. */
export class SecretsUnavailable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const PREFIX = 'ResourceInitializationError: unable to pull secrets or registry auth: ';
const RETRIEVAL = `${PREFIX}execution resource retrieval failed: `;
const SSM_BATCH = 10;

export interface FetchedSecrets {
  /** Each container's secret variables, by container name. */
  variables: Map<string, Record<string, string>>;
  /** Each container's private registry credentials (`repositoryCredentials`), by name. */
  registryAuth: Map<string, { username: string; password: string }>;
}

/** What the task's containers are owed from secrets; throws SecretsUnavailable. */
export async function fetchSecrets(
  sources: SecretSources,
  request: SecretsRequest,
): Promise<FetchedSecrets> {
  const byContainer = new Map<string, Record<string, string>>();
  const registryAuth = new Map<string, { username: string; password: string }>();
  const wanted = request.containers.flatMap((c) =>
    (c.secrets ?? []).map((secret) => ({ container: c.name ?? '', secret })),
  );
  for (const container of request.containers) {
    const files = container.environmentFiles ?? [];
    if (files.length > 0) {
      throw new SecretsUnavailable(
        `ResourceInitializationError: failed to download env files: teiki has no S3 to read ${files
          .map((f) => f.value)
          .join(', ')} from; give the variables in environment or secrets instead`,
      );
    }
  }
  const pulls = request.containers.filter((c) => c.repositoryCredentials !== undefined);
  if (wanted.length === 0 && pulls.length === 0) return { variables: byContainer, registryAuth };
  if (request.executionRoleArn === undefined) {
    throw new SecretsUnavailable(
      `${RETRIEVAL}the task definition has no executionRoleArn to retrieve its secrets with`,
    );
  }
  const ctx = await executionRoleContext(
    sources,
    request.scope,
    request.taskId,
    request.executionRoleArn,
  );

  const parameterNames = [
    ...new Set(
      wanted.filter((w) => !isSecretsManager(w.secret.valueFrom)).map((w) => w.secret.valueFrom),
    ),
  ];
  const parameterValues = await fetchParameters(sources, ctx, request.scope, parameterNames);
  for (const { container, secret } of wanted) {
    const value = isSecretsManager(secret.valueFrom)
      ? await fetchSecret(sources, ctx, secret.valueFrom)
      : (parameterValues.get(secret.valueFrom) as string);
    const variables = byContainer.get(container) ?? {};
    variables[secret.name] = value;
    byContainer.set(container, variables);
  }
  for (const container of pulls) {
    const parameter = container.repositoryCredentials?.credentialsParameter ?? '';
    // One after the other, so a secret lacking both keys is reported by the first.
    const username = await fetchSecret(sources, ctx, `${parameter}:username::`);
    const password = await fetchSecret(sources, ctx, `${parameter}:password::`);
    registryAuth.set(container.name ?? '', { username, password });
  }
  return { variables: byContainer, registryAuth };
}

function isSecretsManager(valueFrom: string): boolean {
  return /^arn:aws[a-z-]*:secretsmanager:/.test(valueFrom);
}

/** The execution role's session as a caller: what the authorizer evaluates. */
async function executionRoleContext(
  sources: SecretSources,
  scope: Scope,
  taskId: string,
  roleArn: string,
): Promise<RequestContext> {
  const parsed = parseRoleArn(roleArn);
  const role = parsed
    ? await findRole(sources.store, parsed.accountId, parsed.roleName)
    : undefined;
  const accountId = parsed?.accountId ?? scope.accountId;
  const roleName = parsed?.roleName ?? roleArn;
  const caller: CallerIdentity = {
    accountId,
    arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${taskId}`,
    userId: `${role?.roleId ?? derivedId('AROA', roleArn)}:${taskId}`,
    // One key per role: the session carries no policies of its own, so its evaluation is the
    // role's and may be cached as such.
    accessKeyId: `ecs-execution-role:${roleArn}`,
    type: 'assumed-role',
    session: {
      kind: 'role',
      issuedAt: new Date(sources.nowMs()).toISOString(),
      roleArn: role?.arn ?? roleArn,
    },
  };
  return { requestId: `task-${taskId}`, accountId, region: scope.region, caller };
}

async function fetchParameters(
  sources: SecretSources,
  ctx: RequestContext,
  scope: Scope,
  names: readonly string[],
): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  for (let i = 0; i < names.length; i += SSM_BATCH) {
    const batch = names.slice(i, i + SSM_BATCH);
    const fail = (why: string) =>
      new SecretsUnavailable(
        `${RETRIEVAL}unable to retrieve secrets from ssm: service call has been retried 1 time(s): ${why}`,
      );
    try {
      await authorizeAs(sources, ctx, 'ssm', 'GetParameters', {
        Names: batch,
        WithDecryption: true,
      });
    } catch (error) {
      throw fail(apiError('SSM', 'GetParameters', error));
    }
    const answer = await sources.parameters.getParameters(scope, batch, true);
    if (answer.invalidParameters.length > 0) {
      throw fail(`invalid ssm parameters: ${answer.invalidParameters.join(' ')}`);
    }
    // The names are distinct and all were found: the answer is in their order.
    batch.forEach((name, index) => values.set(name, answer.parameters[index]?.Value ?? ''));
  }
  return values;
}

async function fetchSecret(
  sources: SecretSources,
  ctx: RequestContext,
  valueFrom: string,
): Promise<string> {
  const fail = (why: string) =>
    new SecretsUnavailable(
      `${RETRIEVAL}unable to retrieve secret from asm: service call has been retried 1 time(s): ${why}`,
    );
  const parts = valueFrom.split(':');
  if (parts.length < 7 || parts.length > 10 || parts[5] !== 'secret') {
    throw new SecretsUnavailable(
      `${RETRIEVAL}unable to retrieve secret from asm: trying to retrieve secret with value ${valueFrom} resulted in error: an invalid ARN format for the AWS Secrets Manager secret was specified. Specify a valid ARN and try again.`,
    );
  }
  const secretId = parts.slice(0, 7).join(':');
  const [jsonKey, versionStage, versionId] = parts.slice(7).map((p) => (p === '' ? undefined : p));
  const input = {
    SecretId: secretId,
    ...(versionStage !== undefined ? { VersionStage: versionStage } : {}),
    ...(versionId !== undefined ? { VersionId: versionId } : {}),
  };
  let secretString: string | undefined;
  try {
    await authorizeAs(sources, ctx, 'secretsmanager', 'GetSecretValue', input);
    const scope = { accountId: parts[4] ?? ctx.accountId, region: parts[3] ?? ctx.region };
    const answer = await sources.secrets.getSecretValue(scope, secretId, {
      ...(versionStage !== undefined ? { versionStage } : {}),
      ...(versionId !== undefined ? { versionId } : {}),
    });
    secretString = answer.SecretString;
  } catch (error) {
    throw fail(
      `failed to fetch secret ${secretId} from secrets manager: ${apiError('Secrets Manager', 'GetSecretValue', error)}`,
    );
  }
  if (secretString === undefined) {
    throw fail(`retrieved secret ${secretId} from Secrets Manager has no SecretString`);
  }
  if (jsonKey === undefined) return secretString;
  let document: unknown;
  try {
    document = JSON.parse(secretString);
  } catch {
    throw fail(
      `retrieved secret from Secrets Manager is not valid JSON to read key ${jsonKey} from`,
    );
  }
  const value =
    typeof document === 'object' && document !== null && !Array.isArray(document)
      ? (document as Record<string, unknown>)[jsonKey]
      : undefined;
  if (value === undefined) {
    throw fail(`retrieved secret from Secrets Manager did not contain json key ${jsonKey}`);
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The execution role's call, authorised as the gateway authorises a caller's. */
async function authorizeAs(
  sources: SecretSources,
  ctx: RequestContext,
  service: 'ssm' | 'secretsmanager',
  operation: string,
  input: Record<string, unknown>,
): Promise<void> {
  await sources.authorizer.authorize({
    service,
    actionPrefix: service,
    operation,
    table: sources.tables[service],
    input,
    ctx,
  });
}

/** A service error as the agent's SDK v2 words it; anything else is teiki's own fault. */
function apiError(service: string, operation: string, error: unknown): string {
  if (!isServiceError(error)) throw error;
  return `operation error ${service}: ${operation}, https response error StatusCode: ${error.status}, api error ${error.code}: ${error.message}`;
}
