/** The instants SigV4 deals in: `20150830T123600Z` and, from a `Date` header, HTTP-dates. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// IMF-fixdate, the one form RFC 9110 says senders use: `Sun, 30 Aug 2015 12:36:00 GMT`.
const IMF_FIXDATE =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 1 && leap ? 29 : DAYS_IN_MONTH[month]!;
}

/**
 * Epoch milliseconds of a real UTC instant (month from 0), or undefined: checked field by
 * field rather than by Date.UTC's round trip (it rolls 31 February over into March), as
 * this runs for every signed request. Years below 100 are refused, as Date.UTC would read
 * them as 19xx.
 */
function utc(y: number, mo: number, d: number, h: number, mi: number, s: number) {
  const exact =
    y >= 100 &&
    mo >= 0 &&
    mo <= 11 &&
    d >= 1 &&
    d <= daysIn(y, mo) &&
    h <= 23 &&
    mi <= 59 &&
    s <= 59;
  return exact ? Date.UTC(y, mo, d, h, mi, s) : undefined;
}

/** The decimal number in `text[from, from + count)`, or -1 when one is not an ASCII digit. */
function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** `20150830T123600Z` → epoch milliseconds, or undefined when not that form. */
export function parseBasicIso8601(text: string): number | undefined {
  // A loop over the characters, not a regular expression: every signed request has one.
  if (text.length !== 16 || text.charCodeAt(8) !== 0x54 || text.charCodeAt(15) !== 0x5a) {
    return undefined;
  }
  const y = digits(text, 0, 4);
  const mo = digits(text, 4, 2);
  const d = digits(text, 6, 2);
  const h = digits(text, 9, 2);
  const mi = digits(text, 11, 2);
  const s = digits(text, 13, 2);
  // -1 marks a field that is not all digits; any of them makes the OR negative.
  if ((y | mo | d | h | mi | s) < 0) return undefined;
  return utc(y, mo - 1, d, h, mi, s);
}

/**
 * A `Date` header's value → epoch milliseconds. botocore signs with a `Date` header in
 * IMF-fixdate form when one is present, and AWS accepts it; the basic ISO form is
 * accepted there too.
 */
export function parseDateHeader(text: string): number | undefined {
  const basic = parseBasicIso8601(text);
  if (basic !== undefined) return basic;
  const m = IMF_FIXDATE.exec(text.trim());
  if (!m) return undefined;
  return utc(
    Number(m[3]),
    MONTHS.indexOf(m[2]!),
    Number(m[1]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
  );
}

/** Epoch milliseconds → `20150830T123600Z` (seconds truncated, as SigV4 writes them). */
export function formatBasicIso8601(ms: number): string {
  // Sliced rather than rewritten by regexes: this runs for every signed request.
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}
