import type { FilterPatternUsage } from './api.js';

/**
 * A pattern AWS would refuse. The service answers `InvalidParameterException` with
 * `message`; `detail` says what exactly was wrong, for logs and tests only.
 */
export class FilterPatternError extends Error {
  override readonly name = 'FilterPatternError';
  constructor(
    message: string,
    readonly detail: string,
  ) {
    super(message);
  }
}

/**
 * Thrown while parsing, before the usage is known. `message` is set only where AWS has its
 * own wording (an unclosed brace, a term it cannot read); otherwise the usage's generic
 * sentence is used.
 */
export class PatternFault extends Error {
  constructor(
    readonly detail: string,
    readonly awsMessage?: string,
  ) {
    super(detail);
  }
}

const GENERIC: Record<FilterPatternUsage, string> = {
  filter: 'Invalid filter pattern',
  'metric-filter': 'Invalid metric filter pattern',
  'subscription-filter': 'Invalid subscription filter pattern',
};

export function toFilterPatternError(
  fault: PatternFault,
  usage: FilterPatternUsage,
): FilterPatternError {
  return new FilterPatternError(fault.awsMessage ?? GENERIC[usage], fault.detail);
}

/** AWS's wording for a value it cannot use where it stands (a word after `>`, a `(` in a regex). */
export function invalidTermCharacters(term: string, detail: string): PatternFault {
  return new PatternFault(detail, `Invalid character(s) in term '${term}'`);
}
