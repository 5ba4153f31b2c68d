/**
 * EventBridge event patterns: compiled once, matched against many events.
 *
 * The module `./index.ts` exports:
 *   compileEventPattern(json: string): EventPattern
 *     throws EventPatternError with AWS's reason when the pattern is not valid
 *     (the API answers InvalidEventPatternException "Event pattern is not valid. Reason: …").
 */

export interface EventPattern {
  /** True when the event (a parsed JSON object: the whole envelope) matches. */
  matches(event: unknown): boolean;
}

export class EventPatternError extends Error {
  override readonly name = 'EventPatternError';
}
