import { describe, expect, it } from 'vitest';
import {
  cursorOfEventId,
  eventId,
  parseStreamToken,
  streamToken,
} from '../../../src/services/logs/event-ids.js';

describe('event ids and stream tokens', () => {
  it.each([
    { timestamp: 0, seq: 1 },
    { timestamp: 1_670_104_961_396, seq: 42 },
    { timestamp: 4_000_000_000_000, seq: Number.MAX_SAFE_INTEGER },
  ])('round-trips %j through a 56-digit id', (cursor) => {
    const id = eventId(cursor);
    expect(id).toMatch(/^\d{56}$/);
    expect(cursorOfEventId(id)).toEqual(cursor);
  });

  it('puts the timestamp in the high bits, as AWS ids do', () => {
    // An AWS id seen in the wild: its timestamp is the id divided by 2^144.
    const aws = '37244585198894018719737368029837252154619475174123241475';
    expect(BigInt(aws) / 2n ** 144n).toBe(1_670_104_961_396n);
    expect(eventId({ timestamp: 1_670_104_961_396, seq: 7 }).slice(0, 14)).toBe(aws.slice(0, 14));
  });

  it('orders ids as the events are ordered', () => {
    const ids = [
      { timestamp: 5, seq: 9 },
      { timestamp: 6, seq: 1 },
      { timestamp: 6, seq: 2 },
    ].map(eventId);
    expect([...ids].sort()).toEqual(ids);
  });

  it.each([
    ['f', 'f/00000000000000000000000000000000000000000000000000000001/s'],
    ['b', 'b/00000000000000000000000000000000000000000000000000000001'],
  ])('reads %s tokens with and without the /s suffix', (direction, token) => {
    expect(parseStreamToken(token)).toEqual({ direction, cursor: { timestamp: 0, seq: 1 } });
  });

  it.each([
    '',
    'f/',
    'f/12',
    'g/00000000000000000000000000000000000000000000000000000001/s',
    'f/abc/s',
  ])('refuses %j', (token) => {
    expect(parseStreamToken(token)).toBeUndefined();
  });

  it('writes tokens AWS-style', () => {
    expect(streamToken('f', { timestamp: 0, seq: 3 })).toBe(
      'f/00000000000000000000000000000000000000000000000000000003/s',
    );
  });
});
