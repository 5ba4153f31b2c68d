/**
 * The one place this module compiles a query's regular expression, through teiki's one
 * RE2 entry (engine/linear-regex: linear time and a bounded program, so no query can make
 * a match take longer than its input allows), with the captures queries need.
 *
 * A pattern with no regex syntax at all (`/ERROR/`) is matched with `includes`, which is
 * what RE2 would answer and an order of magnitude faster.
 */
import type { RE2JS } from 're2js';
import { compileRe2, LinearRegexError } from '../linear-regex/index.js';

export interface UserRegex {
  readonly source: string;
  /** Whether the pattern matches anywhere in `input`. */
  test(input: string): boolean;
  /** The capture groups of the first match (index 0 is the whole match), or null. */
  exec(input: string): (string | undefined)[] | null;
  /** Every match's capture groups, left to right. */
  execAll(input: string): (string | undefined)[][];
  /** Group names in the order their groups open. */
  readonly groupNames: readonly string[];
  /** The group number of each name in `groupNames`. */
  readonly groupNumbers: readonly number[];
  readonly groupCount: number;
  replaceAll(input: string, replacement: string): string;
}

export class RegexSyntaxError extends Error {}

const META = /[\\^$.|?*+()[\]{}]/;

export function compileUserRegex(source: string, options: { dotAll?: boolean } = {}): UserRegex {
  let re: RE2JS;
  try {
    re = compileRe2(source, options);
  } catch (e) {
    if (e instanceof LinearRegexError) throw new RegexSyntaxError(e.message);
    throw e;
  }
  const named = Object.entries(re.namedGroups()).sort((a, b) => a[1] - b[1]);
  const groupNames = named.map(([name]) => name);
  const groupNumbers = named.map(([, n]) => n);
  const literal = !META.test(source) && source.length > 0 ? source : undefined;
  return {
    source,
    test: literal !== undefined ? (s) => s.includes(literal) : (s) => re.test(s),
    exec(input) {
      const m = re.exec(input);
      return m ? Array.from(m as (string | undefined)[]) : null;
    },
    execAll(input) {
      const out: (string | undefined)[][] = [];
      for (const m of re.matchAll(input)) out.push(Array.from(m as (string | undefined)[]));
      return out;
    },
    groupNames,
    groupNumbers,
    groupCount: re.groupCount(),
    replaceAll: (input, replacement) => re.matcher(input).replaceAll(replacement),
  };
}
