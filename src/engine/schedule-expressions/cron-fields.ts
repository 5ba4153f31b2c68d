/**
 * One cron field's list syntax (`*`, values, names, ranges, steps, commas) turned into the
 * set of values it allows. The special day forms (`?`, `L`, `W`, `#`) are read by
 * cron-parse.ts before a field gets here; here they are only recognised to say why they
 * are not allowed in this field.
 */
import { ScheduleExpressionError } from './types.js';

export interface FieldDef {
  /** As AWS's documentation names the field, for messages. */
  readonly label: string;
  readonly min: number;
  readonly max: number;
  /** The largest increment after `/` (Quartz's bounds; a year step is unbounded). */
  readonly maxStep: number;
  /** Names accepted in place of numbers, the first standing for `min`. */
  readonly names?: readonly string[];
  /** A range written high-low runs past the end and around (`FRI-MON`, `22-2`). */
  readonly wraps: boolean;
}

export const MONTH_NAMES = [
  'JAN',
  'FEB',
  'MAR',
  'APR',
  'MAY',
  'JUN',
  'JUL',
  'AUG',
  'SEP',
  'OCT',
  'NOV',
  'DEC',
] as const;
export const WEEKDAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

export const MINUTES: FieldDef = { label: 'minutes', min: 0, max: 59, maxStep: 59, wraps: true };
export const HOURS: FieldDef = { label: 'hours', min: 0, max: 23, maxStep: 23, wraps: true };
export const DAY_OF_MONTH: FieldDef = {
  label: 'day-of-month',
  min: 1,
  max: 31,
  maxStep: 31,
  wraps: true,
};
export const MONTH: FieldDef = {
  label: 'month',
  min: 1,
  max: 12,
  maxStep: 12,
  names: MONTH_NAMES,
  wraps: true,
};
export const DAY_OF_WEEK: FieldDef = {
  label: 'day-of-week',
  min: 1,
  max: 7,
  maxStep: 7,
  names: WEEKDAY_NAMES,
  wraps: true,
};
export const YEAR: FieldDef = {
  label: 'year',
  min: 1970,
  max: 2199,
  maxStep: Number.MAX_SAFE_INTEGER,
  wraps: false,
};

const ITEM = /^(?:(\*)|([0-9]+|[A-Z]+)(?:-([0-9]+|[A-Z]+))?)(?:\/([0-9]*))?$/;

export function fieldError(def: FieldDef, message: string): ScheduleExpressionError {
  return new ScheduleExpressionError(`cron ${def.label} field: ${message}`);
}

/** A value of the field, numeric or (where the field has them) a name. */
export function fieldValue(def: FieldDef, token: string): number {
  if (/^[0-9]+$/.test(token)) {
    const n = Number(token);
    if (n < def.min || n > def.max)
      throw fieldError(def, `${token} is out of range (${def.min}-${def.max})`);
    return n;
  }
  const index = def.names?.indexOf(token) ?? -1;
  if (index >= 0) return def.min + index;
  if (def.names)
    throw fieldError(
      def,
      `'${token}' is not a ${def.label === 'month' ? 'month' : 'weekday'} name (${def.names[0]}-${def.names[def.names.length - 1]})`,
    );
  throw fieldError(def, `'${token}' is not a number`);
}

/**
 * The values a list allows, as flags indexed by value − min. The text is upper-cased
 * already.
 */
export function parseFieldList(def: FieldDef, text: string): Uint8Array {
  const allowed = new Uint8Array(def.max - def.min + 1);
  if (text === '*') return allowed.fill(1);
  if (text === '') throw fieldError(def, 'is empty');
  for (const item of text.split(',')) {
    if (item === '') throw fieldError(def, `'${text}' has an empty list item`);
    const why = /[?#LW]/.test(item) ? misplaced(def, item) : undefined;
    if (why) throw fieldError(def, why);
    const m = ITEM.exec(item);
    if (!m) throw fieldError(def, `'${item}' is not valid`);
    const [, star, fromText, toText, stepText] = m;
    const step = stepText === undefined ? 1 : parseStep(def, item, stepText);
    let from: number;
    let to: number;
    if (star !== undefined) {
      from = def.min;
      to = def.max;
    } else {
      from = fieldValue(def, fromText ?? '');
      // `5/15` runs from 5 to the end of the field, as in Quartz.
      to = toText !== undefined ? fieldValue(def, toText) : stepText !== undefined ? def.max : from;
    }
    if (to < from && !def.wraps)
      throw fieldError(def, `the range ${fromText}-${toText} runs backwards`);
    const span = def.max - def.min + 1;
    const end = to < from ? to + span : to;
    for (let i = from; i <= end; i += step) allowed[(i - def.min) % span] = 1;
  }
  return allowed;
}

function parseStep(def: FieldDef, item: string, stepText: string): number {
  if (stepText === '') throw fieldError(def, `'${item}' needs a number after '/'`);
  const step = Number(stepText);
  if (step < 1) throw fieldError(def, `the increment in '${item}' must be at least 1`);
  if (step > def.maxStep)
    throw fieldError(def, `the increment in '${item}' must be at most ${def.maxStep}`);
  return step;
}

/** Why a special character cannot appear here, when that is the problem. */
function misplaced(def: FieldDef, item: string): string | undefined {
  const dayField = def === DAY_OF_MONTH || def === DAY_OF_WEEK;
  if (item.includes('?'))
    return dayField
      ? "'?' stands alone, meaning no specific value"
      : "'?' is only allowed in day-of-month or day-of-week";
  if (item.includes('#'))
    return def === DAY_OF_WEEK
      ? `'#' stands alone in day-of-week (3#2), not in lists or ranges`
      : "'#' is only allowed in day-of-week";
  const withoutNames = (def.names ?? []).reduce((s, name) => s.replaceAll(name, ''), item);
  if (withoutNames.includes('W'))
    return def === DAY_OF_MONTH
      ? `'W' stands alone in day-of-month (15W, LW), not in lists, ranges or steps`
      : "'W' is only allowed in day-of-month";
  if (withoutNames.includes('L'))
    return dayField
      ? `'L' stands alone in ${def.label} (${def === DAY_OF_MONTH ? 'L, L-3, LW' : 'L, 6L, FRIL'}), not in lists, ranges or steps`
      : "'L' is only allowed in day-of-month or day-of-week";
  return undefined;
}

/** For each index i, the smallest allowed index ≥ i, or -1; one longer than `allowed`. */
export function nextTable(allowed: Uint8Array): Int16Array {
  const next = new Int16Array(allowed.length + 1);
  let following = -1;
  next[allowed.length] = -1;
  for (let i = allowed.length - 1; i >= 0; i--) {
    if (allowed[i]) following = i;
    next[i] = following;
  }
  return next;
}

const tables = new Map<string, Int16Array>();
const TABLE_LIMIT = 10_000;

/**
 * The next-value table of a field as written. Tables never change once built, so
 * expressions share them: most fields are `*`, `?` or a number, and a million rules then
 * hold a handful of tables.
 */
export function fieldTable(def: FieldDef, text: string): Int16Array {
  const key = `${def.label} ${text}`;
  let table = tables.get(key);
  if (!table) {
    table = nextTable(parseFieldList(def, text));
    if (tables.size >= TABLE_LIMIT) tables.clear();
    tables.set(key, table);
  }
  return table;
}
