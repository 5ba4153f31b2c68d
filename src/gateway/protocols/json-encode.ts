/**
 * An output object → a JSON value by the model's shapes: timestamps as epoch seconds
 * (unless the member says otherwise), blobs as base64, non-finite floats as Smithy's
 * strings, null and undefined left out, members the model does not have dropped.
 */
import type { MemberRef, ServiceSchema, StructureShape, TimestampFormat } from '../schema/types.js';
import { isDocument, shapeOf } from './model.js';
import { scalarText, setEntry } from './objects.js';
import { asDate, formatHttpDate, formatIso8601, toEpochSeconds } from './timestamps.js';

/** A structure's body members as a JSON object; members bound elsewhere (rest-json) are skipped at the top. */
export function writeJsonStructure(
  schema: ServiceSchema,
  shape: StructureShape,
  value: unknown,
  top = true,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isRecord(value)) return out;
  for (const [name, member] of Object.entries(shape.members)) {
    if (top && member.location !== undefined) continue;
    const written = writeJson(schema, member, value[name]);
    if (written !== undefined) out[member.locationName ?? name] = written;
  }
  return out;
}

export function writeJson(schema: ServiceSchema, ref: MemberRef, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  const shape = shapeOf(schema, ref.shape);
  if (isDocument(shape)) return value;
  switch (shape.type) {
    case 'structure':
      return writeJsonStructure(schema, shape, value, false);
    case 'list': {
      if (!Array.isArray(value)) return undefined;
      const out: unknown[] = [];
      for (const item of value as unknown[]) {
        const written = writeJson(schema, shape.member, item);
        if (written !== undefined) out.push(written);
      }
      return out;
    }
    case 'map': {
      const out: Record<string, unknown> = {};
      const entries =
        value instanceof Map
          ? [...(value as Map<string, unknown>).entries()]
          : isRecord(value)
            ? Object.entries(value)
            : [];
      for (const [key, item] of entries) {
        const written = writeJson(schema, shape.value, item);
        if (written !== undefined) setEntry(out, String(key), written);
      }
      return out;
    }
    case 'string':
      return scalarText(value);
    case 'boolean':
      return Boolean(value);
    case 'integer':
    case 'long':
      return Number(value);
    case 'float':
    case 'double':
      return jsonFloat(Number(value));
    case 'timestamp':
      return writeJsonTimestamp(value, ref.timestampFormat ?? shape.timestampFormat);
    case 'blob':
      return toBase64(value);
  }
}

function jsonFloat(value: number): number | string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return value;
}

function writeJsonTimestamp(
  value: unknown,
  format: TimestampFormat | undefined,
): number | string | undefined {
  const date = asDate(value);
  if (!date) return undefined;
  if (format === 'iso8601') return formatIso8601(date);
  if (format === 'rfc822') return formatHttpDate(date);
  return toEpochSeconds(date);
}

export function toBase64(value: unknown): string {
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  return Buffer.from(scalarText(value), 'utf8').toString('base64');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
