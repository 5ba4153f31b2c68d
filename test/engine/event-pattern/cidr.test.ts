import { describe, expect, it } from 'vitest';
import { matches } from './helpers.js';

type CidrCase = readonly [cidr: string, inside: string[], outside: unknown[]];

const cases: CidrCase[] = [
  ['10.0.0.0/24', ['10.0.0.0', '10.0.0.1', '10.0.0.255'], ['10.0.1.0', '9.255.255.255', 'x']],
  ['10.0.0.0/8', ['10.255.255.255', '10.1.2.3'], ['11.0.0.0']],
  ['192.168.1.7/31', ['192.168.1.7'], ['192.168.1.6', '192.168.1.8']],
  ['0.0.0.0/0', ['0.0.0.0', '255.255.255.255', '8.8.8.8'], ['::1', 7]],
  // Ruler keeps the given address as the bottom of the range, host bits and all.
  ['10.0.0.5/24', ['10.0.0.5', '10.0.0.255'], ['10.0.0.4', '10.0.0.0']],
  [
    '2001:db8::/32',
    ['2001:db8::', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff', '2001:DB8::1'],
    ['2001:db9::', '10.0.0.1'],
  ],
  ['2001:db8:1234:1a00::/64', ['2001:db8:1234:1a00:9691:9503:25ad:1761'], ['2001:db8:1234:1a01::']],
  ['::/0', ['::', '::1', 'ffff::'], ['1.2.3.4']],
];

describe('cidr', () => {
  it.each(cases)('%s', (cidr, inside, outside) => {
    const pattern = { ip: [{ cidr }] };
    for (const ip of inside) expect(matches(pattern, { ip }), `${ip} is inside`).toBe(true);
    for (const ip of outside)
      expect(matches(pattern, { ip }), `${String(ip)} is outside`).toBe(false);
  });

  it.each([
    ['a leading zero (Java refuses it as ambiguous)', '010.0.0.1'],
    ['a part above 255', '10.0.0.256'],
    ['three parts', '10.0.0'],
    ['a host name', 'localhost'],
    ['an IPv6 group of five digits over ffff', '2001:db8::fffff'],
    ['an embedded IPv4 in IPv6 form', '::ffff:10.0.0.1'],
    ['a zone', 'fe80::1%eth0'],
  ])('an event value that is not an address literal: %s', (_, ip) => {
    expect(matches({ ip: [{ cidr: '0.0.0.0/1' }, { cidr: '::/1' }] }, { ip })).toBe(false);
  });

  it('IPv6 groups may carry leading zeros while their value fits', () => {
    expect(matches({ ip: [{ cidr: '2001:db8::/32' }] }, { ip: '02001:0db8::1' })).toBe(true);
  });

  it('an address in an event array', () => {
    expect(matches({ ip: [{ cidr: '10.0.0.0/24' }] }, { ip: ['1.1.1.1', '10.0.0.9'] })).toBe(true);
  });
});
