/**
 * What PutParameter checks about a value and its settings: the type (kept from the
 * parameter on an overwrite that names none), the data type, the tier and its size limit,
 * the allowed pattern, and parameter policies (Advanced tier only).
 */
import {
  HierarchyTypeMismatchException,
  InvalidAllowedPatternException,
  InvalidPolicyAttributeException,
  InvalidPolicyTypeException,
  ParameterPatternMismatchException,
  ValidationException,
} from '../errors.js';
import type { ParameterTier, ParameterType } from '../generated/types.js';
import type { ParameterPolicyRecord, ParameterVersionRecord } from '../records.js';
import { compileAllowedPattern } from './allowed-pattern.js';

export const STANDARD_MAX_VALUE = 4096;
export const ADVANCED_MAX_VALUE = 8192;

const DATA_TYPES = ['text', 'aws:ec2:image', 'aws:ssm:integration'];
const AMI_ID = /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/;
const POLICY_TYPES = ['Expiration', 'ExpirationNotification', 'NoChangeNotification'];

export function resolveType(
  requested: ParameterType | undefined,
  previous: ParameterVersionRecord | undefined,
): ParameterType {
  if (requested === undefined) {
    if (previous) return previous.type;
    // Wording not confirmed: the model made Type optional for overwrites only.
    throw new ValidationException('A parameter type is required when you create a parameter.');
  }
  if (previous && previous.type !== requested) {
    // The model's description of the error; AWS's exact message is not confirmed.
    throw new HierarchyTypeMismatchException(
      "Parameter Store doesn't support changing a parameter type in a hierarchy. For example, " +
        "you can't change a parameter from a String type to a SecureString type. You must " +
        'create a new, unique parameter.',
    );
  }
  return requested;
}

export function checkDataType(dataType: string, type: ParameterType, value: string): void {
  if (!DATA_TYPES.includes(dataType)) {
    throw new ValidationException(
      `The following data type is not supported: ${dataType} (Data type names are all lowercase.)`,
    );
  }
  // AWS validates an image id after answering and leaves a bad one unavailable; teiki
  // refuses it at once (wording not confirmed).
  if (dataType === 'aws:ec2:image' && (type !== 'String' || !AMI_ID.test(value))) {
    throw new ValidationException(
      `Parameter value, cannot be validated against dataType: ${dataType}`,
    );
  }
}

/**
 * The tier the new version gets. Intelligent-Tiering picks Advanced only when the value or
 * policies need it; an Advanced parameter never goes back to Standard.
 */
export function resolveTier(
  requested: ParameterTier | undefined,
  previous: ParameterVersionRecord | undefined,
  value: string,
  hasPolicies: boolean,
): 'Standard' | 'Advanced' {
  const wasAdvanced = previous?.tier === 'Advanced';
  if (requested === 'Standard' && wasAdvanced) {
    // The user guide's wording; the error's exact message is not confirmed.
    throw new ValidationException(
      "This parameter uses the advanced-parameter tier. You can't downgrade a parameter from " +
        'the advanced-parameter tier to the standard-parameter tier. If necessary, you can ' +
        'delete the advanced parameter and recreate it as a standard parameter.',
    );
  }
  let tier: 'Standard' | 'Advanced';
  if (requested === 'Advanced' || wasAdvanced) tier = 'Advanced';
  else if (requested === 'Intelligent-Tiering')
    tier = value.length > STANDARD_MAX_VALUE || hasPolicies ? 'Advanced' : 'Standard';
  else tier = 'Standard';
  if (tier === 'Standard' && value.length > STANDARD_MAX_VALUE) {
    throw new ValidationException(
      'Standard tier parameters support a maximum parameter value of 4096 characters. To ' +
        'create a larger parameter value, upgrade the parameter to use the advanced-parameter ' +
        'tier. For more information, see ' +
        'https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html',
    );
  }
  if (value.length > ADVANCED_MAX_VALUE) {
    // Modelled on the Standard tier's message; not confirmed.
    throw new ValidationException(
      'Advanced tier parameters support a maximum parameter value of 8192 characters.',
    );
  }
  if (tier === 'Standard' && hasPolicies) {
    // Wording not confirmed: AWS documents policies as an Advanced-tier feature.
    throw new ValidationException(
      'Parameter policies are supported only for parameters in the advanced-parameter tier.',
    );
  }
  return tier;
}

export function checkAllowedPattern(pattern: string | undefined, value: string): void {
  if (pattern === undefined || pattern === '') return;
  const compiled = compileAllowedPattern(pattern);
  if (!compiled) {
    // The model's description of the error; AWS's exact message is not confirmed.
    throw new InvalidAllowedPatternException(
      "The request doesn't meet the regular expression requirement.",
    );
  }
  if (!compiled.matches(value)) {
    throw new ParameterPatternMismatchException(
      `Parameter value, cannot be validated against allowedPattern: ${pattern}`,
    );
  }
}

/** The policies of `Policies` (a JSON array of `{Type, Version, Attributes}`), as Describe shows them. */
export function parsePolicies(text: string | undefined): ParameterPolicyRecord[] | undefined {
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidPolicyAttributeException('A policy attribute or its value is invalid.');
  }
  if (!Array.isArray(parsed)) {
    throw new InvalidPolicyAttributeException('A policy attribute or its value is invalid.');
  }
  return parsed.map((policy: unknown) => {
    const type =
      typeof policy === 'object' && policy !== null
        ? (policy as { Type?: unknown }).Type
        : undefined;
    if (typeof type !== 'string' || !POLICY_TYPES.includes(type)) {
      throw new InvalidPolicyTypeException(
        "The policy type isn't supported. Parameter Store supports the following policy " +
          'types: Expiration, ExpirationNotification, and NoChangeNotification.',
      );
    }
    return { PolicyText: JSON.stringify(policy), PolicyType: type, PolicyStatus: 'Pending' };
  });
}
