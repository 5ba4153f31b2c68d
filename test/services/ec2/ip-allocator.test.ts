import { describe, expect, it } from 'vitest';
import { parseIpv4Cidr, type Ipv4Cidr } from '../../../src/services/ec2/cidr.js';
import {
  addressAt,
  allocationId,
  isUsableOffset,
  nextFreeOffset,
  offsetOfAllocation,
  usableAddressCount,
} from '../../../src/services/ec2/network-interfaces/ip-allocator.js';

function cidr(text: string): Ipv4Cidr {
  const parsed = parseIpv4Cidr(text);
  if (!parsed) throw new Error(`bad test CIDR ${text}`);
  return parsed;
}

describe('usable addresses', () => {
  it.each([
    ['10.0.0.0/28', 11],
    ['10.0.0.0/27', 27],
    ['10.0.1.0/24', 251],
    ['172.31.0.0/20', 4091],
    ['10.0.0.0/16', 65531],
  ])('%s has %i', (block, count) => {
    expect(usableAddressCount(cidr(block))).toBe(count);
  });

  it.each([
    [0, false],
    [1, false],
    [2, false],
    [3, false],
    [4, true],
    [14, true],
    [15, false],
    [16, false],
    [-1, false],
    [4.5, false],
  ])('in a /28, offset %s usable: %s', (offset, usable) => {
    expect(isUsableOffset(cidr('10.0.0.0/28'), offset)).toBe(usable);
  });
});

describe('nextFreeOffset', () => {
  const block = cidr('10.0.1.0/28');
  it.each<[string, number[], number | undefined]>([
    ['an empty subnet starts after the four reserved addresses', [], 4],
    ['the lowest free address comes next', [4, 5], 6],
    ['a freed address is handed out again first', [4, 6, 7], 5],
    ['the broadcast address is never handed out', [4, 5, 6, 7, 8, 9, 10, 11, 12, 13], 14],
    ['a full /28 (11 in use) has nothing left', [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14], undefined],
  ])('%s', (_what, used, expected) => {
    expect(nextFreeOffset(block, new Set(used))).toBe(expected);
  });

  it('hands out 11 distinct addresses of a /28, .4 to .14, then none', () => {
    const used = new Set<number>();
    const addresses: string[] = [];
    for (;;) {
      const offset = nextFreeOffset(block, used);
      if (offset === undefined) break;
      used.add(offset);
      addresses.push(addressAt(block, offset));
    }
    expect(addresses).toEqual(Array.from({ length: 11 }, (_, i) => `10.0.1.${i + 4}`));
  });
});

describe('allocation ids', () => {
  it('round-trip the offset and sort numerically within a subnet', () => {
    const ids = [2, 10, 300, 65530].map((offset) => allocationId('subnet-0abc', offset));
    expect(ids.map(offsetOfAllocation)).toEqual([2, 10, 300, 65530]);
    expect([...ids].sort()).toEqual(ids);
  });
});

describe('addressAt', () => {
  it.each([
    ['10.0.1.0/24', 4, '10.0.1.4'],
    ['10.0.0.0/16', 300, '10.0.1.44'],
    ['172.31.16.0/20', 4094, '172.31.31.254'],
  ])('%s + %i is %s', (block, offset, address) => {
    expect(addressAt(cidr(block), offset)).toBe(address);
  });
});
