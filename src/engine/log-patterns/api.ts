/**
 * The CloudWatch Logs filter and metric-filter pattern language, as FilterLogEvents,
 * TestMetricFilter, subscription filters and the console's filter box use it. The
 * implementation beside this file exports, from `./index.js`:
 *
 *   compileFilterPattern(pattern: string, options?: CompileOptions): CompiledFilterPattern
 *     throws FilterPatternError with AWS's message ("Invalid filter pattern" family)
 *     when the pattern is not valid.
 */
export interface CompiledFilterPattern {
  /** The pattern as given. */
  readonly source: string;
  /**
   * Which of AWS's syntaxes the pattern uses. AWS lets only `json` and `space-delimited`
   * patterns carry metric dimensions.
   */
  readonly kind: FilterPatternKind;
  /**
   * Substrings every matching message contains (a terms pattern's plain terms and quoted
   * phrases), for a search index to narrow the events it reads; empty when the pattern
   * promises none. `matches` still decides each event.
   */
  readonly requiredSubstrings: readonly string[];
  /** An empty pattern matches every event. */
  matches(message: string): boolean;
  /**
   * The `extractedValues` TestMetricFilter reports for a matching message: every field of
   * a space-delimited match, named ones as `$status_code` and the others by position
   * (`$1`, `$7`); empty for term and JSON patterns, as AWS documents. Undefined when the
   * message does not match.
   */
  extract(message: string): Record<string, string> | undefined;
  /**
   * A metric value or dimension reference read off a matching message: `$.latency` (or any
   * property selector) for a JSON pattern, `$bytes` or `$3` for a space-delimited one.
   * Undefined when the message does not match or holds no scalar there.
   */
  valueOf(message: string, reference: string): string | undefined;
}

export type FilterPatternKind = 'all' | 'terms' | 'json' | 'space-delimited';

/**
 * Which API reads the pattern. AWS words the generic rejection after it:
 * `Invalid filter pattern` (FilterLogEvents, StartLiveTail), `Invalid metric filter pattern`
 * (PutMetricFilter, TestMetricFilter), `Invalid subscription filter pattern`
 * (PutSubscriptionFilter).
 */
export type FilterPatternUsage = 'filter' | 'metric-filter' | 'subscription-filter';

export interface CompileOptions {
  /** Defaults to `filter`. */
  usage?: FilterPatternUsage;
}
