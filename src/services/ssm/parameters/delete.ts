/** DeleteParameter and DeleteParameters: a parameter goes with all its versions and tags. */
import type { Scope, Store } from '../../../store/types.js';
import type { RequestContext } from '../../context.js';
import type { SsmDeps } from '../deps.js';
import type {
  DeleteParameterRequest,
  DeleteParametersRequest,
  DeleteParametersResult,
} from '../generated/types.js';
import { versionPrefix } from '../records.js';
import { parameterNotFound, parameters, parameterVersions } from './lookup.js';
import { parsePlainName, type ParameterReference } from './names.js';
import { scopeOf } from '../../context.js';

/** Deletes the parameter a reference names; false when there is none. */
async function deleteOne(
  store: Store,
  scope: Scope,
  reference: ParameterReference | undefined,
): Promise<boolean> {
  if (!reference) return false;
  return store.transaction(async (tx) => {
    if (!(await parameters(tx).delete(scope, reference.key))) return false;
    const versions = parameterVersions(tx);
    for (const { id } of await versions.list(scope, { prefix: versionPrefix(reference.key) })) {
      await versions.delete(scope, id);
    }
    return true;
  });
}

export async function deleteParameter(
  deps: SsmDeps,
  input: DeleteParameterRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const scope = scopeOf(ctx);
  if (!(await deleteOne(deps.store, scope, parsePlainName(scope, input.Name)))) {
    throw parameterNotFound();
  }
  return {};
}

/** Names that name no parameter, malformed ones included, are answered as invalid. */
export async function deleteParameters(
  deps: SsmDeps,
  input: DeleteParametersRequest,
  ctx: RequestContext,
): Promise<DeleteParametersResult> {
  const scope = scopeOf(ctx);
  const deleted: string[] = [];
  const invalid: string[] = [];
  for (const name of new Set(input.Names)) {
    let reference: ParameterReference | undefined;
    try {
      reference = parsePlainName(scope, name);
    } catch {
      reference = undefined;
    }
    (reference && (await deleteOne(deps.store, scope, reference)) ? deleted : invalid).push(name);
  }
  return { DeletedParameters: deleted, InvalidParameters: invalid };
}
