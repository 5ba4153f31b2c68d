/**
 * Parameter names, ARNs and selectors, with Parameter Store's rules:
 * - names use letters, digits, `_`, `.`, `-`, and `/` between the levels of a hierarchy;
 *   a name with a `/` must start with one (`/Dev/db/url`) and have no empty level;
 * - at most 15 levels; at most 1011 characters (the model's 2048 counts what AWS keeps
 *   for itself);
 * - no name may start with `aws` or `ssm` (any case), with or without its leading slash;
 *   `/aws/…` paths are AWS's public parameters, which a caller may not write;
 * - `foo` and `/foo` are one parameter, whose ARN is `arn:aws:ssm:R:A:parameter/foo`;
 * - a read may name a version or label after a colon (`name:3`, `name:prod`), and may
 *   give the ARN instead of the name.
 */
import type { Scope } from '../../../store/types.js';
import {
  AccessDeniedException,
  HierarchyLevelLimitExceededException,
  ValidationException,
} from '../errors.js';

export const MAX_LEVELS = 15;
export const MAX_NAME_LENGTH = 1011;

const NAME_CHARACTERS = /^[A-Za-z0-9_.\-/]+$/;

/** AWS's answer to a malformed name or hierarchy (LocalStack's AWS-validated tests). */
export const INVALID_NAME_MESSAGE =
  'Parameter name: can\'t be prefixed with "ssm" (case-insensitive). If formed as a path, ' +
  'it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix ' +
  'of letters, numbers and the following 3 symbols .-_';

const RESERVED_PREFIX_MESSAGE =
  'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).';

/** The store id of a parameter: a top-level name without its leading slash. */
export function parameterKey(name: string): string {
  return name.startsWith('/') && name.indexOf('/', 1) === -1 ? name.slice(1) : name;
}

/** `arn:aws:ssm:REGION:ACCOUNT:parameter/NAME`, without a doubled slash for `/a/b`. */
export function parameterArn(scope: Scope, name: string): string {
  return `arn:aws:ssm:${scope.region}:${scope.accountId}:parameter/${name.replace(/^\//, '')}`;
}

function isReservedPrefix(name: string): boolean {
  const bare = name.replace(/^\//, '').toLowerCase();
  return bare.startsWith('aws') || bare.startsWith('ssm');
}

/** The levels of a well-formed name, or undefined when it breaks the hierarchy rules. */
function levelsOf(name: string): number | undefined {
  if (!NAME_CHARACTERS.test(name)) return undefined;
  if (!name.includes('/')) return 1;
  if (!name.startsWith('/')) return undefined;
  const levels = name.slice(1).split('/');
  if (levels.some((level) => level === '')) return undefined;
  return levels.length;
}

/**
 * A name PutParameter may create: trimmed of surrounding spaces (AWS removes them), then
 * checked. Returns the name as it will be stored.
 */
export function checkNewName(raw: string): string {
  const name = raw.trim();
  if (name.length > MAX_NAME_LENGTH) {
    // Wording not confirmed: AWS documents the 1011-character limit, not its message.
    throw new ValidationException(
      `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: ` +
        `Member must have length less than or equal to ${MAX_NAME_LENGTH}`,
    );
  }
  const levels = levelsOf(name);
  if (levels === undefined) throw new ValidationException(INVALID_NAME_MESSAGE);
  if (isReservedPrefix(name)) {
    if (name.toLowerCase().startsWith('/aws/')) {
      throw new AccessDeniedException(`No access to reserved parameter name: ${name}.`);
    }
    throw new ValidationException(
      name.includes('/') ? INVALID_NAME_MESSAGE : RESERVED_PREFIX_MESSAGE,
    );
  }
  if (levels > MAX_LEVELS) {
    // The model's description of the error; AWS's exact message is not confirmed.
    throw new HierarchyLevelLimitExceededException(
      'A hierarchy can have a maximum of 15 levels. For more information, see Requirements ' +
        'and constraints for parameter names in the Amazon Web Services Systems Manager User Guide.',
    );
  }
  return name;
}

/** What a read names: a parameter, and optionally a version or a label. */
export interface ParameterReference {
  /** The name as the caller wrote it (an ARN is turned into its name). */
  name: string;
  key: string;
  selector?: { version: number } | { label: string };
  /** The selector as written, after its colon (`3`, `prod`). */
  selectorText?: string;
}

const ARN = /^arn:aws[a-z-]*:ssm:([^:]*):(\d{12}):parameter\/(.+)$/;

/**
 * Parses a name or ARN with its optional selector. An ARN of another account or region
 * names a parameter this scope does not have (a shared parameter teiki cannot share):
 * `undefined`. A malformed name is AWS's ValidationException.
 */
export function parseReference(scope: Scope, raw: string): ParameterReference | undefined {
  let text = raw.trim();
  const arn = ARN.exec(text);
  if (arn) {
    if (arn[1] !== scope.region || arn[2] !== scope.accountId) return undefined;
    const resource = arn[3] ?? '';
    const base = resource.split(':')[0] ?? '';
    text = base.includes('/') ? `/${resource}` : resource;
  }
  const colon = text.indexOf(':');
  const name = colon === -1 ? text : text.slice(0, colon);
  const selectorText = colon === -1 ? undefined : text.slice(colon + 1);
  if (levelsOf(name) === undefined) throw new ValidationException(INVALID_NAME_MESSAGE);
  const reference: ParameterReference = { name, key: parameterKey(name) };
  if (selectorText !== undefined) {
    if (selectorText === '' || selectorText.includes(':')) {
      throw new ValidationException(INVALID_NAME_MESSAGE);
    }
    reference.selectorText = selectorText;
    reference.selector = /^\d+$/.test(selectorText)
      ? { version: Number(selectorText) }
      : { label: selectorText };
  }
  return reference;
}

/** A name without a selector (DeleteParameter, GetParameterHistory, tagging). */
export function parsePlainName(scope: Scope, raw: string): ParameterReference | undefined {
  const reference = parseReference(scope, raw);
  if (reference?.selector) throw new ValidationException(INVALID_NAME_MESSAGE);
  return reference;
}
