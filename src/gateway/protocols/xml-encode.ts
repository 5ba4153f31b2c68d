/**
 * An output object → the XML elements of the query protocols' responses, by the model's
 * shapes: elements named by `locationName` else the member name, lists as `<member>` (or
 * the list member's `locationName`, `item` in EC2) unless flattened, maps as
 * `<entry><key/><value/></entry>`, null and undefined left out.
 */
import type { MemberRef, ServiceSchema, StructureShape } from '../schema/types.js';
import type { ServiceError } from '../../services/error.js';
import { errorShapeFor, isDocument, shapeOf } from './model.js';
import { toBase64, isRecord } from './json-encode.js';
import { scalarText } from './objects.js';
import { asDate } from './timestamps.js';
import { element, textElement } from './xml.js';

export interface XmlStyle {
  /** Timestamps without an explicit format: IAM/STS drop zero milliseconds, EC2 keeps them. */
  timestamp(date: Date): string;
}

/** The member elements of a structure, in model order. */
export function writeXmlMembers(
  schema: ServiceSchema,
  shape: StructureShape,
  value: unknown,
  style: XmlStyle,
): string {
  if (!isRecord(value)) return '';
  let xml = '';
  for (const [name, member] of Object.entries(shape.members)) {
    xml += writeXmlMember(schema, member, member.locationName ?? name, value[name], style);
  }
  return xml;
}

/** The element(s) for one value named `name`; flattened lists and maps give several. */
function writeXmlMember(
  schema: ServiceSchema,
  ref: MemberRef,
  name: string,
  value: unknown,
  style: XmlStyle,
): string {
  if (value === null || value === undefined) return '';
  const shape = shapeOf(schema, ref.shape);
  if (isDocument(shape)) return textElement(name, JSON.stringify(value));
  switch (shape.type) {
    case 'structure':
      return element(name, writeXmlMembers(schema, shape, value, style));
    case 'list': {
      if (!Array.isArray(value)) return '';
      const items = value as unknown[];
      if (ref.flattened || shape.flattened)
        return items
          .map((item) => writeXmlMember(schema, shape.member, name, item, style))
          .join('');
      const itemName = shape.member.locationName ?? 'member';
      return element(
        name,
        items.map((item) => writeXmlMember(schema, shape.member, itemName, item, style)).join(''),
      );
    }
    case 'map': {
      const entries =
        value instanceof Map
          ? [...(value as Map<string, unknown>).entries()]
          : isRecord(value)
            ? Object.entries(value)
            : [];
      const keyName = shape.key.locationName ?? 'key';
      const valueName = shape.value.locationName ?? 'value';
      const pairs = entries
        .filter(([, item]) => item !== null && item !== undefined)
        .map(
          ([key, item]) =>
            writeXmlMember(schema, shape.key, keyName, String(key), style) +
            writeXmlMember(schema, shape.value, valueName, item, style),
        );
      if (ref.flattened || shape.flattened)
        return pairs.map((pair) => element(name, pair)).join('');
      return element(name, pairs.map((pair) => element('entry', pair)).join(''));
    }
    case 'timestamp': {
      const date = asDate(value);
      if (!date) return '';
      const format = ref.timestampFormat ?? shape.timestampFormat;
      const text =
        format === 'unixTimestamp'
          ? String(date.getTime() / 1000)
          : format === 'rfc822'
            ? date.toUTCString()
            : style.timestamp(date);
      return textElement(name, text);
    }
    case 'blob':
      return textElement(name, toBase64(value));
    case 'boolean':
      return textElement(name, value ? 'true' : 'false');
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
      return textElement(name, String(Number(value)));
    case 'string':
      return textElement(name, scalarText(value));
  }
}

/**
 * Extra members of an error as elements of `<Error>` beside `<Code>`, where the SDKs
 * read them: by the error shape where the model declares it, else as plain text.
 */
export function writeXmlErrorFields(
  schema: ServiceSchema,
  error: ServiceError,
  style: XmlStyle,
): string {
  const fields = Object.fromEntries(
    Object.entries(error.fields).filter(([name]) => name.toLowerCase() !== 'message'),
  );
  const shape = errorShapeFor(schema, error.code);
  if (shape) {
    const members = Object.fromEntries(
      Object.entries(shape.members).filter(([name]) => name in fields),
    );
    return writeXmlMembers(schema, { ...shape, members }, fields, style);
  }
  return Object.entries(fields)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([name, value]) => textElement(name, scalarText(value)))
    .join('');
}
