/**
 * EC2's `Filter.N.Name` / `Filter.N.Value.M`: a resource matches when, for every filter,
 * one of its values for that filter name matches one of the filter's values (values are
 * ORed, filters ANDed). Values may use `*` and `?` wildcards, `\` escaping them. Every
 * Describe also understands `tag:<key>`, `tag-key` and `tag-value`. An unknown filter
 * name is refused, as AWS refuses it.
 */
import type { Filter, Tag } from './generated/types.js';
import type { ServiceError } from '../error.js';
import { ec2Error, invalidParameterValue } from './errors.js';
import { globMatcher, GlobTokens, type GlobMatcher } from '../../engine/glob/index.js';

type Scalar = string | number | boolean | undefined | null;

/** Per filter name, the values a resource has for it. */
export type FilterSpec<T> = Record<string, (resource: T) => Scalar | Scalar[]>;

function toStrings(value: Scalar | Scalar[]): string[] {
  const list = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of list) if (item !== undefined && item !== null) out.push(String(item));
  return out;
}

const patternCache = new Map<string, GlobMatcher>();

/**
 * A filter value as a whole-string matcher, honouring `*`, `?` and `\` escapes. It runs
 * on engine/glob, never a regular expression: a value is request text, and a backtracking
 * `*a*a*a*…b` would hold the process.
 */
export function wildcardPattern(value: string): GlobMatcher {
  const cached = patternCache.get(value);
  if (cached) return cached;
  const tokens = new GlobTokens();
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] ?? '';
    if (ch === '\\' && i + 1 < value.length) tokens.literal(value[++i] ?? '');
    else if (ch === '*') tokens.star();
    else if (ch === '?') tokens.any();
    else tokens.literal(ch);
  }
  const pattern = globMatcher(tokens.tokens);
  if (patternCache.size > 1000) patternCache.clear();
  patternCache.set(value, pattern);
  return pattern;
}

/** AWS's caps on one call's filters (EC2's `FilterLimitExceeded`). */
export const MAX_FILTER_VALUES = 200;
export const MAX_FILTER_VALUE_LENGTH = 255;

/**
 * Refuses what AWS refuses before any work: more than 200 filter values in one call, or a
 * value over 255 characters. A filter with no values still counts as one, so a request
 * cannot carry an unbounded number of empty filters either (AWS's count of those is not
 * documented).
 */
export function checkFilterLimits(filters: Filter[] | undefined): void {
  if (!filters) return;
  let values = 0;
  for (const filter of filters) {
    values += Math.max(1, filter.Values?.length ?? 0);
    if (values > MAX_FILTER_VALUES) {
      throw ec2Error(
        'FilterLimitExceeded',
        `The maximum number of filter values specified on a single call is ${MAX_FILTER_VALUES}`,
      );
    }
  }
  for (const filter of filters) {
    for (const value of filter.Values ?? []) {
      if (value.length > MAX_FILTER_VALUE_LENGTH) {
        throw ec2Error(
          'FilterLimitExceeded',
          `The maximum length for a filter value is ${MAX_FILTER_VALUE_LENGTH} characters`,
        );
      }
    }
  }
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
