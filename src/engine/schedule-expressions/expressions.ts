/**
 * The three kinds of expression as objects: parse once, then ask for next occurrences.
 */
import { type AtSpec, parseAt } from './at.js';
import { MINUTE_MS } from './civil.js';
import { CronMatcher } from './cron-next.js';
import { parseCronFields } from './cron-parse.js';
import { type RateSpec, nextRate, parseRate } from './rate.js';
import { type ParseOptions, type ScheduleExpression, ScheduleExpressionError } from './types.js';
import { zoneFor } from './zone.js';

interface NextOptions {
  timeZone?: string;
  anchorMs?: number;
}

export function parseScheduleExpression(
  text: string,
  options: ParseOptions = {},
): ScheduleExpression {
  const m = /^(cron|rate|at)\((.*)\)$/s.exec(text);
  if (!m) {
    const forms = options.allowAt ? 'cron(...), rate(...) or at(...)' : 'cron(...) or rate(...)';
    throw new ScheduleExpressionError(
      text === '' ? `the expression is empty: write ${forms}` : `'${text}' is not ${forms}`,
    );
  }
  const [, kind, inner = ''] = m;
  if (kind === 'cron') return new CronExpression(text, new CronMatcher(parseCronFields(inner)));
  if (kind === 'rate') return new RateExpression(text, parseRate(inner));
  if (!options.allowAt)
    throw new ScheduleExpressionError(
      'at(...) is a one-time schedule of EventBridge Scheduler; rules take cron(...) or rate(...)',
    );
  return new AtExpression(text, parseAt(inner));
}

class CronExpression implements ScheduleExpression {
  readonly kind = 'cron';
  constructor(
    readonly text: string,
    private readonly matcher: CronMatcher,
  ) {}

  nextAfter(afterMs: number, options: NextOptions = {}): number | undefined {
    if (!Number.isFinite(afterMs)) return undefined;
    const zone = zoneFor(options.timeZone);
    if (zone.utc) {
      const minute = this.matcher.next(Math.floor(afterMs / MINUTE_MS) + 1);
      return minute === undefined ? undefined : minute * MINUTE_MS;
    }
    // Local minutes, searched from the one `afterMs` falls in. A candidate in a gap names
    // no instant and is skipped; one repeated by a fall-back counts at its first instant,
    // which may already lie before `afterMs` when that is in the repeated stretch.
    let from = Math.floor((afterMs + zone.offsetMs(afterMs)) / MINUTE_MS);
    for (;;) {
      const minute = this.matcher.next(from);
      if (minute === undefined) return undefined;
      const instant = zone.instantOf(minute * MINUTE_MS);
      if (instant !== undefined && instant > afterMs) return instant;
      from = minute + 1;
    }
  }
}

class RateExpression implements ScheduleExpression {
  readonly kind = 'rate';
  constructor(
    readonly text: string,
    private readonly spec: RateSpec,
  ) {}

  nextAfter(afterMs: number, options: NextOptions = {}): number | undefined {
    if (!Number.isFinite(afterMs)) return undefined;
    return nextRate(this.spec, afterMs, options.anchorMs ?? 0);
  }
}

class AtExpression implements ScheduleExpression {
  readonly kind = 'at';
  constructor(
    readonly text: string,
    private readonly spec: AtSpec,
  ) {}

  nextAfter(afterMs: number, options: NextOptions = {}): number | undefined {
    const instant = zoneFor(options.timeZone).instantOf(this.spec.localMs);
    return instant !== undefined && instant > afterMs ? instant : undefined;
  }
}
