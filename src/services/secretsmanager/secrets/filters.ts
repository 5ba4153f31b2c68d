/**
 * ListSecrets' and BatchGetSecretValue's Filters. Within a filter any value may match;
 * every filter must. A value starting with `!` matches when its attribute does not.
 * `name`, `tag-key`, `tag-value` and `primary-region` match by prefix, case-sensitively;
 * `description`, `owning-service` and `all` split values into words (at `/-_+=.@` and
 * at spaces and capitals) and match each word by prefix, case-insensitively, as AWS's tests (moto's
 * record of them) show.
 */
import type { Filter } from '../generated/types.js';
import type { SecretRecord } from '../records.js';

const SEPARATORS = ['/', '-', '_', '+', '=', '.', '@'];

function camelWords(text: string): string[] {
  return text.split(/\s+|(?=[A-Z][a-z])|(?<=[a-z])(?=[A-Z])/).filter((w) => w !== '');
}

function words(text: string): string[] {
  if (SEPARATORS.includes(text)) return [];
  const used = SEPARATORS.filter((sep) => text.includes(sep));
  if (used.length > 1) return [text];
  const parts = used.length === 1 ? text.split(used[0] as string) : [text];
  return parts.flatMap(camelWords);
}

function prefixMatch(value: string, attribute: string): boolean {
  return attribute.startsWith(value);
}

function wordMatch(value: string, attribute: string): boolean {
  const wanted = words(value).map((w) => w.toLowerCase());
  if (wanted.length === 0) return false;
  const have = words(attribute).map((w) => w.toLowerCase());
  return wanted.every((word) => have.some((h) => h.startsWith(word)));
}

function attributes(record: SecretRecord, key: Filter['Key']): string[] {
  const tags = record.tags ?? [];
  switch (key) {
    case 'name':
      return [record.name];
    case 'description':
      return record.description ? [record.description] : [];
    case 'tag-key':
      return tags.map((t) => t.Key ?? '');
    case 'tag-value':
      return tags.map((t) => t.Value ?? '');
    case 'primary-region':
      return record.replication ? [record.arn.split(':')[3] ?? ''] : [];
    case 'owning-service':
      return [];
    default:
      return [
        record.name,
        ...(record.description ? [record.description] : []),
        ...tags.flatMap((t) => [t.Key ?? '', t.Value ?? '']),
      ];
  }
}

function byWords(key: Filter['Key']): boolean {
  return key === 'description' || key === 'owning-service' || key === 'all';
}

export function matchesFilters(record: SecretRecord, filters: readonly Filter[]): boolean {
  return filters.every((filter) => {
    const values = filter.Values ?? [];
    const attrs = attributes(record, filter.Key);
    const match = byWords(filter.Key) ? wordMatch : prefixMatch;
    return values.some((value) =>
      value.startsWith('!')
        ? attrs.length > 0 && attrs.every((attr) => !match(value.slice(1), attr))
        : attrs.some((attr) => match(value, attr)),
    );
  });
}
