import { discoverJsonFields } from './json-discovery.js';
import { TimeValue, type Value, isStructure } from './values.js';

/** One log event as the service hands it to the engine. */
export interface LogRecord {
  /** Milliseconds since the epoch. */
  timestamp: number;
  /** Milliseconds since the epoch, when CloudWatch Logs received the event. */
  ingestionTime: number;
  message: string;
  logStream: string;
  /** The log group identifier, `account-id:log-group-name`. */
  log: string;
  /** The opaque pointer GetLogRecord takes. */
  ptr: string;
}

/**
 * A row moving through the query: a log event (or nothing, after `stats`) plus the
 * fields the query has made. Made fields hide system and discovered ones of the same name;
 * JSON discovery runs only when a query asks for a field that is neither.
 */
export class Row {
  private made: Map<string, Value> | null = null;
  private discovered: Map<string, Value> | null | undefined = undefined;

  constructor(
    readonly record: LogRecord | null,
    /** Arrival order, the tie-breaker that keeps ordering deterministic. */
    readonly seq: number,
  ) {}

  /** The event's timestamp, or undefined for rows `stats` made. */
  get timestamp(): number | undefined {
    return this.record?.timestamp;
  }

  set(name: string, value: Value): void {
    (this.made ??= new Map()).set(name, value);
  }

  get(name: string): Value {
    const made = this.made?.get(name);
    if (made !== undefined) return made;
    const r = this.record;
    if (r === null) return null;
    switch (name) {
      case '@timestamp':
        return new TimeValue(r.timestamp);
      case '@message':
        return r.message;
      case '@logStream':
        return r.logStream;
      case '@log':
        return r.log;
      case '@ingestionTime':
        return new TimeValue(r.ingestionTime);
      case '@ptr':
        return r.ptr;
    }
    if (this.discovered === undefined) this.discovered = discoverJsonFields(r.message);
    return this.discovered?.get(name) ?? null;
  }

  /**
   * A dotted name: a field of that whole name if there is one, else a path into a map or
   * list held by a field named by its first segments (`json_message.users.0.action`).
   */
  getPath(name: string, segments: readonly string[]): Value {
    const whole = this.get(name);
    if (whole !== null || segments.length < 2) return whole;
    for (let cut = segments.length - 1; cut >= 1; cut--) {
      const base = this.get(segments.slice(0, cut).join('.'));
      if (base === null) continue;
      if (!isStructure(base)) return null;
      return walk(base, segments.slice(cut));
    }
    return null;
  }

  /** A copy that shares the event but owns its made fields (parse … multi). */
  clone(seq: number): Row {
    const copy = new Row(this.record, seq);
    if (this.made) copy.made = new Map(this.made);
    copy.discovered = this.discovered;
    return copy;
  }
}

export function walk(start: unknown, path: readonly string[]): Value {
  let node: unknown = start;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return null;
    node = Array.isArray(node) ? node[Number(key)] : (node as Record<string, unknown>)[key];
  }
  if (node === undefined || node === null) return null;
  // A JSON Boolean reads as it is written (`true`), as discovered fields do.
  if (typeof node === 'boolean') return node ? 'true' : 'false';
  if (typeof node === 'string' || typeof node === 'number') return node;
  return node as Value;
}
