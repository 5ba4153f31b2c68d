/** TestMetricFilter: which of the given messages a pattern matches, and what it extracts. */
import type { TestMetricFilterRequest, TestMetricFilterResponse } from './generated/types.js';
import { compilePattern } from './filter-events.js';

export function testMetricFilter(
  input: TestMetricFilterRequest,
): Promise<TestMetricFilterResponse> {
  const pattern = compilePattern(input.filterPattern, 'metric-filter');
  const matches = input.logEventMessages.flatMap((eventMessage, index) =>
    pattern.matches(eventMessage)
      ? [
          {
            eventNumber: index + 1,
            eventMessage,
            extractedValues: pattern.extract(eventMessage) ?? {},
          },
        ]
      : [],
  );
  return Promise.resolve({ matches });
}
