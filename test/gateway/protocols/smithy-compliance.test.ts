/**
 * Cases seeded from Smithy's AWS protocol compliance tests (smithy-aws-protocol-tests:
 * awsQuery/input-lists, input-maps, xml-lists; ec2Query/input-lists, xml-errors), with
 * their models translated to the botocore form the codecs read.
 */
import { describe, expect, it } from 'vitest';
import { codecFor } from '../../../src/gateway/protocols/index.js';
import type { Protocol, ServiceSchema, Shape } from '../../../src/gateway/schema/types.js';
import { ServiceError } from '../../../src/services/error.js';
import { bodyText, wire } from './helpers.js';

const shapes: Record<string, Shape> = {
  String: { type: 'string' },
  Integer: { type: 'integer' },
  Boolean: { type: 'boolean' },
  Timestamp: { type: 'timestamp' },
  StringList: { type: 'list', member: { shape: 'String' } },
  IntegerList: { type: 'list', member: { shape: 'Integer' } },
  BooleanList: { type: 'list', member: { shape: 'Boolean' } },
  TimestampList: { type: 'list', member: { shape: 'Timestamp' } },
  NestedStringList: { type: 'list', member: { shape: 'StringList' } },
  ListWithXmlName: { type: 'list', member: { shape: 'String', locationName: 'item' } },
  GreetingStruct: { type: 'structure', members: { hi: { shape: 'String' } } },
  GreetingList: { type: 'list', member: { shape: 'GreetingStruct' } },
  StringMap: { type: 'map', key: { shape: 'String' }, value: { shape: 'String' } },
  ComplexMap: { type: 'map', key: { shape: 'String' }, value: { shape: 'GreetingStruct' } },
  MapWithXmlName: {
    type: 'map',
    key: { shape: 'String', locationName: 'K' },
    value: { shape: 'String', locationName: 'V' },
  },
  StructureListMember: {
    type: 'structure',
    members: {
      a: { shape: 'String', locationName: 'value' },
      b: { shape: 'String', locationName: 'other' },
    },
  },
  StructureList: { type: 'list', member: { shape: 'StructureListMember', locationName: 'item' } },
  QueryListsInput: {
    type: 'structure',
    members: {
      ListArg: { shape: 'StringList' },
      ComplexListArg: { shape: 'GreetingList' },
      FlattenedListArg: { shape: 'StringList', flattened: true },
      ListArgWithXmlNameMember: { shape: 'ListWithXmlName' },
      FlattenedListArgWithXmlName: {
        shape: 'ListWithXmlName',
        flattened: true,
        locationName: 'Hi',
      },
    },
  },
  Ec2QueryListsInput: {
    type: 'structure',
    members: {
      ListArg: { shape: 'StringList' },
      ComplexListArg: { shape: 'GreetingList' },
      ListArgWithXmlNameMember: { shape: 'ListWithXmlName' },
      ListArgWithXmlName: { shape: 'ListWithXmlName', locationName: 'Hi' },
    },
  },
  QueryMapsInput: {
    type: 'structure',
    members: {
      MapArg: { shape: 'StringMap' },
      RenamedMapArg: { shape: 'StringMap', locationName: 'Foo' },
      ComplexMapArg: { shape: 'ComplexMap' },
      FlattenedMapWithXmlName: { shape: 'MapWithXmlName', flattened: true, locationName: 'Hi' },
    },
  },
  XmlListsOutput: {
    type: 'structure',
    members: {
      stringList: { shape: 'StringList' },
      integerList: { shape: 'IntegerList' },
      booleanList: { shape: 'BooleanList' },
      timestampList: { shape: 'TimestampList' },
      nestedStringList: { shape: 'NestedStringList' },
      renamedListMembers: { shape: 'ListWithXmlName', locationName: 'renamed' },
      flattenedList: { shape: 'ListWithXmlName', flattened: true },
      flattenedList2: { shape: 'ListWithXmlName', flattened: true, locationName: 'customName' },
      structureList: { shape: 'StructureList', locationName: 'myStructureList' },
    },
  },
  ComplexNestedErrorData: { type: 'structure', members: { Foo: { shape: 'String' } } },
  ComplexError: {
    type: 'structure',
    exception: true,
    members: { TopLevel: { shape: 'String' }, Nested: { shape: 'ComplexNestedErrorData' } },
  },
};

function schemaFor(protocol: Protocol): ServiceSchema {
  const rpc = { method: 'POST', requestUri: '/' };
  return {
    name: 'protocoltests',
    protocol,
    apiVersion: '2020-01-08',
    signingName: 'x',
    endpointPrefix: 'x',
    xmlNamespace: 'https://example.com/',
    operations: {
      QueryLists: {
        name: 'QueryLists',
        http: rpc,
        input: protocol === 'ec2' ? 'Ec2QueryListsInput' : 'QueryListsInput',
        errors: [],
      },
      QueryMaps: { name: 'QueryMaps', http: rpc, input: 'QueryMapsInput', errors: [] },
      XmlLists: {
        name: 'XmlLists',
        http: rpc,
        output: 'XmlListsOutput',
        resultWrapper: 'XmlListsResult',
        errors: [],
      },
      GreetingWithErrors: { name: 'GreetingWithErrors', http: rpc, errors: ['ComplexError'] },
    },
    shapes,
  };
}

function decode(protocol: Protocol, operation: string, body: string) {
  const req = wire({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  return codecFor(protocol).decodeInput(req, schemaFor(protocol), operation);
}

/** The compliance tests' XML is pretty-printed; compare without the whitespace between tags. */
function compact(xml: string): string {
  return xml.replace(/>\s+</g, '><').trim();
}

describe('Smithy awsQuery input-lists and input-maps', () => {
  it.each([
    [
      'QueryLists',
      'QueryLists',
      'ListArg.member.1=foo&ListArg.member.2=bar&ListArg.member.3=baz&ComplexListArg.member.1.hi=hello&ComplexListArg.member.2.hi=hola',
      { ListArg: ['foo', 'bar', 'baz'], ComplexListArg: [{ hi: 'hello' }, { hi: 'hola' }] },
    ],
    ['EmptyQueryLists', 'QueryLists', '', {}],
    [
      'FlattenedQueryLists',
      'QueryLists',
      'FlattenedListArg.1=A&FlattenedListArg.2=B',
      { FlattenedListArg: ['A', 'B'] },
    ],
    [
      'QueryListArgWithXmlNameMember',
      'QueryLists',
      'ListArgWithXmlNameMember.item.1=A&ListArgWithXmlNameMember.item.2=B',
      { ListArgWithXmlNameMember: ['A', 'B'] },
    ],
    [
      'QueryFlattenedListArgWithXmlName',
      'QueryLists',
      'Hi.1=A&Hi.2=B',
      { FlattenedListArgWithXmlName: ['A', 'B'] },
    ],
    [
      'QuerySimpleQueryMaps',
      'QueryMaps',
      'MapArg.entry.1.key=foo&MapArg.entry.1.value=Foo&MapArg.entry.2.key=bar&MapArg.entry.2.value=Bar',
      { MapArg: { foo: 'Foo', bar: 'Bar' } },
    ],
    [
      'QuerySimpleQueryMapsWithXmlName',
      'QueryMaps',
      'Foo.entry.1.key=foo&Foo.entry.1.value=Foo',
      { RenamedMapArg: { foo: 'Foo' } },
    ],
    [
      'QueryComplexQueryMaps',
      'QueryMaps',
      'ComplexMapArg.entry.1.key=foo&ComplexMapArg.entry.1.value.hi=Foo&ComplexMapArg.entry.2.key=bar&ComplexMapArg.entry.2.value.hi=Bar',
      { ComplexMapArg: { foo: { hi: 'Foo' }, bar: { hi: 'Bar' } } },
    ],
    ['QueryEmptyQueryMaps', 'QueryMaps', '', {}],
    [
      'QueryFlattenedQueryMapsWithXmlName',
      'QueryMaps',
      'Hi.1.K=foo&Hi.1.V=Foo&Hi.2.K=bar&Hi.2.V=Bar',
      { FlattenedMapWithXmlName: { foo: 'Foo', bar: 'Bar' } },
    ],
  ])('%s', (_id, operation, params, expected) => {
    expect(decode('query', operation, `Action=${operation}&Version=2020-01-08&${params}`)).toEqual(
      expected,
    );
  });
});

describe('Smithy ec2Query input-lists', () => {
  it.each([
    [
      'Ec2Lists',
      'ListArg.1=foo&ListArg.2=bar&ListArg.3=baz&ComplexListArg.1.Hi=hello&ComplexListArg.2.Hi=hola',
      { ListArg: ['foo', 'bar', 'baz'], ComplexListArg: [{ hi: 'hello' }, { hi: 'hola' }] },
    ],
    ['Ec2EmptyQueryLists', '', {}],
    [
      'Ec2ListArgWithXmlNameMember',
      'ListArgWithXmlNameMember.1=A&ListArgWithXmlNameMember.2=B',
      { ListArgWithXmlNameMember: ['A', 'B'] },
    ],
    ['Ec2ListMemberWithXmlName', 'Hi.1=A&Hi.2=B', { ListArgWithXmlName: ['A', 'B'] }],
  ])('%s', (_id, params, expected) => {
    expect(decode('ec2', 'QueryLists', `Action=QueryLists&Version=2020-01-08&${params}`)).toEqual(
      expected,
    );
  });
});

describe('Smithy awsQuery xml-lists', () => {
  it('QueryXmlLists', () => {
    const output = {
      stringList: ['foo', 'bar'],
      integerList: [1, 2],
      booleanList: [true, false],
      timestampList: [new Date(1398796238000), new Date(1398796238000)],
      nestedStringList: [
        ['foo', 'bar'],
        ['baz', 'qux'],
      ],
      renamedListMembers: ['foo', 'bar'],
      flattenedList: ['hi', 'bye'],
      flattenedList2: ['yep', 'nope'],
      structureList: [
        { a: '1', b: '2' },
        { a: '3', b: '4' },
      ],
    };
    const res = codecFor('query').encodeOutput(output, schemaFor('query'), 'XmlLists', 'requestid');
    expect(bodyText(res)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>' +
        compact(`
        <XmlListsResponse xmlns="https://example.com/">
          <XmlListsResult>
            <stringList><member>foo</member><member>bar</member></stringList>
            <integerList><member>1</member><member>2</member></integerList>
            <booleanList><member>true</member><member>false</member></booleanList>
            <timestampList><member>2014-04-29T18:30:38Z</member><member>2014-04-29T18:30:38Z</member></timestampList>
            <nestedStringList>
              <member><member>foo</member><member>bar</member></member>
              <member><member>baz</member><member>qux</member></member>
            </nestedStringList>
            <renamed><item>foo</item><item>bar</item></renamed>
            <flattenedList>hi</flattenedList><flattenedList>bye</flattenedList>
            <customName>yep</customName><customName>nope</customName>
            <myStructureList>
              <item><value>1</value><other>2</other></item>
              <item><value>3</value><other>4</other></item>
            </myStructureList>
          </XmlListsResult>
          <ResponseMetadata><RequestId>requestid</RequestId></ResponseMetadata>
        </XmlListsResponse>`),
    );
  });
});

describe('Smithy ec2Query xml-errors', () => {
  it('Ec2ComplexError', () => {
    const error = new ServiceError({
      code: 'ComplexError',
      message: 'Hi',
      fields: { TopLevel: 'Top level', Nested: { Foo: 'bar' } },
    });
    const res = codecFor('ec2').encodeError(
      error,
      schemaFor('ec2'),
      'GreetingWithErrors',
      'foo-id',
    );
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('text/xml;charset=UTF-8');
    expect(bodyText(res)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>' +
        compact(`
        <Response>
          <Errors>
            <Error>
              <Code>ComplexError</Code>
              <Message>Hi</Message>
              <TopLevel>Top level</TopLevel>
              <Nested><Foo>bar</Foo></Nested>
            </Error>
          </Errors>
          <RequestID>foo-id</RequestID>
        </Response>`),
    );
  });
});
