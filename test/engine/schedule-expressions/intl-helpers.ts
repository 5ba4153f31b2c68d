/**
 * `Date.prototype.toLocaleString` with one Intl.DateTimeFormat kept per locale and options,
 * while `run` runs. croner converts every instant it steps through between time zones with
 * toLocaleString, which builds a new formatter on each call: that was most of the
 * differential suite's time in zones, spent by the reference rather than by teiki.
 *
 * The text is the same: toLocaleString formats with a DateTimeFormat of its arguments,
 * given date and time fields when the options name none (ECMA-402, ToDateTimeOptions with
 * "any" and "all"); each kept formatter is also checked once against the original. `run`
 * must be synchronous, so that no other test (the workers share globals) sees the patch.
 */
export function withKeptLocaleFormats<T>(run: () => T): T {
  const original = Object.getOwnPropertyDescriptor(Date.prototype, 'toLocaleString')!;
  const toLocaleString = original.value as Date['toLocaleString'];
  const formats = new Map<string, Intl.DateTimeFormat>();
  const kept = function (
    this: Date,
    locales?: string | string[],
    options?: Intl.DateTimeFormatOptions,
  ): string {
    if (Number.isNaN(this.getTime())) return toLocaleString.call(this, locales, options);
    const key = JSON.stringify([locales, options]);
    let format = formats.get(key);
    if (format === undefined) {
      format = new Intl.DateTimeFormat(locales, withDateAndTime(options));
      const expected = toLocaleString.call(this, locales, options);
      if (format.format(this) !== expected)
        throw new Error(`a kept format for ${key} differs from toLocaleString (${expected})`);
      formats.set(key, format);
    }
    return format.format(this);
  };
  Object.defineProperty(Date.prototype, 'toLocaleString', { ...original, value: kept });
  try {
    const result = run();
    if (result instanceof Promise) throw new Error('withKeptLocaleFormats runs synchronous code');
    return result;
  } finally {
    Object.defineProperty(Date.prototype, 'toLocaleString', original);
  }
}

const FIELDS = [
  'weekday',
  'year',
  'month',
  'day',
  'dayPeriod',
  'hour',
  'minute',
  'second',
  'fractionalSecondDigits',
  'dateStyle',
  'timeStyle',
] as const;

function withDateAndTime(options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormatOptions {
  if (FIELDS.some((field) => options[field] !== undefined)) return options;
  const numeric = ['year', 'month', 'day', 'hour', 'minute', 'second'].map((f) => [f, 'numeric']);
  return { ...options, ...(Object.fromEntries(numeric) as Intl.DateTimeFormatOptions) };
}
