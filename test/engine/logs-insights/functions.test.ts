import { describe, expect, it } from 'vitest';
import { BASE, value } from './helpers.js';

const cases = (rows: [string, string | undefined][]) =>
  rows.map(([expr, expected]) => ({ expr, expected }));

describe('string functions', () => {
  it.each(
    cases([
      ['concat("a", "-", 1, "-", 2.5)', 'a-1-2.5'],
      ['isempty(nothing)', '1'],
      ['isempty("")', '1'],
      ['isempty(" ")', '0'],
      ['isblank("  \t")', '1'],
      ['isblank(nothing)', '1'],
      ['isblank("x")', '0'],
      ['ltrim("  x  ")', 'x  '],
      ['rtrim("  x  ")', '  x'],
      ['trim("  x  ")', 'x'],
      // The documented trimChars examples.
      ['ltrim("xyZxyfooxyZ","xyZ")', 'fooxyZ'],
      ['rtrim("xyZfooxyxyZ","xyZ")', 'xyZfoo'],
      ['trim("xyZxyfooxyxyZ","xyZ")', 'foo'],
      ['strlen("héllo😀")', '6'],
      ['toupper("abc")', 'ABC'],
      ['tolower("AbC")', 'abc'],
      ['substr("xyZfooxyZ", 3, 3)', 'foo'],
      ['substr("xyZfooxyZ", 3)', 'fooxyZ'],
      ['substr("abc", 10)', ''],
      ['replace("foo", "o", "0")', 'f00'],
      ['replace("smoke_test-1", "smoke_test", "Smoke")', 'Smoke-1'],
      ['regexReplace("a1b22c333", "[0-9]+", "#")', 'a#b#c#'],
      ['regex_replace("2024-01-02", /(\\d+)-(\\d+)-(\\d+)/, "$3.$2.$1")', '02.01.2024'],
      ['strcontains("GET /", "GET")', '1'],
      ['strcontains("GET /", "get")', '0'],
      // A third argument is accepted; the real service stays case-sensitive with it.
      ['strcontains("GET /", "get", true)', '0'],
      ['startsWith("prefix-x", "prefix")', '1'],
      ['endsWith("x.log", ".json")', '0'],
      ['urlencode("a b&c")', 'a%20b%26c'],
      ['urldecode("a%20b%26c")', 'a b&c'],
      ['base64encode("hello")', 'aGVsbG8='],
      ['base64decode("aGVsbG8=")', 'hello'],
      ['split("a,b,c", ",")', '["a","b","c"]'],
      ['hexToAscii("48656c6c6f")', 'Hello'],
      ['hexToDec("0xff")', '255'],
      ['decToHex(255)', '0xff'],
      ['decToHex(-255.7)', '-0xff'],
      ['toupper(nothing)', undefined],
    ]),
  )('$expr → $expected', ({ expr, expected }) => {
    expect(value(expr)).toBe(expected);
  });
});

describe('numeric functions and operators', () => {
  it.each(
    cases([
      ['2 ^ 3', '8'],
      ['10 % 3', '1'],
      ['7 / 2', '3.5'],
      ['1 / 0', undefined],
      ['-3 + 1', '-2'],
      ['abs(-4.5)', '4.5'],
      ['ceil(1.2)', '2'],
      ['floor(-1.2)', '-2'],
      ['greatest(1, 7, 3)', '7'],
      ['least(4, -2, 3)', '-2'],
      ['log(1)', '0'],
      ['sqrt(16)', '4'],
      ['round(2.5)', '3'],
      ['round(3.14159, 2)', '3.14'],
      ['toNumber("42.5")', '42.5'],
      ['toNumber("4x")', undefined],
      ['toInt("42.9")', '42'],
      ['toLong("9007199254740991")', '9007199254740991'],
      ['toDouble("1e3")', '1000'],
      ['haversine(0, 0, 0, 1)', '111.19492664455873'],
      ['"abc" + 1', undefined],
    ]),
  )('$expr → $expected', ({ expr, expected }) => {
    expect(value(expr)).toBe(expected);
  });
});

describe('datetime functions', () => {
  it.each(
    cases([
      ['bin(5m)', '2024-01-01 12:05:00.000'],
      ['bin(1h)', '2024-01-01 12:00:00.000'],
      ['datefloor(@timestamp, 1h)', '2024-01-01 12:00:00.000'],
      ['dateceil(@timestamp, 1h)', '2024-01-01 13:00:00.000'],
      ['dateceil(@timestamp, 1m)', '2024-01-01 12:08:00.000'],
      ['datefloor(@timestamp, 1mo)', '2024-01-01 00:00:00.000'],
      ['toMillis(@timestamp)', String(BASE + 7 * 60_000 + 30_000)],
      ['fromMillis(1642195111000)', '2022-01-14 21:18:31.000'],
      ['fromMillis(toMillis(@timestamp) - 30000)', '2024-01-01 12:07:00.000'],
      ['now()', String((BASE + 3_600_000) / 1000)],
      ['queryStartTime()', String(BASE - 3_600_000)],
      ['queryEndTime()', String(BASE + 3_600_000)],
      ['queryTimeRange()', '7200000'],
    ]),
  )('$expr → $expected', ({ expr, expected }) => {
    expect(value(expr, 'm', 7 * 60_000 + 30_000)).toBe(expected);
  });

  it.each(
    cases([
      ['formatDate(@timestamp, "%Y-%m-%d", "UTC")', '2024-01-01'],
      ['formatDate(@timestamp, "%Y-%m-%dT%H:%M:%S.%L%z")', '2024-01-01T12:07:30.000+0000'],
      ['strftime(@timestamp, "%a %d %b %Y %I:%M %p", "Asia/Tokyo")', 'Mon 01 Jan 2024 09:07 PM'],
      ['formatDate(@timestamp, "%H:%M %Z", "America/New_York")', '07:07 America/New_York'],
      ['formatDate(@timestamp, "%j %s %%")', '001 1704110850 %'],
      ['formatDate(@timestamp, "%Y", "Mars/Olympus")', undefined],
      ['parseDate("2024-03-05", "yyyy-MM-dd", "UTC")', String(Date.UTC(2024, 2, 5))],
      [
        'parseDate("05/Mar/2024:10:20:30 +0200", "dd/MMM/yyyy:HH:mm:ss Z")',
        String(Date.UTC(2024, 2, 5, 8, 20, 30)),
      ],
      [
        'parseDate("2024-03-05T10:20:30.250Z", "yyyy-MM-dd\'T\'HH:mm:ss.SSSX")',
        String(Date.UTC(2024, 2, 5, 10, 20, 30, 250)),
      ],
      [
        'parseDate("2024-07-01 09:00", "yyyy-MM-dd HH:mm", "Asia/Tokyo")',
        String(Date.UTC(2024, 6, 1, 0, 0)),
      ],
      [
        'parseDate("2024-07-01 09:00", "yyyy-MM-dd HH:mm", "America/New_York")',
        String(Date.UTC(2024, 6, 1, 13, 0)),
      ],
      ['parseDate("03/05/24 1:02 PM", "MM/dd/yy h:mm a")', String(Date.UTC(2024, 2, 5, 13, 2))],
      ['parseDate("not a date", "yyyy-MM-dd")', undefined],
      // 02:30 did not happen in New York on 2024-03-10 (clocks went from 02:00 to 03:00).
      ['parseDate("2024-03-10 02:30", "yyyy-MM-dd HH:mm", "America/New_York")', undefined],
      ['fromMillis(parseDate("2024-03-05", "yyyy-MM-dd"))', '2024-03-05 00:00:00.000'],
    ]),
  )('$expr → $expected', ({ expr, expected }) => {
    expect(value(expr, 'm', 7 * 60_000 + 30_000)).toBe(expected);
  });

  it('documents toMillis on its own example', () => {
    // 2022-01-14T13:18:31.000-08:00 is 1642195111000.
    expect(value('toMillis(fromMillis(1642195111000))')).toBe('1642195111000');
  });
});

describe('general and JSON functions', () => {
  const json =
    '{"a":{"b":[10,{"c":"deep"}]},"roles":"[\\"admin\\",\\"dev\\"]","user.id":"123","n":"7"}';
  it.each(
    cases([
      ['ispresent(a.b.0)', '1'],
      ['ispresent(zzz)', '0'],
      ['coalesce(zzz, a.b.1.c, "x")', 'deep'],
      ['if(n > 5, "big", "small")', 'big'],
      ['case(n > 10, "huge", n > 5, "big", "small")', 'big'],
      ['case(n > 10, "huge")', undefined],
      ['isNumeric(n)', '1'],
      ['isNumeric(roles)', '0'],
      ['messageSize("héllo")', '6'],
      ['jsonParse(@message).a.b[1].c', 'deep'],
      ['jsonParse(@message).`user.id`', '123'],
      ['jsonStringify(jsonParse(roles))', '["admin","dev"]'],
      ['jsonArraySize(roles)', '2'],
      ['jsonArrayContains(roles, "admin")', '1'],
      ['jsonArrayContains(roles, "root")', '0'],
      ['toupper(jsonParse(@message))', undefined],
      ['jsonParse("not json")', undefined],
      ['md5("hello")', '5d41402abc4b2a76b9719d911017c592'],
      ['sha256("hello")', '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'],
    ]),
  )('$expr → $expected', ({ expr, expected }) => {
    expect(value(expr, json)).toBe(expected);
  });
});

describe('IP address functions', () => {
  it.each(
    cases([
      ['isValidIp("192.0.2.1")', '1'],
      ['isValidIp("2001:db8::1")', '1'],
      ['isValidIp("999.0.0.1")', '0'],
      ['isValidIpV4("2001:db8::1")', '0'],
      ['isValidIpV6("2001:db8::1")', '1'],
      ['isIpInSubnet("192.0.2.77", "192.0.2.0/24")', '1'],
      ['isIpInSubnet("2001:db8::1", "2001:db8::/32")', '1'],
      ['isIpInSubnet("192.0.3.1", "192.0.2.0/24")', '0'],
      ['isIpv4InSubnet("192.0.2.77", "192.0.2.0/24")', '1'],
      ['isIpv4InSubnet("2001:db8::1", "2001:db8::/32")', '0'],
      ['isIpv6InSubnet("2001:db8::1", "2001:db8::/32")', '1'],
      ['ipv4ToNumber("192.0.2.1")', '3221225985'],
      ['isPrivateIP("10.1.2.3")', '1'],
      ['isPrivateIP("8.8.8.8")', '0'],
      ['isPublicIP("8.8.8.8")', '1'],
      ['isPublicIP("127.0.0.1")', '0'],
      ['isReservedIP("127.0.0.1")', '1'],
    ]),
  )('$expr → $expected', ({ expr, expected }) => {
    expect(value(expr)).toBe(expected);
  });
});

describe('maps and lists', () => {
  it.each(
    cases([
      ['jsonParse(@message).flag', 'true'],
      ['jsonParse(@message).list[2]', '3'],
      ['jsonParse(@message).list[9]', undefined],
      ['jsonParse(@message).missing.deeper', undefined],
      ['jsonParse(@message).list', '[1,2,3]'],
      ['jsonParse(@message) = "x"', '0'],
    ]),
  )('$expr → $expected', ({ expr, expected }) => {
    expect(value(expr, '{"flag":true,"list":[1,2,3]}')).toBe(expected);
  });
});
