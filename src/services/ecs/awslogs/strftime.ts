/**
 * `awslogs-datetime-format`: a strftime format turned into the regular expression that
 * marks the first line of a multi-line event, with moby's conversion table
 * (daemon/logger/awslogs/cloudwatchlogs.go), which ECS uses on EC2 through Docker and on
 * Fargate through shim-loggers-for-containerd (it imports moby's driver).
 *
 * moby replaces every `%` and the character after it by the table's entry and keeps the
 * rest of the format as it is, as regular-expression text. Three consequences users see,
 * kept here on purpose:
 * - a sequence the table lacks, `%%` included, becomes nothing (a Go map's zero value);
 * - literal text is regular-expression syntax (`.` matches any character, `[` opens a
 *   class), so `[%Y` does not compile;
 * - the expression is not anchored: a line matches when the date appears anywhere in it.
 */

/** moby's `strftimeToRegex`, entry for entry. */
export const STRFTIME_TO_REGEX: Readonly<Record<string, string>> = {
  '%a': '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)',
  '%A': '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)',
  '%w': '[0-6]',
  '%d': '(?:0[1-9]|[1,2][0-9]|3[0,1])',
  '%b': '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)',
  '%B': '(?:January|February|March|April|May|June|July|August|September|October|November|December)',
  '%m': '(?:0[1-9]|1[0-2])',
  '%Y': '\\d{4}',
  '%y': '\\d{2}',
  '%H': '(?:[0,1][0-9]|2[0-3])',
  '%I': '(?:0[0-9]|1[0-2])',
  '%p': '[A,P]M',
  '%M': '[0-5][0-9]',
  '%S': '[0-5][0-9]',
  '%f': '\\d{6}',
  '%z': '[+-]\\d{4}',
  '%Z': '[A-Z]{1,4}T',
  '%j': '(?:0[0-9][1-9]|[1,2][0-9][0-9]|3[0-5][0-9]|36[0-6])',
  '%L': '\\.\\d{3}',
};

// Go's `%.`: `.` is one character (a rune, hence `u`) other than a newline.
const SEQUENCE = /%[^\n]/gu;

/** The regular-expression source moby builds from a strftime format. */
export function strftimeToRegex(format: string): string {
  return format.replace(SEQUENCE, (sequence) => STRFTIME_TO_REGEX[sequence] ?? '');
}
