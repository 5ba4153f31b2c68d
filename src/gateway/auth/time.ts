/** The instants SigV4 deals in: `20150830T123600Z` and, from a `Date` header, HTTP-dates. */

const BASIC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// IMF-fixdate, the one form RFC 9110 says senders use: `Sun, 30 Aug 2015 12:36:00 GMT`.
const IMF_FIXDATE =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number) {
  const ms = Date.UTC(y, mo, d, h, mi, s);
  const back = new Date(ms);
  // Date.UTC rolls 31 February over into March; a real timestamp survives the round trip.
  const exact =
    back.getUTCFullYear() === y &&
    back.getUTCMonth() === mo &&
    back.getUTCDate() === d &&
    back.getUTCHours() === h &&
    back.getUTCMinutes() === mi &&
    back.getUTCSeconds() === s;
  return exact ? ms : undefined;
}

/** `20150830T123600Z` → epoch milliseconds, or undefined when not that form. */
export function parseBasicIso8601(text: string): number | undefined {
  const m = BASIC.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, ...number[]];
  return utc(y!, mo! - 1, d!, h!, mi!, s!);
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
