/**
 * awsQuery (IAM, STS): `Action`, `Version` and the input as form parameters (a POST body,
 * or the query string of a GET); the output as `<OpResponse><OpResult>…` XML.
 */
import { ServiceError } from '../../services/error.js';
import { errorDisposition, operationOutput } from './model.js';
import { decodeFormInput, formOperation, paramsOf, type QueryNaming } from './query-decode.js';
import { formatIso8601 } from './timestamps.js';
import { writeXmlErrorFields, writeXmlMembers, type XmlStyle } from './xml-encode.js';
import { XML_DECLARATION, element, textElement } from './xml.js';
import type { ProtocolCodec, WireResponse } from './types.js';

const naming: QueryNaming = {
  member: (name, ref) => ref.locationName ?? name,
  listItems: (prefix, list, ref) =>
    ref.flattened || list.flattened ? prefix : `${prefix}.${list.member.locationName ?? 'member'}`,
};

const style: XmlStyle = { timestamp: formatIso8601 };

function xmlResponse(status: number, body: string, requestId: string): WireResponse {
  return {
    status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body: XML_DECLARATION + body,
  };
}

export const queryCodec: ProtocolCodec = {
  resolveOperation: formOperation,

  decodeInput: (req, schema, operation) => decodeFormInput(req, schema, operation, naming),

  encodeOutput(output, schema, operation, requestId) {
    const op = schema.operations[operation];
    const shape = operationOutput(schema, operation);
    let content = '';
    if (shape)
      content += element(
        op?.resultWrapper ?? `${operation}Result`,
        writeXmlMembers(schema, shape, output, style),
      );
    content += element('ResponseMetadata', textElement('RequestId', requestId));
    return xmlResponse(
      200,
      element(`${operation}Response`, content, schema.xmlNamespace),
      requestId,
    );
  },

  encodeError(error, schema, _operation, requestId) {
    const { status, fault } = errorDisposition(schema, error);
    const content =
      textElement('Type', fault === 'receiver' ? 'Receiver' : 'Sender') +
      textElement('Code', error.code) +
      textElement('Message', error.message) +
      writeXmlErrorFields(schema, error, style);
    const body = element(
      'ErrorResponse',
      element('Error', content) + textElement('RequestId', requestId),
      schema.xmlNamespace,
    );
    return xmlResponse(status, body, requestId);
  },

  unknownOperation(req, schema, name = paramsOf(req).get('Action')) {
    if (name === undefined || name === '') {
      return new ServiceError({ code: 'MissingAction', message: 'Missing Action', status: 400 });
    }
    const version = paramsOf(req).get('Version') ?? schema.apiVersion;
    return new ServiceError({
      code: 'InvalidAction',
      message: `Could not find operation ${name} for version ${version}`,
      status: 400,
    });
  },
};
