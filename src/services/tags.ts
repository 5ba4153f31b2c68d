/**
 * Tags laid over a resource's tags, the one rule the services share, each with its own
 * key casing and limit: a key given again takes the new value (where keys compare without
 * case, the case last written too), a new key is appended, and a result past the
 * service's per-resource limit fails with that service's own error.
 */

export interface TagMerge<T> {
  /**
   * A tag's key as the service compares keys: `(t) => t.Key` for most, lower-cased for
   * IAM, `(t) => t.key` for ECS's lower-case members.
   */
  keyOf: (tag: T) => string | undefined;
  /** The per-resource limit and the service's error past it; none: checked elsewhere. */
  limit?: { max: number; exceeded: () => Error };
  /** Where a key tagged again goes: its old place (most services) or last (IAM). */
  retagged?: 'in-place' | 'last';
}

export function mergeTags<T extends object>(
  existing: readonly T[],
  incoming: readonly T[],
  rules: TagMerge<T>,
): T[] {
  const byKey = new Map<string | undefined, T>(
    existing.map((tag) => [rules.keyOf(tag), { ...tag }]),
  );
  for (const tag of incoming) {
    const key = rules.keyOf(tag);
    if (rules.retagged === 'last') byKey.delete(key);
    byKey.set(key, { ...tag });
  }
  if (rules.limit && byKey.size > rules.limit.max) throw rules.limit.exceeded();
  return [...byKey.values()];
}

/** `current` without the tags whose key is in `keys`; keys the resource lacks are ignored, as AWS does. */
export function removeTags<T>(
  current: readonly T[],
  keys: readonly string[],
  keyOf: (tag: T) => string | undefined,
): T[] {
  const drop = new Set(keys);
  return current.filter((tag) => {
    const key = keyOf(tag);
    return key === undefined || !drop.has(key);
  });
}

/** A `{Key, Value}` tag as stored: only its key and value, whatever else the request's object carried. */
export function keyValueTag(tag: { Key: string; Value: string }): { Key: string; Value: string } {
  return { Key: tag.Key, Value: tag.Value };
}
