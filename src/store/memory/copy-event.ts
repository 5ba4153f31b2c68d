import type { StoredLogEvent } from '../log-events.js';

/** A stored event as handed out: a copy, so no caller can change the store's own. */
export function copyEvent(e: StoredLogEvent): StoredLogEvent {
  return {
    logStreamName: e.logStreamName,
    timestamp: e.timestamp,
    message: e.message,
    ingestionTime: e.ingestionTime,
    seq: e.seq,
  };
}
