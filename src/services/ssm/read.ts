/**
 * Parameter Store for the rest of teiki: reading parameters in-process, as a given
 * principal would through GetParameters (the caller checks that principal's IAM
 * permissions first; this module knows nothing of IAM). Names may be names or ARNs, with
 * `:version` or `:label` selectors, exactly as GetParameters takes them.
 */
import type { Scope } from '../../store/types.js';
import type { SsmDeps } from './deps.js';
import type { Parameter } from './generated/types.js';
import { readParameters } from './parameters/get.js';

export interface ParameterReader {
  getParameters(
    scope: Scope,
    names: readonly string[],
    withDecryption: boolean,
  ): Promise<{ parameters: Parameter[]; invalidParameters: string[] }>;
}

export function createParameterReader(deps: SsmDeps): ParameterReader {
  return {
    getParameters: (scope, names, withDecryption) =>
      readParameters(deps.store, scope, names, withDecryption),
  };
}
