/**
 * AddTagsToResource, RemoveTagsFromResource, ListTagsForResource. Only parameters exist
 * in teiki's SSM: the other taggable resource types are valid names for resources it does
 * not have (InvalidResourceId). A parameter is named by its name or ARN.
 */
import type { OperationTable } from '../../operation.js';
import type { SsmDeps } from '../deps.js';
import { InvalidResourceId } from '../errors.js';
import type { SsmOperations } from '../generated/types.js';
import { parameters } from '../parameters/lookup.js';
import { parsePlainName } from '../parameters/names.js';
import { type ParameterRecord } from '../records.js';
import { checkTagCount, mergeTags } from './rules.js';
import type { RequestContext } from '../../context.js';
import type { ResourceTypeForTagging } from '../generated/types.js';
import { scopeOf } from '../../context.js';

// Wording not confirmed (moto's); AWS documents the error, not its message.
const INVALID_RESOURCE_ID = 'Invalid Resource Id';

function keyOf(ctx: RequestContext, type: ResourceTypeForTagging, id: string): string {
  if (type !== 'Parameter') throw new InvalidResourceId(INVALID_RESOURCE_ID);
  let reference;
  try {
    reference = parsePlainName(scopeOf(ctx), id);
  } catch {
    throw new InvalidResourceId(INVALID_RESOURCE_ID);
  }
  if (!reference) throw new InvalidResourceId(INVALID_RESOURCE_ID);
  return reference.key;
}

async function updateTags(
  deps: SsmDeps,
  ctx: RequestContext,
  type: ResourceTypeForTagging,
  id: string,
  change: (record: ParameterRecord) => ParameterRecord['tags'],
): Promise<Record<string, never>> {
  const scope = scopeOf(ctx);
  const key = keyOf(ctx, type, id);
  await deps.store.transaction(async (tx) => {
    const record = await parameters(tx).get(scope, key);
    if (!record) throw new InvalidResourceId(INVALID_RESOURCE_ID);
    await parameters(tx).put(scope, key, { ...record, tags: change(record) });
  });
  return {};
}

export function tagsOperations(deps: SsmDeps): OperationTable<SsmOperations> {
  return {
    AddTagsToResource: (input, ctx) =>
      updateTags(deps, ctx, input.ResourceType, input.ResourceId, (record) => {
        const tags = mergeTags(record.tags, input.Tags);
        checkTagCount(tags.length);
        return tags;
      }),
    RemoveTagsFromResource: (input, ctx) =>
      updateTags(deps, ctx, input.ResourceType, input.ResourceId, (record) =>
        record.tags.filter((tag) => !input.TagKeys.includes(tag.Key)),
      ),
    ListTagsForResource: async (input, ctx) => {
      const key = keyOf(ctx, input.ResourceType, input.ResourceId);
      const record = await parameters(deps.store).get(scopeOf(ctx), key);
      if (!record) throw new InvalidResourceId(INVALID_RESOURCE_ID);
      return { TagList: record.tags };
    },
  };
}
