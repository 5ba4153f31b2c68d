/**
 * The CloudWatch Logs filter and metric-filter pattern language, as FilterLogEvents,
 * TestMetricFilter, subscription filters and the console's filter box use it. The
 * implementation beside this file exports, from `./index.js`:
 *
 *   compileFilterPattern(pattern: string): CompiledFilterPattern
 *     throws FilterPatternError with AWS's message ("Invalid filter pattern" family)
 *     when the pattern is not valid.
 */
export interface CompiledFilterPattern {
  /** The pattern as given. */
  readonly source: string;
  /** An empty pattern matches every event. */
  matches(message: string): boolean;
  /**
   * For space-delimited and JSON patterns: the named fields of a matching message
   * (`$status` → "500"), as metric filters use them; undefined when it does not match.
   */
  extract(message: string): Record<string, string> | undefined;
}
