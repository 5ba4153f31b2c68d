/**
 * EC2's `Filter.N.Name` / `Filter.N.Value.M`: a resource matches when, for every filter,
 * one of its values for that filter name matches one of the filter's values (values are
 * ORed, filters ANDed). Values may use `*` and `?` wildcards, `\` escaping them. Every
 * Describe also understands `tag:<key>`, `tag-key` and `tag-value`. An unknown filter
 * name is refused, as AWS refuses it.
 */
import type { Filter, Tag } from './generated/types.js';
import type { ServiceError } from '../error.js';
import { invalidParameterValue } from './errors.js';

type Scalar = string | number | boolean | undefined | null;

/** Per filter name, the values a resource has for it. */
export type FilterSpec<T> = Record<string, (resource: T) => Scalar | Scalar[]>;

function toStrings(value: Scalar | Scalar[]): string[] {
  const list = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of list) if (item !== undefined && item !== null) out.push(String(item));
  return out;
}

const patternCache = new Map<string, RegExp>();

/** A filter value as a whole-string matcher, honouring `*`, `?` and `\` escapes. */
export function wildcardPattern(value: string): RegExp {
  const cached = patternCache.get(value);
  if (cached) return cached;
  let source = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] ?? '';
    if (ch === '\\' && i + 1 < value.length) {
      source += escapeRegex(value[++i] ?? '');
    } else if (ch === '*') {
      source += '[\\s\\S]*';
    } else if (ch === '?') {
      source += '[\\s\\S]';
    } else {
      source += escapeRegex(ch);
    }
  }
  const pattern = new RegExp(`^${source}$`);
  if (patternCache.size > 1000) patternCache.clear();
  patternCache.set(value, pattern);
  return pattern;
}

function escapeRegex(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function anyMatches(have: string[], wanted: string[]): boolean {
  return wanted.some((value) => {
    const pattern = wildcardPattern(value);
    return have.some((candidate) => pattern.test(candidate));
  });
}

function tagValues(tags: Tag[], name: string): string[] | undefined {
  if (name.startsWith('tag:')) {
    const key = name.slice(4);
    return tags.filter((t) => t.Key === key).map((t) => t.Value ?? '');
  }
  if (name === 'tag-key') return tags.map((t) => t.Key ?? '');
  if (name === 'tag-value') return tags.map((t) => t.Value ?? '');
  return undefined;
}

export function invalidFilter(name: string): ServiceError {
  return invalidParameterValue(`The filter '${name}' is invalid`);
}

/**
 * Checks every filter name first (an unknown one fails the whole call), then keeps the
 * resources that pass them all. `tagsOf` is omitted for resources that have no tags.
 */
export function applyFilters<T>(
  resources: T[],
  filters: Filter[] | undefined,
  spec: FilterSpec<T>,
  tagsOf?: (resource: T) => Tag[],
): T[] {
  if (!filters || filters.length === 0) return resources;
  const checks = filters.map((filter) => {
    const name = filter.Name ?? '';
    const wanted = filter.Values ?? [];
    const isTagFilter = name.startsWith('tag:') || name === 'tag-key' || name === 'tag-value';
    if (isTagFilter && tagsOf) {
      return (resource: T) => anyMatches(tagValues(tagsOf(resource), name) ?? [], wanted);
    }
    const extract = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (!extract) throw invalidFilter(name === '' ? 'null' : name);
    return (resource: T) => anyMatches(toStrings(extract(resource)), wanted);
  });
  return resources.filter((resource) => checks.every((check) => check(resource)));
}
