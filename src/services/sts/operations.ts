/**
 * STS: who am I, and temporary credentials. A role must exist (or, in open auth mode, may
 * be one IAM does not know, as local emulators allow) and its session limits are kept;
 * in enforce mode its trust policy must let the caller assume it (IAM's policy engine).
 */
import type { Clock } from '../../engine/clock/types.js';
import { ServiceError } from '../error.js';
import type { RequestContext } from '../context.js';
import type { OperationTable } from '../operation.js';
import type { StsOperations } from './generated/types.js';
import type { CredentialIssuer } from './credentials.js';
import type { TemporaryCredentials } from './credentials.js';
import { derivedId } from '../ids.js';
import { parseRoleArn, trustAllows, type RoleDirectory } from './roles.js';

export interface StsDeps {
  issuer: CredentialIssuer;
  roles: RoleDirectory;
  clock: Clock;
  /** Open auth mode: a role IAM does not know may still be assumed. */
  allowUnknownRoles: boolean;
  /** Enforce auth mode: AssumeRole needs the role's trust policy to allow the caller. */
  checkTrust: boolean;
}

const DEFAULT_ROLE_SESSION_SECONDS = 3600;
const DEFAULT_SESSION_TOKEN_SECONDS = 43_200;
const ROOT_SESSION_TOKEN_MAX_SECONDS = 3600;
const DEFAULT_ROLE_MAX_SESSION_SECONDS = 3600;
const ROLE_CHAINING_MAX_SECONDS = 3600;

function validationError(message: string): ServiceError {
  return new ServiceError({ code: 'ValidationError', message });
}

function accessDenied(message: string): ServiceError {
  return new ServiceError({ code: 'AccessDenied', message, status: 403 });
}

function wireCredentials(credentials: TemporaryCredentials) {
  return {
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    SessionToken: credentials.sessionToken,
    Expiration: new Date(credentials.expiresAtMs),
  };
}

export function createStsOperations(deps: StsDeps): OperationTable<StsOperations> {
  return {
    GetCallerIdentity(_input, ctx) {
      return Promise.resolve({
        UserId: ctx.caller.userId,
        Account: ctx.caller.accountId,
        Arn: ctx.caller.arn,
      });
    },

    async AssumeRole(input, ctx) {
      const parsed = parseRoleArn(input.RoleArn);
      if (!parsed) throw validationError(`${input.RoleArn} is invalid`);
      const role = await deps.roles.findRole(input.RoleArn);
      if (!role && !deps.allowUnknownRoles) throw notAuthorized(ctx, input.RoleArn);
      if (role && deps.checkTrust && !trustAllows(role, ctx.caller)) {
        throw notAuthorized(ctx, input.RoleArn);
      }
      const maxSession = role?.maxSessionDurationSeconds ?? DEFAULT_ROLE_MAX_SESSION_SECONDS;
      const duration = input.DurationSeconds ?? DEFAULT_ROLE_SESSION_SECONDS;
      if (duration > maxSession) {
        throw validationError(
          'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
        );
      }
      if (ctx.caller.type === 'assumed-role' && duration > ROLE_CHAINING_MAX_SECONDS) {
        throw validationError(
          'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
        );
      }
      const roleId = role?.roleId ?? derivedId('AROA', input.RoleArn);
      const roleName = role?.roleName ?? parsed.roleName;
      const accountId = role?.accountId ?? parsed.accountId;
      const assumedRoleId = `${roleId}:${input.RoleSessionName}`;
      const arn = `arn:aws:sts::${accountId}:assumed-role/${roleName}/${input.RoleSessionName}`;
      const roleArn = role?.arn ?? input.RoleArn;
      const credentials = await deps.issuer.issue(
        {
          accountId,
          arn,
          userId: assumedRoleId,
          accessKeyId: '',
          type: 'assumed-role',
          session: {
            kind: 'role',
            issuedAt: new Date(deps.clock.nowMs()).toISOString(),
            roleArn,
            ...(input.Policy !== undefined ? { policy: input.Policy } : {}),
            ...(input.PolicyArns !== undefined
              ? { policyArns: input.PolicyArns.flatMap((p) => (p.arn ? [p.arn] : [])) }
              : {}),
          },
        },
        duration,
      );
      return {
        Credentials: wireCredentials(credentials),
        AssumedRoleUser: { AssumedRoleId: assumedRoleId, Arn: arn },
        ...(input.Policy !== undefined || input.PolicyArns !== undefined
          ? { PackedPolicySize: packedPolicySize(input.Policy) }
          : {}),
        ...(input.SourceIdentity !== undefined ? { SourceIdentity: input.SourceIdentity } : {}),
      };
    },

    async GetSessionToken(input, ctx) {
      // Neither a role's session nor GetSessionToken's own credentials may ask again.
      if (ctx.caller.type === 'assumed-role' || ctx.caller.session) {
        throw accessDenied('Cannot call GetSessionToken with session credentials');
      }
      const max =
        ctx.caller.type === 'root' ? ROOT_SESSION_TOKEN_MAX_SECONDS : Number.POSITIVE_INFINITY;
      const requested = input.DurationSeconds ?? DEFAULT_SESSION_TOKEN_SECONDS;
      // AWS caps (rather than refuses) a root user's session at one hour.
      const duration = Math.min(requested, max);
      const credentials = await deps.issuer.issue(
        {
          ...ctx.caller,
          session: { kind: 'session-token', issuedAt: new Date(deps.clock.nowMs()).toISOString() },
        },
        duration,
      );
      return { Credentials: wireCredentials(credentials) };
    },
  };
}

function notAuthorized(ctx: RequestContext, roleArn: string): ServiceError {
  return accessDenied(
    `User: ${ctx.caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
  );
}

/** AWS reports the packed session policy size as a percentage of the allowed maximum. */
function packedPolicySize(policy: string | undefined): number {
  if (!policy) return 0;
  return Math.min(
    100,
    Math.ceil((Buffer.byteLength(policy.replace(/\s+/g, ''), 'utf8') / 2048) * 100),
  );
}
