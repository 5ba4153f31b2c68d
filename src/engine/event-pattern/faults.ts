/**
 * AWS validates event patterns with aws/event-ruler, which reads them with Jackson. The
 * reason it returns is the Java exception's message, and that message differs by the
 * exception's class: a Jackson parse error (ruler's own checks are thrown as one) carries
 * "\n at [Source: …; line: L, column: C]"; ruler's IllegalArgumentExceptions (a bad CIDR, a
 * number out of range) carry no location. Callers that catch and re-throw decide which.
 */

/** Which Java exception class the fault stands for; it decides catching and fallback. */
export type FaultKind =
  /** JsonParseException: Jackson syntax errors and ruler's `barf`. */
  | 'parse'
  /** IllegalArgumentException from ruler's value checks. */
  | 'argument'
  /** StreamConstraintsException: a Jackson limit, no location. */
  | 'constraint';

export class PatternFault extends Error {
  constructor(
    /** The reason exactly as AWS prints it after "Reason: ". */
    readonly reason: string,
    readonly kind: FaultKind,
  ) {
    super(reason);
  }
}

/** Jackson quotes at most this many characters of the source in a location. */
const SNIPPET = 500;

/** `[Source: (String)"…"; line: L, column: C]`, as Jackson 2.x formats a location. */
export function formatLocation(source: string, line: number, column: number): string {
  return `[Source: ${describeSource(source)}; line: ${line}, column: ${column}]`;
}

function describeSource(source: string): string {
  const shown = source.length > SNIPPET ? source.slice(0, SNIPPET) : source;
  let out = '(String)"';
  for (let i = 0; i < shown.length; i++) {
    const code = shown.charCodeAt(i);
    // Jackson escapes ISO control characters other than CR and LF.
    if (isIsoControl(code) && code !== 0x0a && code !== 0x0d) {
      out += '\\u' + code.toString(16).toUpperCase().padStart(4, '0');
    } else {
      out += shown[i];
    }
  }
  out += '"';
  if (source.length > SNIPPET) out += `[truncated ${source.length - SNIPPET} chars]`;
  return out;
}

export function isIsoControl(code: number): boolean {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
}

/** Java's `_getCharDesc`: how Jackson names a character in its messages. */
export function describeChar(code: number): string {
  const c = String.fromCharCode(code);
  if (isIsoControl(code)) return `(CTRL-CHAR, code ${code})`;
  if (code > 255) return `'${c}' (code ${code} / 0x${code.toString(16)})`;
  return `'${c}' (code ${code})`;
}

/** Ruler's `barf`: a JsonParseException at where the reader stands. */
export function barf(reader: { location(): string }, message: string): never {
  throw new PatternFault(`${message}\n at ${reader.location()}`, 'parse');
}
