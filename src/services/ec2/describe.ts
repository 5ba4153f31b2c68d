/**
 * The one way EC2's Describe operations answer: the selected records that pass every
 * filter (filters.ts), in id order, one MaxResults/NextToken page at a time (paging.ts).
 * Ids order the pages, so records created or deleted between pages neither repeat nor
 * shift the rest.
 */
import { applyFilters, type FilterSpec } from './filters.js';
import type { Filter, Tag } from './generated/types.js';
import { byId, pageOf, type Page } from './paging.js';

/** How a Describe operation sees one kind of record. */
export interface DescribeView<T> {
  /** The record's id: its place in the answer, and what a NextToken names. */
  idOf: (record: T) => string;
  /** Per filter name, the record's values for it (`tag:…` filters come from `tagsOf`). */
  filters: FilterSpec<T>;
  /** Omitted for records that carry no tags. */
  tagsOf?: (record: T) => Tag[];
}

/** Every record that passes the filters, in id order (for the Describes AWS does not page). */
export function describeAll<T>(
  records: T[],
  view: DescribeView<T>,
  filters: Filter[] | undefined,
): T[] {
  return applyFilters(records, filters, view.filters, view.tagsOf).sort(byId(view.idOf));
}

/** One page of the records that pass the filters, in id order. */
export function describePage<T>(
  records: T[],
  view: DescribeView<T>,
  filters: Filter[] | undefined,
  paging: { MaxResults?: number; NextToken?: string },
): Page<T> {
  return pageOf(describeAll(records, view, filters), view.idOf, paging);
}
