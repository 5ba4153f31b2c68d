/** TagResource and UntagResource: a key tagged again takes the new value. */
import type { RequestContext } from '../../context.js';
import type { OperationTable } from '../../operation.js';
import { mergeTags } from '../../tags.js';
import type { SecretsDeps } from '../deps.js';
import type { SecretsmanagerOperations, Tag } from '../generated/types.js';
import { requireSecret, secrets } from '../secrets/lookup.js';
import { scopeOf } from '../../context.js';

async function changeTags(
  deps: SecretsDeps,
  ctx: RequestContext,
  secretId: string,
  change: (tags: Tag[]) => Tag[],
): Promise<Record<string, never>> {
  const scope = scopeOf(ctx);
  await deps.store.transaction(async (tx) => {
    const nowMs = deps.clock.nowMs();
    const record = await requireSecret(tx, scope, secretId, nowMs);
    await secrets(tx).put(scope, record.name, {
      ...record,
      tags: change(record.tags ?? []),
      lastChangedDate: nowMs,
    });
  });
  return {};
}

export function tagsOperations(deps: SecretsDeps): OperationTable<SecretsmanagerOperations> {
  return {
    TagResource: (input, ctx) =>
      changeTags(deps, ctx, input.SecretId, (tags) =>
        mergeTags(tags, input.Tags, { keyOf: (tag) => tag.Key }),
      ),
    UntagResource: (input, ctx) =>
      changeTags(deps, ctx, input.SecretId, (tags) =>
        tags.filter((t) => !input.TagKeys.includes(t.Key ?? '')),
      ),
  };
}
