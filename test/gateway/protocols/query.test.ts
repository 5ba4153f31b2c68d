import { describe, expect, it } from 'vitest';
import { codecFor } from '../../../src/gateway/protocols/index.js';
import { ServiceError } from '../../../src/services/error.js';
import { bodyText, form, formDecoder, wire } from './helpers.js';
import { fullThing, thingSchema } from './fixtures.js';

const codec = codecFor('query');
const schema = thingSchema('query');
const NS = 'https://demo.amazonaws.com/doc/2020-01-01/';
const DECL = '<?xml version="1.0" encoding="UTF-8"?>';

const { decode, decodeError } = formDecoder(codec, schema, '2020-01-01');

describe('awsQuery operation resolution', () => {
  it.each([
    ['Action=Echo&Version=2020-01-01', 'Echo'],
    ['Version=2020-01-01&Action=Ping', 'Ping'],
    ['Action=Nope&Version=2020-01-01', undefined],
    ['Version=2020-01-01', undefined],
    ['', undefined],
  ])('form %j → %s', (body, expected) => {
    expect(codec.resolveOperation(form(body), schema)).toBe(expected);
  });

  it('reads Action from the query string of a GET', () => {
    const req = wire({ method: 'GET', query: 'Action=Echo&Version=2020-01-01&Name=fromQuery' });
    expect(codec.resolveOperation(req, schema)).toBe('Echo');
    expect(codec.decodeInput(req, schema, 'Echo')).toEqual({ Name: 'fromQuery' });
  });

  it('lets the query string win over the body, as the gateway routes', () => {
    const req = wire({
      query: 'Action=Ping',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=Echo&Name=body',
    });
    expect(codec.resolveOperation(req, schema)).toBe('Ping');
  });

  it('ignores a body that is not a form', () => {
    const req = wire({ headers: { 'content-type': 'application/json' }, body: 'Action=Echo' });
    expect(codec.resolveOperation(req, schema)).toBeUndefined();
  });

  it.each([
    [
      'Action=Nope&Version=2020-01-01',
      'Nope',
      'InvalidAction',
      'Could not find operation Nope for version 2020-01-01',
    ],
    [
      'Action=Nope&Version=1999-01-01',
      'Nope',
      'InvalidAction',
      'Could not find operation Nope for version 1999-01-01',
    ],
    [
      'Action=Nope',
      'Nope',
      'InvalidAction',
      'Could not find operation Nope for version 2020-01-01',
    ],
    ['Version=2020-01-01', undefined, 'MissingAction', 'Missing Action'],
    ['Action=&Version=2020-01-01', '', 'MissingAction', 'Missing Action'],
  ])('unknown operation for %j', (body, name, code, message) => {
    const req = form(body);
    for (const error of [
      codec.unknownOperation(req, schema, name),
      codec.unknownOperation(req, schema),
    ]) {
      expect(error).toMatchObject({ code, message, status: 400, fault: 'sender' });
    }
  });
});

describe('awsQuery input', () => {
  it('reads every shape type, nested structures, lists and maps', () => {
    const body = [
      'Name=n+with%20space',
      'Count=-5',
      'Big=9007199254740991',
      'Ratio=1.5e3',
      'Small=NaN',
      'Enabled=true',
      'When=2026-11-28T10%3A05%3A09.123Z',
      'Data=AAEC%2Bv8%3D',
      'Tags.member.1.Key=env',
      'Tags.member.1.Value=prod',
      'Tags.member.2.Key=team',
      'Names.member.2=b',
      'Names.member.1=a',
      'Attributes.entry.1.key=a',
      'Attributes.entry.1.value=1',
      'Attributes.entry.2.key=__proto__',
      'Attributes.entry.2.value=kept',
      'Inner.Label=l',
      'Inner.Numbers.member.1=7',
      'Inner.When=1795860309',
      'Unknown.member.1=ignored',
      'X-Amz-Signature=ignored',
    ].join('&');
    const input = decode(body);
    expect(input).toEqual({
      Name: 'n with space',
      Count: -5,
      Big: 9007199254740991,
      Ratio: 1500,
      Small: Number.NaN,
      Enabled: true,
      When: new Date('2026-11-28T10:05:09.123Z'),
      Data: new Uint8Array([0, 1, 2, 250, 255]),
      Tags: [{ Key: 'env', Value: 'prod' }, { Key: 'team' }],
      Names: ['a', 'b'],
      Attributes: JSON.parse('{"a":"1","__proto__":"kept"}'),
      Inner: { Label: 'l', Numbers: [7], When: new Date('2026-11-28T10:05:09Z') },
    });
  });

  it.each([
    ['', {}],
    ['Names=', { Names: [] }],
    ['Attributes=', { Attributes: {} }],
    ['Name=', { Name: '' }],
    ['Enabled=FALSE', { Enabled: false }],
    ['When=2026-11-28T19%3A05%3A09%2B09%3A00', { When: new Date('2026-11-28T10:05:09Z') }],
    ['Inner.Numbers=', { Inner: { Numbers: [] } }],
    ['Name=first&Name=second', { Name: 'first' }],
  ])('%j → %j', (body, expected) => {
    expect(decode(body)).toEqual(expected);
  });

  it('gives an operation without input an empty object', () => {
    expect(decode('Name=x', 'Ping')).toEqual({});
  });

  it.each([
    ['Count=abc', "Value (abc) for parameter Count is invalid. Expected: 'Integer'."],
    ['Count=1.5', "Value (1.5) for parameter Count is invalid. Expected: 'Integer'."],
    ['Count=2147483648', "Value (2147483648) for parameter Count is invalid. Expected: 'Integer'."],
    ['Count=', "Value () for parameter Count is invalid. Expected: 'Integer'."],
    ['Big=1e3', "Value (1e3) for parameter Big is invalid. Expected: 'Long'."],
    ['Ratio=x', "Value (x) for parameter Ratio is invalid. Expected: 'Double'."],
    ['Enabled=yes', "Value (yes) for parameter Enabled is invalid. Expected: 'Boolean'."],
    ['When=yesterday', "Value (yesterday) for parameter When is invalid. Expected: 'Timestamp'."],
    [
      'When=2026-02-30T00%3A00%3A00Z',
      "Value (2026-02-30T00:00:00Z) for parameter When is invalid. Expected: 'Timestamp'.",
    ],
    [
      'Inner.Numbers.member.1=x',
      "Value (x) for parameter Inner.Numbers.member.1 is invalid. Expected: 'Integer'.",
    ],
    [
      'Names.member.1=a&Names.member.3=c',
      'The entries of Names.member must be numbered from 1 without gaps; got 1, 3.',
    ],
    [
      'Names.member.0=a',
      'The entries of Names.member must be numbered from 1 without gaps; got 0.',
    ],
    [
      'Names.member.2=b',
      'The entries of Names.member must be numbered from 1 without gaps; got 2.',
    ],
    [
      'Tags.member.1.Key=a&Tags.member.3.Key=c',
      'The entries of Tags.member must be numbered from 1 without gaps; got 1, 3.',
    ],
    [
      'Attributes.entry.2.key=a',
      'The entries of Attributes.entry must be numbered from 1 without gaps; got 2.',
    ],
  ])('%j → InvalidParameterValue', (body, message) => {
    expect(decodeError(body)).toMatchObject({
      code: 'InvalidParameterValue',
      status: 400,
      message,
    });
  });

  it('honours locationName, flattened lists and maps, and map entry names', () => {
    const body = [
      'renamedOnWire=r',
      'xmlName=q',
      'Flat.1=f1',
      'Flat.2=f2',
      'itemSet.item.1=i1',
      'Named.entry.1.Name=k',
      'Named.entry.1.Val=v',
      'FlatEntries.1.key=fk',
      'FlatEntries.1.value=fv',
      'lowerCase=l',
    ].join('&');
    expect(codec.decodeInput(form(`Action=Names&${body}`), schema, 'Names')).toEqual({
      Renamed: 'r',
      QueryNamed: 'q',
      Flat: ['f1', 'f2'],
      Items: ['i1'],
      Named: { k: 'v' },
      FlatEntries: { fk: 'fv' },
      lowerCase: 'l',
    });
  });
});

describe('awsQuery output', () => {
  it('writes every shape type inside the result wrapper, escaped', () => {
    const res = codec.encodeOutput(
      { ...fullThing, Extra: 'dropped', Count: null },
      schema,
      'Echo',
      'rid-1',
    );
    expect(res.status).toBe(200);
    expect(res.headers).toEqual({ 'content-type': 'text/xml', 'x-amzn-requestid': 'rid-1' });
    expect(bodyText(res)).toBe(
      DECL +
        `<EchoResponse xmlns="${NS}"><EchoResult>` +
        '<Name>a&lt;b&gt;&amp;&quot;c&apos;</Name>' +
        '<Big>9007199254740991</Big><Ratio>0.5</Ratio><Small>1.25</Small><Enabled>false</Enabled>' +
        '<When>2026-11-28T10:05:09.123Z</When><Data>AAEC+v8=</Data>' +
        '<Tags><member><Key>env</Key><Value>prod</Value></member><member><Key>team</Key><Value>定期 ünïcode</Value></member></Tags>' +
        '<Names><member>x</member><member></member><member>z</member></Names>' +
        '<Attributes><entry><key>a</key><value>1</value></entry><entry><key>b.c</key><value>2</value></entry></Attributes>' +
        '<Inner><Label>in</Label><Numbers><member>1</member><member>2</member><member>3</member></Numbers><When>2026-01-02T03:04:05Z</When></Inner>' +
        '</EchoResult><ResponseMetadata><RequestId>rid-1</RequestId></ResponseMetadata></EchoResponse>',
    );
  });

  it('writes empty containers and non-finite numbers', () => {
    const res = codec.encodeOutput(
      { Tags: [], Attributes: {}, Inner: {}, Ratio: Number.NEGATIVE_INFINITY, Small: Number.NaN },
      schema,
      'Echo',
      'r',
    );
    expect(bodyText(res)).toContain(
      '<EchoResult><Ratio>-Infinity</Ratio><Small>NaN</Small><Tags/><Attributes/><Inner/></EchoResult>',
    );
  });

  it('escapes carriage returns and keeps other text as is', () => {
    const res = codec.encodeOutput({ Name: 'a\r\nb\tc ]]> <!-- x -->' }, schema, 'Echo', 'r');
    expect(bodyText(res)).toContain('<Name>a&#xD;\nb\tc ]]&gt; &lt;!-- x --&gt;</Name>');
  });

  it('writes an empty result for an empty output and none for an operation without output', () => {
    expect(bodyText(codec.encodeOutput({}, schema, 'Echo', 'r'))).toBe(
      `${DECL}<EchoResponse xmlns="${NS}"><EchoResult/><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></EchoResponse>`,
    );
    expect(bodyText(codec.encodeOutput(undefined, schema, 'Ping', 'r'))).toBe(
      `${DECL}<PingResponse xmlns="${NS}"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PingResponse>`,
    );
  });

  it('honours locationName, flattened lists and maps, and list item names', () => {
    const output = {
      Renamed: 'r',
      QueryNamed: 'q',
      Flat: ['f1', 'f2'],
      Items: ['i1', 'i2'],
      Named: { k: 'v' },
      FlatEntries: { a: '1', b: '2' },
      lowerCase: 'l',
    };
    expect(bodyText(codec.encodeOutput(output, schema, 'Names', 'r'))).toContain(
      '<NamesResult><renamedOnWire>r</renamedOnWire><xmlName>q</xmlName><Flat>f1</Flat><Flat>f2</Flat>' +
        '<itemSet><item>i1</item><item>i2</item></itemSet><Named><entry><Name>k</Name><Val>v</Val></entry></Named>' +
        '<FlatEntries><key>a</key><value>1</value></FlatEntries><FlatEntries><key>b</key><value>2</value></FlatEntries>' +
        '<lowerCase>l</lowerCase></NamesResult>',
    );
  });
});

describe('awsQuery errors', () => {
  it.each([
    [
      'a declared sender error with a field',
      new ServiceError({
        code: 'NotFound',
        message: 'no <such> thing',
        fields: { ResourceName: 'x&y', Since: new Date(0) },
      }),
      404,
      '<Type>Sender</Type><Code>NotFound</Code><Message>no &lt;such&gt; thing</Message><ResourceName>x&amp;y</ResourceName><Since>1970-01-01T00:00:00Z</Since>',
    ],
    [
      'a declared receiver error',
      new ServiceError({ code: 'BoomException', message: 'down' }),
      503,
      '<Type>Receiver</Type><Code>BoomException</Code><Message>down</Message>',
    ],
    [
      'an undeclared error',
      new ServiceError({ code: 'Throttling', message: 'Rate exceeded', status: 400 }),
      400,
      '<Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message>',
    ],
    [
      'an undeclared 500',
      new ServiceError({ code: 'InternalFailure', message: 'oops', status: 500 }),
      500,
      '<Type>Receiver</Type><Code>InternalFailure</Code><Message>oops</Message>',
    ],
    [
      'an unknown action',
      codec.unknownOperation(form('Action=Nope&Version=1'), schema),
      400,
      '<Type>Sender</Type><Code>InvalidAction</Code><Message>Could not find operation Nope for version 1</Message>',
    ],
  ])('%s', (_name, error, status, inner) => {
    const res = codec.encodeError(error, schema, 'Echo', 'rid-9');
    expect(res.status).toBe(status);
    expect(res.headers).toEqual({ 'content-type': 'text/xml', 'x-amzn-requestid': 'rid-9' });
    expect(bodyText(res)).toBe(
      `${DECL}<ErrorResponse xmlns="${NS}"><Error>${inner}</Error><RequestId>rid-9</RequestId></ErrorResponse>`,
    );
  });
});
