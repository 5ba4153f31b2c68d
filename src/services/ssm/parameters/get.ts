/**
 * GetParameter and GetParameters: by name or ARN, with an optional `:version` or `:label`
 * selector; a SecureString decrypted only with WithDecryption. The answer names the
 * parameter as the caller did (`/foo` or `foo`). `readParameters` is the same read for
 * callers inside teiki (a task's `secrets`), which pass the scope they read in.
 */
import type { Scope, StoreSession } from '../../../store/types.js';
import type { RequestContext } from '../../context.js';
import type { SsmDeps } from '../deps.js';
import { ParameterNotFound, ParameterVersionNotFound } from '../errors.js';
import type {
  GetParameterRequest,
  GetParameterResult,
  GetParametersRequest,
  GetParametersResult,
  Parameter,
} from '../generated/types.js';
import { parameterNotFound, requireParameter, selectVersion } from './lookup.js';
import { parseReference } from './names.js';
import { parameterOutput } from './output.js';
import { scopeOf } from '../../context.js';

async function readOne(
  session: StoreSession,
  scope: Scope,
  name: string,
  withDecryption: boolean,
): Promise<Parameter> {
  const reference = parseReference(scope, name);
  if (!reference) throw parameterNotFound();
  const record = await requireParameter(session, scope, reference);
  const version = await selectVersion(session, scope, reference, record);
  return parameterOutput(scope, reference.name, version, withDecryption, reference.selectorText);
}

export async function getParameter(
  deps: SsmDeps,
  input: GetParameterRequest,
  ctx: RequestContext,
): Promise<GetParameterResult> {
  const parameter = await readOne(
    deps.store,
    scopeOf(ctx),
    input.Name,
    input.WithDecryption === true,
  );
  return { Parameter: parameter };
}

/**
 * Up to 10 parameters of one scope: those found, and the names (as given) that name no
 * parameter or no such version or label. A malformed name fails the whole call, as AWS's
 * ValidationException does.
 */
export async function readParameters(
  session: StoreSession,
  scope: Scope,
  names: readonly string[],
  withDecryption: boolean,
): Promise<{ parameters: Parameter[]; invalidParameters: string[] }> {
  const parameters: Parameter[] = [];
  const invalidParameters: string[] = [];
  for (const name of new Set(names)) {
    try {
      parameters.push(await readOne(session, scope, name, withDecryption));
    } catch (error) {
      if (error instanceof ParameterNotFound || error instanceof ParameterVersionNotFound) {
        invalidParameters.push(name);
      } else {
        throw error;
      }
    }
  }
  return { parameters, invalidParameters };
}

export async function getParameters(
  deps: SsmDeps,
  input: GetParametersRequest,
  ctx: RequestContext,
): Promise<GetParametersResult> {
  const read = await readParameters(
    deps.store,
    scopeOf(ctx),
    input.Names,
    input.WithDecryption === true,
  );
  return { Parameters: read.parameters, InvalidParameters: read.invalidParameters };
}
