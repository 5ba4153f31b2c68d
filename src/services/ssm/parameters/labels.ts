/**
 * LabelParameterVersion and UnlabelParameterVersion. A label names one version of a
 * parameter: attaching it elsewhere moves it. A version holds at most 10 labels. Labels
 * that break the rules (at most 100 of letters, digits, `.`, `-`, `_`; not starting with a
 * digit, `aws` or `ssm` in any case) are answered in InvalidLabels and not attached.
 */
import type { RequestContext } from '../../context.js';
import type { SsmDeps } from '../deps.js';
import { ParameterVersionLabelLimitExceeded } from '../errors.js';
import type {
  LabelParameterVersionRequest,
  LabelParameterVersionResult,
  UnlabelParameterVersionRequest,
  UnlabelParameterVersionResult,
} from '../generated/types.js';
import { labelsOf } from '../records.js';
import { parameters, readVersion, requireParameter, versionNotFound } from './lookup.js';
import { parsePlainName } from './names.js';
import { scopeOf } from '../../context.js';

export const MAX_LABELS_PER_VERSION = 10;

const LABEL = /^[A-Za-z0-9_.-]{1,100}$/;

export function isValidLabel(label: string): boolean {
  const lower = label.toLowerCase();
  return (
    LABEL.test(label) && !/^\d/.test(label) && !lower.startsWith('aws') && !lower.startsWith('ssm')
  );
}

export async function labelParameterVersion(
  deps: SsmDeps,
  input: LabelParameterVersionRequest,
  ctx: RequestContext,
): Promise<LabelParameterVersionResult> {
  const scope = scopeOf(ctx);
  const reference = parsePlainName(scope, input.Name);
  return deps.store.transaction(async (tx) => {
    const record = await requireParameter(tx, scope, reference);
    const key = reference?.key ?? '';
    const version = input.ParameterVersion ?? record.latest.version;
    if (!(await readVersion(tx, scope, key, record, version))) {
      throw versionNotFound(record.name, version);
    }
    const valid = input.Labels.filter(isValidLabel);
    const invalid = input.Labels.filter((label) => !isValidLabel(label));
    const labels = { ...record.labels };
    for (const label of valid) labels[label] = version;
    if (Object.values(labels).filter((v) => v === version).length > MAX_LABELS_PER_VERSION) {
      // AWS's words, its missing space included (as moto records them).
      throw new ParameterVersionLabelLimitExceeded(
        'A parameter version can have maximum 10 labels.Move one or more labels to another version and try again.',
      );
    }
    await parameters(tx).put(scope, key, { ...record, labels });
    return { InvalidLabels: invalid, ParameterVersion: version };
  });
}

export async function unlabelParameterVersion(
  deps: SsmDeps,
  input: UnlabelParameterVersionRequest,
  ctx: RequestContext,
): Promise<UnlabelParameterVersionResult> {
  const scope = scopeOf(ctx);
  const reference = parsePlainName(scope, input.Name);
  return deps.store.transaction(async (tx) => {
    const record = await requireParameter(tx, scope, reference);
    const key = reference?.key ?? '';
    const version = input.ParameterVersion;
    if (!(await readVersion(tx, scope, key, record, version))) {
      throw versionNotFound(record.name, version);
    }
    const attached = new Set(labelsOf(record, version));
    const removed = input.Labels.filter((label) => attached.has(label));
    const invalid = input.Labels.filter((label) => !attached.has(label));
    const labels = { ...record.labels };
    for (const label of removed) delete labels[label];
    await parameters(tx).put(scope, key, { ...record, labels });
    return { RemovedLabels: removed, InvalidLabels: invalid };
  });
}
