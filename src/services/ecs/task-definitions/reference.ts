/**
 * What a task definition reference names: `FAMILY` (its latest ACTIVE revision),
 * `FAMILY:REVISION`, or the ARN of either
 * (`arn:aws:ecs:REGION:ACCOUNT:task-definition/FAMILY[:REVISION]`).
 */
import type { Scope } from '../../../store/types.js';

export const NAME_PATTERN = /^[a-zA-Z0-9_-]{1,255}$/;

const ARN = /^arn:aws[a-z-]*:ecs:([^:]*):(\d{12}):task-definition\/(.+)$/;

export type TaskDefinitionReference =
  | { kind: 'family'; family: string }
  | { kind: 'revision'; family: string; revision: number }
  /** A revision that is not a number (`web:latest`); AWS names it in its error. */
  | { kind: 'bad-revision'; family: string; revision: string }
  /** Not a reference this scope can hold: malformed, or an ARN of another account or region. */
  | { kind: 'unknown' };

export function parseTaskDefinitionReference(
  reference: string,
  scope: Scope,
): TaskDefinitionReference {
  let name = reference;
  if (reference.startsWith('arn:')) {
    const match = ARN.exec(reference);
    if (!match || match[1] !== scope.region || match[2] !== scope.accountId)
      return { kind: 'unknown' };
    name = match[3] ?? '';
  }
  const colon = name.indexOf(':');
  const family = colon < 0 ? name : name.slice(0, colon);
  if (!NAME_PATTERN.test(family)) return { kind: 'unknown' };
  if (colon < 0) return { kind: 'family', family };
  const revision = name.slice(colon + 1);
  if (!/^\d+$/.test(revision)) return { kind: 'bad-revision', family, revision };
  const number = Number(revision);
  return number >= 1 && Number.isSafeInteger(number)
    ? { kind: 'revision', family, revision: number }
    : { kind: 'unknown' };
}
