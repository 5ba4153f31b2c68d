/**
 * The AWS event stream framing (`application/vnd.amazon.eventstream`), server side: how an
 * operation's event stream output (StartLiveTail's `responseStream`) goes on the wire.
 *
 * A message is a prelude (total length, headers length: 4-byte big-endian each) and its
 * CRC32, the headers, the payload, and a CRC32 of everything before it. A header is its
 * name's length (1 byte), the name, a type (7: string) and the value's length (2 bytes)
 * and bytes. Three kinds of message: `event` (`:event-type` names the union member),
 * `exception` (a modelled error of the stream, `:exception-type`) and `error` (anything
 * else, `:error-code` and `:error-message`, no payload).
 */

const STRING_HEADER = 7;

export type EventStreamHeaders = ReadonlyArray<readonly [name: string, value: string]>;

export function eventMessage(eventType: string, contentType: string, payload: Buffer): Buffer {
  return encodeMessage(
    [
      [':event-type', eventType],
      [':content-type', contentType],
      [':message-type', 'event'],
    ],
    payload,
  );
}

export function exceptionMessage(
  exceptionType: string,
  contentType: string,
  payload: Buffer,
): Buffer {
  return encodeMessage(
    [
      [':exception-type', exceptionType],
      [':content-type', contentType],
      [':message-type', 'exception'],
    ],
    payload,
  );
}

export function errorMessage(code: string, message: string): Buffer {
  return encodeMessage(
    [
      [':error-code', code],
      [':error-message', message],
      [':message-type', 'error'],
    ],
    Buffer.alloc(0),
  );
}

export function encodeMessage(headers: EventStreamHeaders, payload: Buffer): Buffer {
  const encodedHeaders = Buffer.concat(headers.map(([name, value]) => encodeHeader(name, value)));
  const total = 12 + encodedHeaders.length + payload.length + 4;
  const message = Buffer.alloc(total);
  message.writeUInt32BE(total, 0);
  message.writeUInt32BE(encodedHeaders.length, 4);
  message.writeUInt32BE(crc32(message.subarray(0, 8)), 8);
  encodedHeaders.copy(message, 12);
  payload.copy(message, 12 + encodedHeaders.length);
  message.writeUInt32BE(crc32(message.subarray(0, total - 4)), total - 4);
  return message;
}

function encodeHeader(name: string, value: string): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const valueBytes = Buffer.from(value, 'utf8');
  if (nameBytes.length > 255) throw new RangeError(`event stream header name too long: ${name}`);
  // A longer value is cut (at a character boundary): only messages teiki writes get here.
  const kept = valueBytes.length > 0xffff ? utf8Prefix(value, 0xffff) : valueBytes;
  const header = Buffer.alloc(1 + nameBytes.length + 1 + 2 + kept.length);
  header.writeUInt8(nameBytes.length, 0);
  nameBytes.copy(header, 1);
  header.writeUInt8(STRING_HEADER, 1 + nameBytes.length);
  header.writeUInt16BE(kept.length, 2 + nameBytes.length);
  kept.copy(header, 4 + nameBytes.length);
  return header;
}

function utf8Prefix(value: string, maxBytes: number): Buffer {
  let bytes = 0;
  let end = 0;
  for (const char of value) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  return Buffer.from(value.slice(0, end), 'utf8');
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3), as the framing uses; node:zlib's crc32 needs Node 20.15. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
