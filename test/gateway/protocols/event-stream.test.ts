/**
 * The event stream framing, checked byte by byte against the format (prelude, CRC32s,
 * string headers) and decoded back by a reader written from the format alone.
 */
import { describe, expect, it } from 'vitest';
import {
  crc32,
  encodeMessage,
  errorMessage,
  eventMessage,
  exceptionMessage,
} from '../../../src/gateway/protocols/event-stream.js';

interface Decoded {
  headers: Record<string, string>;
  payload: string;
}

/** Reads one message, checking both CRCs and that the lengths add up. */
function decode(message: Buffer): Decoded {
  const total = message.readUInt32BE(0);
  const headersLength = message.readUInt32BE(4);
  expect(total).toBe(message.length);
  expect(message.readUInt32BE(8)).toBe(crc32(message.subarray(0, 8)));
  expect(message.readUInt32BE(total - 4)).toBe(crc32(message.subarray(0, total - 4)));
  const headers: Record<string, string> = {};
  let at = 12;
  while (at < 12 + headersLength) {
    const nameLength = message.readUInt8(at);
    const name = message.subarray(at + 1, at + 1 + nameLength).toString('utf8');
    at += 1 + nameLength;
    expect(message.readUInt8(at)).toBe(7);
    const valueLength = message.readUInt16BE(at + 1);
    headers[name] = message.subarray(at + 3, at + 3 + valueLength).toString('utf8');
    at += 3 + valueLength;
  }
  expect(at).toBe(12 + headersLength);
  return { headers, payload: message.subarray(at, total - 4).toString('utf8') };
}

describe('event stream messages', () => {
  it('compute CRC-32 as IEEE 802.3 does', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  it('frame an event with its type, content type and payload', () => {
    const decoded = decode(
      eventMessage('sessionUpdate', 'application/json', Buffer.from('{"a":1}')),
    );
    expect(decoded).toEqual({
      headers: {
        ':event-type': 'sessionUpdate',
        ':content-type': 'application/json',
        ':message-type': 'event',
      },
      payload: '{"a":1}',
    });
  });

  it('frame a modelled exception and an unmodelled error', () => {
    expect(
      decode(
        exceptionMessage(
          'SessionTimeoutException',
          'application/json',
          Buffer.from('{"message":"m"}'),
        ),
      ),
    ).toEqual({
      headers: {
        ':exception-type': 'SessionTimeoutException',
        ':content-type': 'application/json',
        ':message-type': 'exception',
      },
      payload: '{"message":"m"}',
    });
    expect(decode(errorMessage('InternalFailure', 'something broke'))).toEqual({
      headers: {
        ':error-code': 'InternalFailure',
        ':error-message': 'something broke',
        ':message-type': 'error',
      },
      payload: '',
    });
  });

  it('carry UTF-8 in headers and payloads, and an empty payload', () => {
    const decoded = decode(encodeMessage([['name', 'ログ ✓']], Buffer.from('定期')));
    expect(decoded).toEqual({ headers: { name: 'ログ ✓' }, payload: '定期' });
    expect(decode(encodeMessage([], Buffer.alloc(0)))).toEqual({ headers: {}, payload: '' });
  });

  it('cut a header value longer than 65,535 bytes at a character boundary', () => {
    const long = 'é'.repeat(40_000);
    const decoded = decode(encodeMessage([['m', long]], Buffer.alloc(0)));
    expect(Buffer.byteLength(decoded.headers['m']!)).toBe(65_534);
    expect(decoded.headers['m']).toBe('é'.repeat(32_767));
  });
});
