/**
 * ec2Query (EC2): like awsQuery on the way in, but every list is flattened
 * (`Filter.1.Value.1`) and names come from `queryName`, else the capitalized
 * `locationName` or member name; on the way out no Result wrapper, `<requestId>` first,
 * and errors as `<Response><Errors><Error>`.
 */
import { ServiceError } from '../../services/error.js';
import { capitalize, errorDisposition, operationOutput } from './model.js';
import { decodeFormInput, formOperation, paramsOf, type QueryNaming } from './query-decode.js';
import { formatIso8601Millis } from './timestamps.js';
import { writeXmlErrorFields, writeXmlMembers, type XmlStyle } from './xml-encode.js';
import { XML_DECLARATION, element, textElement } from './xml.js';
import type { ProtocolCodec, WireResponse } from './types.js';

const naming: QueryNaming = {
  member: (name, ref) => ref.queryName ?? capitalize(ref.locationName ?? name),
  listItems: (prefix) => prefix,
};

const style: XmlStyle = { timestamp: formatIso8601Millis };

/** EC2 responses carry the namespace with its trailing slash; the model's lacks it. */
function namespace(xmlNamespace: string | undefined): string {
  const ns = xmlNamespace ?? 'http://ec2.amazonaws.com/doc/2016-11-15';
  return ns.endsWith('/') ? ns : `${ns}/`;
}

function xmlResponse(status: number, body: string, requestId: string): WireResponse {
  return {
    status,
    headers: { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId },
    body: XML_DECLARATION + body,
  };
}

export const ec2Codec: ProtocolCodec = {
  resolveOperation: formOperation,

  decodeInput: (req, schema, operation) => decodeFormInput(req, schema, operation, naming),

  encodeOutput(output, schema, operation, requestId) {
    const shape = operationOutput(schema, operation);
    // An operation without output (DeleteVpc) answers `<return>true</return>`.
    const members = shape
      ? writeXmlMembers(schema, shape, output, style)
      : textElement('return', 'true');
    const body = element(
      `${operation}Response`,
      textElement('requestId', requestId) + members,
      namespace(schema.xmlNamespace),
    );
    return xmlResponse(200, body, requestId);
  },

  encodeError(error, schema, _operation, requestId) {
    const { status } = errorDisposition(schema, error);
    const fields = writeXmlErrorFields(schema, error, style);
    const errorXml = element(
      'Error',
      textElement('Code', error.code) + textElement('Message', error.message) + fields,
    );
    const body = element(
      'Response',
      element('Errors', errorXml) + textElement('RequestID', requestId),
    );
    return xmlResponse(status, body, requestId);
  },

  unknownOperation(req, _schema, name = paramsOf(req).get('Action')) {
    if (name === undefined || name === '') {
      return new ServiceError({
        code: 'MissingAction',
        message: 'The request must contain the parameter Action.',
        status: 400,
      });
    }
    return new ServiceError({
      code: 'InvalidAction',
      message: `The action ${name} is not valid for this web service.`,
      status: 400,
    });
  },
};
