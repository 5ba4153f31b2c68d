/**
 * The task role's credentials, as the container credentials endpoint serves them: an
 * AssumeRole session of `taskRoleArn` by ecs-tasks.amazonaws.com, named after the task id
 * (so GetCallerIdentity answers `arn:aws:sts::ACCOUNT:assumed-role/ROLE/TASK_ID`), issued
 * by STS's issuer so the gateway knows the key and `--auth enforce` evaluates the role's
 * policies for every call the task makes. The role must exist and trust
 * ecs-tasks.amazonaws.com, in every auth mode, as a target's role must trust its service
 * (RunTask refuses a task whose role does not: tasks/task-role.ts).
 *
 * Credentials are issued when first asked for and renewed when asked for within
 * RENEW_BEFORE_MS of their expiry (on the teiki clock, so a virtual clock moved by hours
 * gets fresh ones), the way the agent keeps a task's credentials ahead of the SDKs'
 * five-minute refresh window.
 */
import type { Clock } from '../../../engine/clock/types.js';
import type { Store } from '../../../store/types.js';
import { serviceTrust } from '../../authorization/trust.js';
import type { CredentialIssuer, TemporaryCredentials } from '../../sts/credentials.js';
import { TASKS_PRINCIPAL } from '../authorization-parts.js';
import { unableToAssume } from '../tasks/task-role.js';
import type { TaskSession } from './sessions.js';
/** Fargate's task credentials last six hours. */
const DURATION_SECONDS = 6 * 60 * 60;
const RENEW_BEFORE_MS = 30 * 60 * 1000;

export interface RoleCredentialDeps {
  store: Store;
  clock: Clock;
  issuer: CredentialIssuer;
}

export type RoleCredentials =
  { ok: true; roleArn: string; credentials: TemporaryCredentials } | { ok: false; message: string };

export async function taskRoleCredentials(
  deps: RoleCredentialDeps,
  session: TaskSession,
): Promise<RoleCredentials> {
  const roleArn = session.taskRoleArn;
  if (roleArn === undefined) return { ok: false, message: 'The task has no task role.' };
  // RunTask refused a role ECS could not assume; one deleted or no longer trusting
  // ecs-tasks.amazonaws.com since gets the same sentence (unconfirmed for this endpoint).
  const unassumable = { ok: false as const, message: unableToAssume(roleArn) };
  const trust = await serviceTrust(deps.store, roleArn, TASKS_PRINCIPAL);
  if (!trust || trust.decision.decision !== 'Allow') return unassumable;
  const { role } = trust;
  const parsed = { accountId: trust.accountId };

  const current = session.credentials;
  if (
    current &&
    current.caller.session?.roleArn === role.arn &&
    current.expiresAtMs - deps.clock.nowMs() > RENEW_BEFORE_MS
  ) {
    return { ok: true, roleArn: role.arn, credentials: current };
  }
  const credentials = await deps.issuer.issue(
    {
      accountId: parsed.accountId,
      arn: `arn:aws:sts::${parsed.accountId}:assumed-role/${role.roleName}/${session.taskId}`,
      userId: `${role.roleId}:${session.taskId}`,
      accessKeyId: '',
      type: 'assumed-role',
      session: {
        kind: 'role',
        issuedAt: new Date(deps.clock.nowMs()).toISOString(),
        roleArn: role.arn,
      },
    },
    DURATION_SECONDS,
  );
  session.credentials = credentials;
  return { ok: true, roleArn: role.arn, credentials };
}

/**
 * The endpoint's document, as the agent serves it (Expiration to the second, in UTC).
 *
 * The SDKs compare Expiration with the host's own clock, never teiki's: on a virtual clock
 * set days back, an expiry on the teiki clock is long past for them and they refuse the
 * credentials. So Expiration says when the credentials expire in wall-clock time — the
 * time they have left on the teiki clock, counted from `wallNowMs` — and the SDK comes back
 * for fresh ones as their lifetime runs out. (A virtual clock moved past the expiry makes
 * the key expired for teiki first; the next fetch renews it.)
 */
export function credentialsDocument(
  roleArn: string,
  credentials: TemporaryCredentials,
  clocks: { teikiNowMs: number; wallNowMs: number },
) {
  const expiresMs = clocks.wallNowMs + (credentials.expiresAtMs - clocks.teikiNowMs);
  return {
    RoleArn: roleArn,
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    Token: credentials.sessionToken,
    Expiration: new Date(Math.floor(expiresMs / 1000) * 1000)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z'),
  };
}
