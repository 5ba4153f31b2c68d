/**
 * Secret names and ARNs. A name uses letters, digits and `/_+=.@-`; its ARN ends in a
 * hyphen and six random characters (`arn:aws:secretsmanager:R:A:secret:NAME-AbCdEf`), so a
 * secret deleted and created again under the same name has a new ARN. A SecretId may be
 * the name, the full ARN, or the partial ARN (the ARN without its suffix).
 */
import { randomInt } from 'node:crypto';
import type { Scope } from '../../../store/types.js';
import { ValidationException } from '../errors.js';

const NAME = /^[A-Za-z0-9/_+=.@-]+$/;
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const ARN = /^arn:aws[a-z-]*:secretsmanager:([^:]*):(\d{12}):secret:(.+)$/;

/** LocalStack's AWS-validated wording. */
const INVALID_NAME =
  'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!';

export function checkName(name: string): void {
  if (!NAME.test(name)) throw new ValidationException(INVALID_NAME);
}

export function newSecretArn(scope: Scope, name: string): string {
  let suffix = '';
  for (let i = 0; i < 6; i++) suffix += SUFFIX_ALPHABET[randomInt(SUFFIX_ALPHABET.length)];
  return `arn:aws:secretsmanager:${scope.region}:${scope.accountId}:secret:${name}-${suffix}`;
}

/** What a SecretId may name: candidate names to look up, and the ARN the match must have. */
export interface SecretIdentity {
  /** Names to try, in order. */
  names: string[];
  /** Given as an ARN: the record's ARN must equal it or extend it by its suffix. */
  arn?: string;
  /** An ARN of another account or region: nothing here. */
  elsewhere?: true;
}

export function identify(scope: Scope, secretId: string): SecretIdentity {
  const arn = ARN.exec(secretId);
  if (!arn) {
    // An ARN of something other than a secret names no secret.
    if (secretId.startsWith('arn:')) return { names: [], elsewhere: true };
    checkName(secretId);
    return { names: [secretId] };
  }
  if (arn[1] !== scope.region || arn[2] !== scope.accountId) return { names: [], elsewhere: true };
  const resource = arn[3] ?? '';
  const names = [resource];
  if (/-[A-Za-z0-9]{6}$/.test(resource)) names.push(resource.slice(0, -7));
  return { names, arn: secretId };
}

/** Whether a record found under one of the identity's names is the one the ARN means. */
export function arnMatches(identity: SecretIdentity, recordArn: string): boolean {
  const given = identity.arn;
  if (given === undefined || recordArn === given) return true;
  return recordArn.startsWith(given) && /^-[A-Za-z0-9]{6}$/.test(recordArn.slice(given.length));
}
