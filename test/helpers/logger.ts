import type { Logger, LogFields } from '../../src/engine/log.js';

export interface LogEntry {
  level: string;
  message: string;
  fields: LogFields;
}

/** A Logger that keeps what it is told. */
export function recordingLogger(entries: LogEntry[]): Logger {
  const at =
    (level: string) =>
    (message: string, fields: LogFields = {}) =>
      entries.push({ level, message, fields });
  const logger: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
  };
  return logger;
}
