import { describe, expect, it } from 'vitest';
import { isBogon, parseIpv4, parseIpv6 } from './bogon.js';

describe('isBogon', () => {
  it.each([
    '0.0.0.0',
    '0.1.2.3',
    '10.0.0.1',
    '10.255.255.255',
    '100.64.0.1',
    '100.127.255.255',
    '127.0.0.1',
    '169.254.1.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.0.0.8',
    '192.0.2.10',
    '192.168.1.1',
    '198.18.0.1',
    '198.19.255.255',
    '198.51.100.7',
    '203.0.113.9',
    '224.0.0.1',
    '239.255.255.250',
    '240.0.0.1',
    '255.255.255.255',
  ])('IPv4 %s is a bogon', (ip) => {
    expect(isBogon(ip)).toBe(true);
  });

  it.each([
    '1.1.1.1',
    '8.8.8.8',
    '9.255.255.255',
    '11.0.0.0',
    '100.63.255.255',
    '100.128.0.0',
    '172.15.255.255',
    '172.32.0.0',
    '192.0.1.1',
    '192.169.0.1',
    '198.17.255.255',
    '198.20.0.0',
    '203.0.114.1',
    '223.255.255.255',
    '95.59.1.2',
  ])('IPv4 %s is not a bogon', (ip) => {
    expect(isBogon(ip)).toBe(false);
  });

  it.each([
    '::',
    '::1',
    '::ffff:127.0.0.1',
    '::ffff:10.1.2.3',
    '::ffff:a00:1',
    '::1.2.3.4',
    '100::1',
    '2001:10::1',
    '2001:db8::1',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'fe80::1%eth0',
    '[::1]',
    'fec0::1',
    'ff02::1',
    '2002:0a00:0001::1',
    '2002:c0a8:0101::',
    // Teredo with client 10.0.0.1 (stored XORed: f5ff:fffe)
    '2001:0:4136:e378:8000:63bf:f5ff:fffe',
  ])('IPv6 %s is a bogon', (ip) => {
    expect(isBogon(ip)).toBe(true);
  });

  it.each([
    '2001:4860:4860::8888',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '2002:0808:0808::1',
    '2001:0:4136:e378:8000:63bf:f7f7:f7f7',
    '2a00:1450:4001:82b::200e',
  ])('IPv6 %s is not a bogon', (ip) => {
    expect(isBogon(ip)).toBe(false);
  });

  it.each(['', 'example.com', '1.2.3', '1.2.3.256', '1.2.3.4.5', ':::', '1::2::3', 'gggg::1', '01234::'])(
    'a non-address %j is not a bogon',
    (text) => {
      expect(isBogon(text)).toBe(false);
    },
  );
});

describe('address parsing', () => {
  it('parses IPv4 to its numeric value', () => {
    expect(parseIpv4('1.2.3.4')).toBe(0x01020304n);
    expect(parseIpv4('1.2.3.x')).toBeNull();
  });
  it('expands IPv6 compression and dotted tails', () => {
    expect(parseIpv6('::1')).toBe(1n);
    expect(parseIpv6('1::')).toBe(1n << 112n);
    expect(parseIpv6('::ffff:1.2.3.4')).toBe((0xffffn << 32n) | 0x01020304n);
    expect(parseIpv6('1:2:3:4:5:6:7:8')).toBe(0x00010002000300040005000600070008n);
    expect(parseIpv6('1:2:3:4:5:6:7')).toBeNull();
    expect(parseIpv6('1:2:3:4:5:6:1.2.3.4')).toBe(0x0001000200030004000500060102_0304n);
  });
});
