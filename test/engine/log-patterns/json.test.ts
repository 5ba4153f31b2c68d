import { describe, expect, it } from 'vitest';
import { compileFilterPattern } from '../../../src/engine/log-patterns/index.js';
import { matches } from './helpers.js';

type Case = [pattern: string, expected: boolean];

/** The event AWS's JSON examples run against. */
const DOC_EVENT = JSON.stringify({
  eventType: 'UpdateTrail',
  sourceIPAddress: '111.111.111.111',
  arrayKey: ['value', 'another value'],
  objectList: [
    { name: 'a', id: 1 },
    { name: 'b', id: 2 },
  ],
  SomeObject: null,
  ThisFlag: true,
});

/** The event of AWS's compound-condition examples. */
const COMPOUND_EVENT = `{
    "user": {
        "id": 1,
        "email": "John.Stiles@example.com"
    },
    "users": [
        {
         "id": 2,
         "email": "John.Doe@example.com"
        },
        {
         "id": 3,
         "email": "Jane.Doe@example.com"
        }
    ],
    "actions": [
        "GET",
        "PUT",
        "DELETE"
    ],
    "coordinates": [
        [0, 1, 2],
        [4, 5, 6],
        [7, 8, 9]
    ]
}`;

/**
 * The event of tests run against the real service (TestMetricFilter): numbers keep their
 * spelling, so `someFloat2` is `12.0`.
 */
const AWS_EVENT = `{
    "eventType": "UpdateTrail",
    "sourceIPAddress": "111.111.111.111",
    "someString": "111.111.111.111",
    "someInt": 123,
    "someFloat": 12.34,
    "someFloat2": 12.0,
    "someObject": {},
    "someEscaped": "error \\"message\\"",
    "someArray": [],
    "arrayKey": ["value", "another value"],
    "objectList": [{"name": "a", "id": 1}, {"name": "b", "id": 2}],
    "SomeObject": null,
    "ThisFlag": true,
    "OtherFlag": false
}`;

function table(event: string, cases: Case[]): void {
  it.each(cases)('%s → %s', (pattern, expected) => {
    expect(matches(pattern, event)).toBe(expected);
  });
}

describe('JSON patterns: the documented examples', () => {
  table(DOC_EVENT, [
    ['{ $.eventType = "UpdateTrail" }', true],
    ['{ $.sourceIPAddress != 123.123.* }', true],
    ['{ $.arrayKey[0] = "value" }', true],
    ['{ $.objectList[1].id = 2 }', true],
    ['{ $.SomeObject IS NULL }', true],
    ['{ $.SomeOtherObject NOT EXISTS }', true],
    ['{ $.ThisFlag IS TRUE }', true],
    ['{ $.ThisFlag IS FALSE }', false],
    ['{ $.eventType = UpdateTrail }', true],
    ['{ $.eventType = "*Trail" }', true],
    ['{ $.eventType = Update* }', true],
    ['{ $.sourceIPAddress != 111.111.* }', false],
  ]);
});

describe('JSON patterns: compound conditions', () => {
  table(COMPOUND_EVENT, [
    ['{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', true],
    ['{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }', false],
    [
      '{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }',
      true,
    ],
    [
      '{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch }',
      false,
    ],
    ['{ $.coordinates[2][2] = 9 }', true],
    ['{ $.coordinates[3][0] = 9 }', false],
    ['{ $.users[1].id = 3 && $.actions[0] = GET }', true],
    ['{ (($.user.id = 1)) }', true],
    ['{ $.user.id = 5 || $.user.id = 1 || $.user.id = 7 }', true],
    ['{ $.user.id = 1 && $.user.id != 2 && $.actions[1] = PUT && $.actions[2] = DELETE }', true],
    ['{($.user.id=1)&&($.actions[1]=PUT)}', true],
  ]);
});

describe('JSON patterns: OR between documents', () => {
  const bar = '{"foo": "bar"}';
  const baz = '{"foo": "baz"}';
  it.each([
    ['{$.foo = bar}', [true, false]],
    ['{$.foo = baz }', [false, true]],
    ['{$.foo = bar || $.foo = baz }', [true, true]],
  ] as const)('%s', (pattern, expected) => {
    const p = compileFilterPattern(pattern);
    expect([p.matches(bar), p.matches(baz)]).toEqual(expected);
  });
});

describe('JSON patterns: values as the real service compares them', () => {
  table(AWS_EVENT, [
    // Unquoted numbers compare by value.
    ['{ $.someInt = 123 }', true],
    ['{ $.someInt = 123.0 }', true],
    ['{ $.someInt = +123 }', true],
    ['{ $.someInt = 1.23e2 }', true],
    ['{ $.someFloat2 = 12 }', true],
    ['{ $.someInt != 111 }', true],
    ['{ $.someInt != 123 }', false],
    ['{ $.someFloat = 12.34 }', true],
    ['{ $.someFloat != 43.21 }', true],
    ['{ $.someFloat != 12.34 }', false],
    // Quoted values compare with the number as written.
    ['{ $.someInt = "123" }', true],
    ['{ $.someInt != "123.0" }', true],
    ['{ $.someFloat = "12.34" }', true],
    ['{ $.someFloat2 != "12" }', true],
    ['{ $.someFloat2 = "12.0" }', true],
    // Wildcards on numbers and strings.
    ['{ $.someInt = * }', true],
    ['{ $.someInt = "*" }', true],
    ['{ $.someInt = 1* }', true],
    ['{ $.someInt = 12* }', true],
    ['{ $.someInt = 123* }', true],
    ['{ $.someInt = *123 }', true],
    ['{ $.someInt = *23 }', true],
    ['{ $.someInt = *3 }', true],
    ['{ $.someInt = "1*" }', true],
    ['{ $.someInt = "*23" }', true],
    ['{ $.someInt != 3* }', true],
    ['{ $.someInt != 32* }', true],
    ['{ $.someInt != 321* }', true],
    ['{ $.someInt != *321 }', true],
    ['{ $.someInt != *32 }', true],
    ['{ $.someInt != *1 }', true],
    ['{ $.someInt != "3*" }', true],
    ['{ $.someInt != "*1" }', true],
    ['{ $.someFloat = *}', true],
    ['{ $.someFloat = 1* }', true],
    ['{ $.someFloat = 12.* }', true],
    ['{ $.someFloat = 12.3* }', true],
    ['{ $.someFloat = 12.34*}', true],
    ['{ $.someFloat = *12.34}', true],
    ['{ $.someFloat = *2.34}', true],
    ['{ $.someFloat = *.34 }', true],
    ['{ $.someFloat = *34 }', true],
    ['{ $.someFloat = *4 }', true],
    ['{ $.someFloat = "12.*" }', true],
    ['{ $.someFloat != 4* }', true],
    ['{ $.someFloat != 43.* }', true],
    ['{ $.someFloat != *43.21}', true],
    ['{ $.someFloat != *.21 }', true],
    ['{ $.someFloat != "4*1" }', true],
    ['{ $.someString = "111.111.111.111" }', true],
    ['{ $.someString = 111.111.111.111 }', true],
    ['{ $.someString = "*" }', true],
    ['{ $.someString = * }', true],
    ['{ $.someString = "111*" }', true],
    ['{ $.someString = 111* }', true],
    ['{ $.someString != "222" }', true],
    ['{ $.someString != 222 }', true],
    ['{ $.someString != "222*" }', true],
    ['{ $.someString != *222 }', true],
    ['{ $.someString = "*.111.111.111" }', true],
    ['{ $.someString = *.111.111.111 }', true],
    ['{ $.someString = "*111*" }', true],
    // AWS's wildcard finds the first occurrence of the last piece and wants it at the end.
    ['{ $.someString = "*111.111.111" }', false],
    ['{ $.someString = *111.111.111 }', false],
    ['{ $.someString != 111*111 }', true],
    ['{ $.someInt != "1*3" }', false],
    ['{ $.someInt != 1*3 }', false],
    ['{ $.someFloat != "1*4" }', false],
    // Escapes in quoted values.
    ['{ $.someEscaped = "error \\"message\\"" }', true],
    ['{ $.someEscaped = "error*" }', true],
    // Case matters.
    ['{ $.eventType = "updatetrail" }', false],
    ['{ $.eventtype = "UpdateTrail" }', false],
    // Numeric comparisons.
    ['{ $.someInt > 1 }', true],
    ['{ $.someInt >= 123 }', true],
    ['{ $.someInt >= 123.0 }', true],
    ['{ $.someInt > 123 }', false],
    ['{ $.someInt < 1000 }', true],
    ['{ $.someInt <= 123 }', true],
    ['{ $.someInt < 123 }', false],
    ['{ $.someInt < 10e3 }', true],
    ['{ $.someInt > 10e-3 }', true],
    ['{ $.someInt > +100 }', true],
    ['{ $.someInt > -5 }', true],
    ['{ $.someFloat > 1.0 }', true],
    ['{ $.someFloat   >= 1.0 }', true],
    ['{ $.someFloat <       100.0 }', true],
    ['{ $.someFloat      <=     100.0 }', true],
    ['{ $.someFloat <= 12.33 }', false],
    ['{ $.eventType >= 123 }', false],
    ['{ $.ThisFlag > 0 }', false],
    // Booleans and null.
    ['{ $.ThisFlag IS TRUE }', true],
    ['{ $.OtherFlag IS FALSE }', true],
    ['{ $.OtherFlag IS TRUE }', false],
    ['{ $.eventType IS TRUE }', false],
    ['{ $.ThisFlag = true }', true],
    ['{ $.SomeObject IS NULL }', true],
    ['{ $.someInt IS NULL }', false],
    ['{ $.missing IS NULL }', false],
    ['{ $.SomeObject = * }', false],
    ['{ $.SomeObject != "x" }', false],
    ['{ $.SomeObject NOT EXISTS }', false],
    ['{ $.missing NOT EXISTS }', true],
    ['{ $.someObject.inner NOT EXISTS }', true],
    ['{ $.someInt.inner NOT EXISTS }', true],
    ['{ $.arrayKey[5] NOT EXISTS }', true],
    ['{ $.arrayKey[1] NOT EXISTS }', false],
    ['{ $.SomeObject IS NULL && $.missing NOT EXISTS }', true],
    ['{($.SomeObject IS NULL)&&($.ThisFlag IS TRUE)}', true],
    ['{ $.missing NOT EXISTS || $.someInt = 1 }', true],
    ['{ $.SomeObject IS NULL&&$.ThisFlag IS FALSE }', false],
    ['{ $.someInt is null }', false],
    ['{ $.missing not exists }', true],
    // Objects, arrays and missing properties fail = and != alike.
    ['{ $.someArray = "someString" }', false],
    ['{ $.someArray != "someString" }', false],
    ['{ $.someObject = "someString" }', false],
    ['{ $.someObject != "someString" }', false],
    ['{ $.someObject = * }', false],
    ['{ $.arrayKey = "value" }', false],
    ['{ $.notExisted = "UpdateTrail" }', false],
    ['{ $.notExisted != "UpdateTrail" }', false],
    ['{ $.notExisted != UpdateTrail }', false],
    ['{ $.ThisFlag[0] = "value" }', false],
    ['{ $.objectList[1].number = 2 }', false],
    ['{ $.objectList[0].name = a }', true],
    ['{ $.objectList.name = a }', false],
    // Selectors with `-` and `_`, wildcard steps.
    ['{ $.arrayKey[*] = "another value" }', true],
    ['{ $.arrayKey[*] = "nothing" }', false],
    ['{ $.objectList[*].id = 2 }', true],
    ['{ $.objectList[*].id > 5 }', false],
    ['{ $.* = "UpdateTrail" }', true],
    ['{ $.objectList[*].missing NOT EXISTS }', true],
  ]);

  it('reads selector names with - and _', () => {
    const event = '{"a-b": {"c_d": "x"}}';
    expect(matches('{ $.a-b.c_d = x }', event)).toBe(true);
    expect(matches('{ $.a-b.c_d != x }', event)).toBe(false);
  });

  it('reads patterns spread over several lines', () => {
    const pattern = `{ ($.eventName = CreateCustomerGateway) ||
($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) }`;
    expect(matches(pattern, '{"eventName":"DeleteCustomerGateway"}')).toBe(true);
    expect(matches(pattern, '{"eventName":"CreateVpc"}')).toBe(false);
  });

  it('reads unquoted dotted values', () => {
    const pattern =
      '{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy)) }';
    expect(
      matches(pattern, '{"eventSource":"s3.amazonaws.com","eventName":"PutBucketPolicy"}'),
    ).toBe(true);
    expect(
      matches(pattern, '{"eventSource":"ec2.amazonaws.com","eventName":"PutBucketPolicy"}'),
    ).toBe(false);
  });

  it('compares unicode values in quotes', () => {
    expect(matches('{ $.msg = "エラー" }', '{"msg":"エラー"}')).toBe(true);
    expect(matches('{ $.msg = "*ラー" }', '{"msg":"エラー"}')).toBe(true);
    expect(matches('{ $.msg = "エラー" }', '{"msg":"\\u30a8\\u30e9\\u30fc"}')).toBe(true);
    expect(matches('{ $.msg = "エラー" }', '{"msg":"error"}')).toBe(false);
  });

  it('treats a numeric string as a number for < and >', () => {
    expect(matches('{ $.latency > 100 }', '{"latency":"250"}')).toBe(true);
    expect(matches('{ $.latency > 100 }', '{"latency":"2.5e2"}')).toBe(false);
    expect(matches('{ $.latency = 250 }', '{"latency":"250"}')).toBe(true);
  });

  it('compares large numbers as written when quoted', () => {
    const event = '{"id": 12345678901234567890}';
    expect(matches('{ $.id = "12345678901234567890" }', event)).toBe(true);
    expect(matches('{ $.id = "1234*" }', event)).toBe(true);
  });
});

describe('JSON patterns: events that are not one JSON object', () => {
  const pattern = compileFilterPattern('{ $.level = "error" }');
  it.each([
    ['a plain text event', 'level = "error"'],
    ['text before the JSON', 'INFO {"level":"error"}'],
    ['text after the JSON', '{"level":"error"} trailing'],
    ['two documents', '{"level":"error"}{"level":"error"}'],
    ['an unclosed object', '{"level":"error"'],
    ['a trailing comma', '{"level":"error",}'],
    ['single quotes', "{'level':'error'}"],
    ['an unquoted key', '{level:"error"}'],
    ['a JSON array', '[{"level":"error"}]'],
    ['a JSON string', '"{\\"level\\":\\"error\\"}"'],
    ['an empty event', ''],
    ['an invalid escape', '{"level":"err\\qor"}'],
    ['a raw control character', '{"level":"err\u0001or"}'],
    ['a leading-zero number', '{"level":"error","n":01}'],
  ])('%s does not match', (_name, message) => {
    expect(pattern.matches(message)).toBe(false);
  });

  it.each([
    ['compact', '{"level":"error"}'],
    ['surrounded by whitespace', '  \n{ "level" : "error" }\n '],
    ['with other members', '{"a":[1,2,{"b":null}],"level":"error","z":true}'],
    ['with escapes in keys', '{"lev\\u0065l":"error"}'],
    ['with a duplicate key, the last one counting', '{"level":"info","level":"error"}'],
  ])('%s matches', (_name, message) => {
    expect(pattern.matches(message)).toBe(true);
  });

  it('refuses documents nested deeper than 1000 levels', () => {
    const deep = (n: number) => `{"level":"error","x":${'['.repeat(n)}${']'.repeat(n)}}`;
    expect(pattern.matches(deep(900))).toBe(true);
    expect(pattern.matches(deep(5000))).toBe(false);
  });
});

describe('JSON patterns: extraction', () => {
  it('extracts nothing, as AWS documents for non-delimited patterns', () => {
    const p = compileFilterPattern('{ $.latency > 100 }');
    expect(p.extract('{"latency": 250}')).toEqual({});
    expect(p.extract('{"latency": 50}')).toBeUndefined();
    expect(p.extract('not json')).toBeUndefined();
  });

  it('reads metric values by selector from matching events', () => {
    const p = compileFilterPattern('{ $.latency = * }');
    const event = '{"latency": 250.50, "req": {"path": "/x", "ok": true}, "tags": ["a", "b"]}';
    expect(p.valueOf(event, '$.latency')).toBe('250.50');
    expect(p.valueOf(event, '$.req.path')).toBe('/x');
    expect(p.valueOf(event, '$.req.ok')).toBe('true');
    expect(p.valueOf(event, '$.tags[1]')).toBe('b');
    expect(p.valueOf(event, '$.tags[*]')).toBe('a');
    expect(p.valueOf(event, '$.req')).toBeUndefined();
    expect(p.valueOf(event, '$.missing')).toBeUndefined();
    expect(p.valueOf(event, 'latency')).toBeUndefined();
    expect(p.valueOf('{"other": 1}', '$.other')).toBeUndefined();
  });
});
