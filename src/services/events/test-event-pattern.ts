/**
 * TestEventPattern. The event must be a JSON object carrying AWS's envelope members id,
 * account, source, time, region and detail-type; AWS's reference says `resources` too,
 * but AWS accepts an event without it (LocalStack's recordings against AWS), so teiki does.
 */
import { validationError } from './errors.js';
import type { TestEventPatternRequest, TestEventPatternResponse } from './generated/types.js';
import { compilePattern } from './put-rule.js';

const ENVELOPE = ['id', 'account', 'source', 'time', 'region', 'detail-type'] as const;

function parseEvent(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw validationError('Parameter Event is not valid.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw validationError('Parameter Event is not valid.');
  }
  const event = parsed as Record<string, unknown>;
  if (ENVELOPE.some((member) => !(member in event))) {
    throw validationError('Parameter Event is not valid.');
  }
  return event;
}

export function testEventPattern(
  input: TestEventPatternRequest,
): Promise<TestEventPatternResponse> {
  const event = parseEvent(input.Event);
  return Promise.resolve({ Result: compilePattern(input.EventPattern).matches(event) });
}
