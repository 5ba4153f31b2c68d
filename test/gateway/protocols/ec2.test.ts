import { describe, expect, it } from 'vitest';
import { codecFor } from '../../../src/gateway/protocols/index.js';
import { ServiceError } from '../../../src/services/error.js';
import { bodyText, form, formDecoder } from './helpers.js';
import { fullThing, thingSchema } from './fixtures.js';

const codec = codecFor('ec2');
// The model's EC2 namespace lacks the trailing slash responses carry.
const schema = thingSchema('ec2', { xmlNamespace: 'http://ec2.amazonaws.com/doc/2016-11-15' });
const NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const DECL = '<?xml version="1.0" encoding="UTF-8"?>';

const { decode, decodeError } = formDecoder(codec, schema, '2016-11-15');

describe('ec2Query operation resolution', () => {
  it.each([
    ['Action=Echo&Version=2016-11-15', 'Echo'],
    ['Action=Nope&Version=2016-11-15', undefined],
    ['Version=2016-11-15', undefined],
  ])('form %j → %s', (body, expected) => {
    expect(codec.resolveOperation(form(body), schema)).toBe(expected);
  });

  it.each([
    [
      'Action=DescribeNothing',
      'DescribeNothing',
      'InvalidAction',
      'The action DescribeNothing is not valid for this web service.',
    ],
    [
      'Version=2016-11-15',
      undefined,
      'MissingAction',
      'The request must contain the parameter Action.',
    ],
  ])('unknown operation for %j', (body, name, code, message) => {
    const req = form(body);
    for (const error of [
      codec.unknownOperation(req, schema, name),
      codec.unknownOperation(req, schema),
    ]) {
      expect(error).toMatchObject({ code, message, status: 400 });
    }
  });
});

describe('ec2Query input', () => {
  it('reads every shape type with every list flattened', () => {
    const body = [
      'Name=n',
      'Count=3',
      'Big=-1',
      'Ratio=0.25',
      'Small=2',
      'Enabled=false',
      'When=2026-11-28T10%3A05%3A09.000Z',
      'Data=AAEC%2Bv8%3D',
      'Tags.1.Key=env',
      'Tags.1.Value=prod',
      'Tags.2.Key=team',
      'Tags.2.Value=x',
      'Names.1=a',
      'Names.2=b',
      'Attributes.entry.1.key=a',
      'Attributes.entry.1.value=1',
      'Inner.Label=l',
      'Inner.Numbers.1=1',
      'Inner.Numbers.2=2',
    ].join('&');
    expect(decode(body)).toEqual({
      Name: 'n',
      Count: 3,
      Big: -1,
      Ratio: 0.25,
      Small: 2,
      Enabled: false,
      When: new Date('2026-11-28T10:05:09Z'),
      Data: new Uint8Array([0, 1, 2, 250, 255]),
      Tags: [
        { Key: 'env', Value: 'prod' },
        { Key: 'team', Value: 'x' },
      ],
      Names: ['a', 'b'],
      Attributes: { a: '1' },
      Inner: { Label: 'l', Numbers: [1, 2] },
    });
  });

  it('does not read awsQuery-style list keys', () => {
    expect(decode('Names.member.1=a')).toEqual({});
  });

  it('names members by queryName, else the capitalized locationName or member name', () => {
    const body = [
      'RenamedOnWire=r',
      'QueryName=q',
      'xmlName=ignored',
      'Flat.1=f',
      'ItemSet.1=i1',
      'ItemSet.2=i2',
      'LowerCase=l',
      'lowerCase=ignored',
    ].join('&');
    expect(codec.decodeInput(form(`Action=Names&${body}`), schema, 'Names')).toEqual({
      Renamed: 'r',
      QueryNamed: 'q',
      Flat: ['f'],
      Items: ['i1', 'i2'],
      lowerCase: 'l',
    });
  });

  it.each([
    [
      'Count=x',
      'InvalidParameterValue',
      "Value (x) for parameter Count is invalid. Expected: 'Integer'.",
    ],
    [
      'Enabled=1',
      'InvalidParameterValue',
      "Value (1) for parameter Enabled is invalid. Expected: 'Boolean'.",
    ],
    [
      'Names.1=a&Names.3=c',
      'InvalidParameterValue',
      'The entries of Names must be numbered from 1 without gaps; got 1, 3.',
    ],
    [
      'Tags.2.Key=a',
      'InvalidParameterValue',
      'The entries of Tags must be numbered from 1 without gaps; got 2.',
    ],
  ])('%j → %s', (body, code, message) => {
    expect(decodeError(body)).toMatchObject({ code, message, status: 400 });
  });

  it('reads 19,000 list items in order, each key visited once', () => {
    const n = 19_000;
    const body = Array.from({ length: n }, (_, i) => `Tags.${i + 1}.Key=k${i + 1}`).join('&');
    const tags = decode(body).Tags as Array<{ Key: string }>;
    expect(tags).toHaveLength(n);
    expect(tags[0]).toEqual({ Key: 'k1' });
    expect(tags[n - 1]).toEqual({ Key: `k${n}` });
  });

  it('reads at most 65,536 parameters, and refuses a request with more before reading it', () => {
    const params = (n: number) => Array.from({ length: n }, (_, i) => `Names.${i + 1}=n`).join('&');
    // With Action and Version, 65,534 names make 65,536 parameters.
    expect((decode(params(65_534)).Names as string[]).length).toBe(65_534);
    expect(decodeError(params(65_535))).toMatchObject({
      code: 'RequestEntityTooLargeException',
      status: 413,
      message:
        'The request has more than 65536 parameters; teiki reads at most 65536 in one request.',
    });
  });

  it('names at most ten item numbers when they do not run 1, 2, 3, …', () => {
    const body = Array.from({ length: 50 }, (_, i) => `Names.${2 * i + 1}=x`).join('&');
    expect(decodeError(body)).toMatchObject({
      code: 'InvalidParameterValue',
      message:
        'The entries of Names must be numbered from 1 without gaps; got 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, … (50 in all).',
    });
  });
});

describe('ec2Query output', () => {
  it('writes requestId first, no Result wrapper, timestamps with milliseconds', () => {
    const res = codec.encodeOutput(fullThing, schema, 'Echo', 'rid-1');
    expect(res.status).toBe(200);
    expect(res.headers).toEqual({
      'content-type': 'text/xml;charset=UTF-8',
      'x-amzn-requestid': 'rid-1',
    });
    expect(bodyText(res)).toBe(
      DECL +
        `<EchoResponse xmlns="${NS}"><requestId>rid-1</requestId>` +
        '<Name>a&lt;b&gt;&amp;&quot;c&apos;</Name><Count>42</Count><Big>9007199254740991</Big><Ratio>0.5</Ratio><Small>1.25</Small>' +
        '<Enabled>false</Enabled><When>2026-11-28T10:05:09.123Z</When><Data>AAEC+v8=</Data>' +
        '<Tags><member><Key>env</Key><Value>prod</Value></member><member><Key>team</Key><Value>定期 ünïcode</Value></member></Tags>' +
        '<Names><member>x</member><member></member><member>z</member></Names>' +
        '<Attributes><entry><key>a</key><value>1</value></entry><entry><key>b.c</key><value>2</value></entry></Attributes>' +
        '<Inner><Label>in</Label><Numbers><member>1</member><member>2</member><member>3</member></Numbers><When>2026-01-02T03:04:05.000Z</When></Inner>' +
        '</EchoResponse>',
    );
  });

  it('names elements by locationName and list items by the member locationName', () => {
    const res = codec.encodeOutput(
      { Renamed: 'r', QueryNamed: 'q', Items: ['a'], lowerCase: 'l' },
      schema,
      'Names',
      'r',
    );
    expect(bodyText(res)).toBe(
      `${DECL}<NamesResponse xmlns="${NS}"><requestId>r</requestId><renamedOnWire>r</renamedOnWire><xmlName>q</xmlName><itemSet><item>a</item></itemSet><lowerCase>l</lowerCase></NamesResponse>`,
    );
  });

  it('answers <return>true</return> for an operation without output', () => {
    expect(bodyText(codec.encodeOutput(undefined, schema, 'Ping', 'r'))).toBe(
      `${DECL}<PingResponse xmlns="${NS}"><requestId>r</requestId><return>true</return></PingResponse>`,
    );
  });
});

describe('ec2Query errors', () => {
  it.each([
    [
      'an EC2 error code',
      new ServiceError({
        code: 'InvalidVpcID.NotFound',
        message: "The vpc ID 'vpc-1' does not exist",
      }),
      400,
      '<Code>InvalidVpcID.NotFound</Code><Message>The vpc ID &apos;vpc-1&apos; does not exist</Message>',
    ],
    [
      // As Smithy's Ec2ComplexError: extra members beside Code and Message.
      'a declared error with its status and fields',
      new ServiceError({ code: 'NotFound', message: 'x', fields: { ResourceName: 'r<1>' } }),
      404,
      '<Code>NotFound</Code><Message>x</Message><ResourceName>r&lt;1&gt;</ResourceName>',
    ],
    [
      'an internal error',
      new ServiceError({
        code: 'InternalError',
        message: 'An internal error has occurred',
        status: 500,
      }),
      500,
      '<Code>InternalError</Code><Message>An internal error has occurred</Message>',
    ],
    [
      'an unknown action',
      codec.unknownOperation(form('Action=Nope'), schema),
      400,
      '<Code>InvalidAction</Code><Message>The action Nope is not valid for this web service.</Message>',
    ],
  ])('%s', (_name, error, status, inner) => {
    const res = codec.encodeError(error, schema, 'Echo', 'rid-3');
    expect(res.status).toBe(status);
    expect(res.headers['x-amzn-requestid']).toBe('rid-3');
    expect(bodyText(res)).toBe(
      `${DECL}<Response><Errors><Error>${inner}</Error></Errors><RequestID>rid-3</RequestID></Response>`,
    );
  });
});
