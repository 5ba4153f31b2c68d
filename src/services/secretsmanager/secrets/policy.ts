/**
 * A secret's resource policy: stored and answered as given. teiki does not evaluate it
 * (another account cannot reach this account's secrets in teiki), and
 * BlockPublicPolicy is accepted without checking for public access.
 */
import type { RequestContext } from '../../context.js';
import type { SecretsDeps } from '../deps.js';
import { MalformedPolicyDocumentException } from '../errors.js';
import type {
  DeleteResourcePolicyRequest,
  DeleteResourcePolicyResponse,
  GetResourcePolicyRequest,
  GetResourcePolicyResponse,
  PutResourcePolicyRequest,
  PutResourcePolicyResponse,
} from '../generated/types.js';
import { requireLiveSecret, requireSecret, secrets } from './lookup.js';
import { scopeOf } from '../../context.js';

function isJsonObject(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

export async function getResourcePolicy(
  deps: SecretsDeps,
  input: GetResourcePolicyRequest,
  ctx: RequestContext,
): Promise<GetResourcePolicyResponse> {
  const scope = scopeOf(ctx);
  const record = await deps.store.transaction((tx) =>
    requireSecret(tx, scope, input.SecretId, deps.clock.nowMs()),
  );
  return {
    ARN: record.arn,
    Name: record.name,
    ...(record.resourcePolicy !== undefined ? { ResourcePolicy: record.resourcePolicy } : {}),
  };
}

export async function putResourcePolicy(
  deps: SecretsDeps,
  input: PutResourcePolicyRequest,
  ctx: RequestContext,
): Promise<PutResourcePolicyResponse> {
  if (!isJsonObject(input.ResourcePolicy)) {
    // Wording not confirmed.
    throw new MalformedPolicyDocumentException('This resource policy contains a syntax error.');
  }
  const scope = scopeOf(ctx);
  return deps.store.transaction(async (tx) => {
    const nowMs = deps.clock.nowMs();
    const record = await requireLiveSecret(tx, scope, input.SecretId, nowMs);
    await secrets(tx).put(scope, record.name, {
      ...record,
      resourcePolicy: input.ResourcePolicy,
      lastChangedDate: nowMs,
    });
    return { ARN: record.arn, Name: record.name };
  });
}

export async function deleteResourcePolicy(
  deps: SecretsDeps,
  input: DeleteResourcePolicyRequest,
  ctx: RequestContext,
): Promise<DeleteResourcePolicyResponse> {
  const scope = scopeOf(ctx);
  return deps.store.transaction(async (tx) => {
    const nowMs = deps.clock.nowMs();
    const record = await requireLiveSecret(tx, scope, input.SecretId, nowMs);
    const { resourcePolicy: _removed, ...rest } = record;
    await secrets(tx).put(scope, record.name, { ...rest, lastChangedDate: nowMs });
    return { ARN: record.arn, Name: record.name };
  });
}
