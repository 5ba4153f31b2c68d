/**
 * ParameterFilters (DescribeParameters, GetParametersByPath) and the older Filters of
 * DescribeParameters: their checks, in AWS's words (moto's record of them), and matching.
 * Names compare with a leading slash, so `foo` and `/foo` match alike.
 */
import {
  InvalidFilterKey,
  InvalidFilterOption,
  InvalidFilterValue,
  ValidationException,
} from '../errors.js';
import type { ParameterStringFilter, ParametersFilter } from '../generated/types.js';
import type { ParameterRecord } from '../records.js';

export type FilterContext = 'describe' | 'by-path';

const TYPES = ['String', 'StringList', 'SecureString'];
const TIERS = ['Standard', 'Advanced', 'Intelligent-Tiering'];
const PATH = /^[a-zA-Z0-9_.\-/]*$/;

const RESERVED_PATH =
  'Filters for common parameters can\'t be prefixed with "aws" or "ssm" (case-insensitive). ' +
  'When using global parameters, please specify within a global namespace.';

const INVALID_PATH =
  "The parameter doesn't meet the parameter name requirements. The parameter name must begin " +
  'with a forward slash "/". It can\'t be prefixed with "aws" or "ssm" (case-insensitive). It ' +
  'must use only letters, numbers, or the following symbols: . (period), - (hyphen), _ ' +
  '(underscore). Special characters are not allowed. All sub-paths, if specified, must use the ' +
  'forward slash symbol "/". Valid example: /get/parameters2-/by1./path0_.';

function optionOf(filter: ParameterStringFilter): string {
  return filter.Option ?? (filter.Key === 'Path' ? 'OneLevel' : 'Equals');
}

function invalidOption(option: string, valid: string): InvalidFilterOption {
  return new InvalidFilterOption(
    `The following filter option is not valid: ${option}. Valid options include: [${valid}].`,
  );
}

function checkValues(values: readonly string[], valid: readonly string[]): void {
  for (const value of values) {
    if (!valid.includes(value)) {
      throw new InvalidFilterOption(
        `The following filter value is not valid: ${value}. Valid values include: [${valid.join(', ')}].`,
      );
    }
  }
}

/** A path as GetParametersByPath takes it (`/aws/…` reads AWS's public parameters). */
export function checkPathForm(path: string): void {
  if (path.includes('//') || !path.startsWith('/') || !PATH.test(path)) {
    throw new ValidationException(INVALID_PATH);
  }
}

/** A value of the Path filter, which may not reach into AWS's namespaces. */
function checkFilterPath(path: string): void {
  const lower = path.toLowerCase();
  if (lower.startsWith('/aws') || lower.startsWith('/ssm')) {
    throw new ValidationException(RESERVED_PATH);
  }
  checkPathForm(path);
}

export function checkParameterFilters(
  filters: readonly ParameterStringFilter[],
  context: FilterContext,
): void {
  const seen = new Set<string>();
  for (const filter of filters) {
    const key = filter.Key;
    const option = optionOf(filter);
    const values = filter.Values ?? [];
    if (context === 'describe' && key === 'Label') {
      throw new InvalidFilterKey(
        'The following filter key is not valid: Label. Valid filter keys include: [Path, Name, Type, KeyId, Tier].',
      );
    }
    if (context === 'by-path' && (key === 'Name' || key === 'Path' || key === 'Tier')) {
      throw new InvalidFilterKey(
        `The following filter key is not valid: ${key}. Valid filter keys include: [Type, KeyId].`,
      );
    }
    if (values.length === 0 && !key.startsWith('tag:')) {
      throw new InvalidFilterValue(
        `The following filter values are missing : null for filter key ${key}.`,
      );
    }
    if (seen.has(key)) {
      throw new InvalidFilterKey(
        `The following filter is duplicated in the request: ${key}. A request can contain only one occurrence of a specific filter.`,
      );
    }
    seen.add(key);
    if (key === 'Path') {
      if (option !== 'Recursive' && option !== 'OneLevel')
        throw invalidOption(option, 'Recursive, OneLevel');
      values.forEach(checkFilterPath);
      continue;
    }
    if (key === 'Tier') checkValues(values, TIERS);
    if (key === 'Type') checkValues(values, TYPES);
    if (key === 'Label' || key.startsWith('tag:')) {
      if (option !== 'Equals') throw invalidOption(option, 'Equals');
      continue;
    }
    if (key === 'Name') {
      if (!['Equals', 'BeginsWith', 'Contains'].includes(option))
        throw invalidOption(option, 'BeginsWith, Equals, Contains');
      continue;
    }
    if (option !== 'Equals' && option !== 'BeginsWith')
      throw invalidOption(option, 'BeginsWith, Equals');
  }
}

function slashed(name: string): string {
  return `/${name.replace(/^\/+/, '')}`;
}

function compare(option: string, actual: string | undefined, values: readonly string[]): boolean {
  if (actual === undefined) return false;
  if (option === 'BeginsWith') return values.some((value) => actual.startsWith(value));
  if (option === 'Contains') return values.some((value) => actual.includes(value));
  return values.includes(actual);
}

function pathMatches(option: string, name: string, values: readonly string[]): boolean {
  const full = slashed(name);
  return values.some((value) => {
    const base = slashed(value).replace(/\/+$/, '');
    if (option === 'Recursive') return base === '' || full.startsWith(`${base}/`);
    return full.slice(0, full.lastIndexOf('/')) === base;
  });
}

function matchesOne(record: ParameterRecord, filter: ParameterStringFilter): boolean {
  const option = optionOf(filter);
  const values = filter.Values ?? [];
  const latest = record.latest;
  switch (filter.Key) {
    case 'Name':
      return option === 'Contains'
        ? compare(option, record.name, values)
        : compare(option, slashed(record.name), values.map(slashed));
    case 'Path':
      return pathMatches(option, record.name, values);
    case 'Type':
      return compare(option, latest.type, values);
    case 'KeyId':
      return compare(option, latest.keyId, values);
    case 'Tier':
      return compare(option, latest.tier, values);
    case 'DataType':
      return compare(option, latest.dataType, values);
    case 'Label':
      return Object.keys(record.labels).some((label) => values.includes(label));
    default: {
      const tagKey = filter.Key.slice('tag:'.length);
      const tag = record.tags.find((t) => t.Key === tagKey);
      return tag !== undefined && (values.length === 0 || values.includes(tag.Value));
    }
  }
}

export function matchesParameterFilters(
  record: ParameterRecord,
  filters: readonly ParameterStringFilter[],
): boolean {
  return filters.every((filter) => matchesOne(record, filter));
}

/** The older Filters: Name by prefix, Type and KeyId exactly; any value of a filter matches. */
export function matchesLegacyFilters(
  record: ParameterRecord,
  filters: readonly ParametersFilter[],
): boolean {
  return filters.every((filter) => {
    if (filter.Key === 'Name') return compare('BeginsWith', record.name, filter.Values);
    if (filter.Key === 'Type') return compare('Equals', record.latest.type, filter.Values);
    return compare('Equals', record.latest.keyId, filter.Values);
  });
}
