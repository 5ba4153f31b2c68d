/** TestMetricFilter: which of the given messages a pattern matches, and what it extracts. */
import { WorkSlices } from '../../engine/work-slices.js';
import type {
  MetricFilterMatchRecord,
  TestMetricFilterRequest,
  TestMetricFilterResponse,
} from './generated/types.js';
import { compilePattern } from './filter-events.js';

export async function testMetricFilter(
  input: TestMetricFilterRequest,
): Promise<TestMetricFilterResponse> {
  const pattern = compilePattern(input.filterPattern, 'metric-filter');
  // Up to 50 messages of any size: others are served between them.
  const slices = new WorkSlices();
  const matches: MetricFilterMatchRecord[] = [];
  for (const [index, eventMessage] of input.logEventMessages.entries()) {
    await slices.pause();
    if (!pattern.matches(eventMessage)) continue;
    matches.push({
      eventNumber: index + 1,
      eventMessage,
      extractedValues: pattern.extract(eventMessage) ?? {},
    });
  }
  return { matches };
}
