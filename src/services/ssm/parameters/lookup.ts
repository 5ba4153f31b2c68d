/** Reading parameters and their versions, and resolving a reference's selector. */
import type { Scope, StoreSession } from '../../../store/types.js';
import { ParameterNotFound, ParameterVersionNotFound } from '../errors.js';
import {
  PARAMETER_VERSIONS,
  PARAMETERS,
  versionId,
  type ParameterRecord,
  type ParameterVersionRecord,
} from '../records.js';
import type { ParameterReference } from './names.js';

/**
 * AWS answers ParameterNotFound without a message (clients print `null` or nothing), for
 * GetParameter and the other operations on one parameter.
 */
export function parameterNotFound(): ParameterNotFound {
  return new ParameterNotFound('');
}

export function versionNotFound(name: string, version: number): ParameterVersionNotFound {
  return new ParameterVersionNotFound(
    `Systems Manager could not find version ${version} of ${name}. Verify the version and try again.`,
  );
}

export function parameters(session: StoreSession) {
  return session.collection<ParameterRecord>(PARAMETERS);
}

export function parameterVersions(session: StoreSession) {
  return session.collection<ParameterVersionRecord>(PARAMETER_VERSIONS);
}

export async function requireParameter(
  session: StoreSession,
  scope: Scope,
  reference: ParameterReference | undefined,
): Promise<ParameterRecord> {
  const record = reference && (await parameters(session).get(scope, reference.key));
  if (!record) throw parameterNotFound();
  return record;
}

export async function readVersion(
  session: StoreSession,
  scope: Scope,
  key: string,
  record: ParameterRecord,
  version: number,
): Promise<ParameterVersionRecord | undefined> {
  if (version === record.latest.version) return record.latest;
  if (version < record.oldestVersion || version > record.latest.version) return undefined;
  return parameterVersions(session).get(scope, versionId(key, version));
}

/** The version a reference selects: the latest, a numbered one, or the one a label names. */
export async function selectVersion(
  session: StoreSession,
  scope: Scope,
  reference: ParameterReference,
  record: ParameterRecord,
): Promise<ParameterVersionRecord> {
  const selector = reference.selector;
  if (!selector) return record.latest;
  if ('version' in selector) {
    const found = await readVersion(session, scope, reference.key, record, selector.version);
    if (!found) throw versionNotFound(reference.name, selector.version);
    return found;
  }
  const labelled = record.labels[selector.label];
  const found =
    labelled === undefined
      ? undefined
      : await readVersion(session, scope, reference.key, record, labelled);
  if (!found) throw parameterNotFound();
  return found;
}
