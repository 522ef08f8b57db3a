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

  // Addresses that carry an IPv4 address for a translator or a tunnel reach that IPv4 address: a NAT64 gateway
  // turns 64:ff9b::a00:1 into 10.0.0.1. Each is judged by the address it carries, both ways.
  it.each([
    ['64:ff9b::a00:1', true], // NAT64 well-known prefix (RFC 6052), 10.0.0.1
    ['64:ff9b::7f00:1', true], // 127.0.0.1
    ['64:ff9b::192.168.1.1', true],
    ['[64:ff9b::a9fe:a9fe]', true], // 169.254.169.254, a cloud metadata service
    ['64:ff9b::808:808', false], // 8.8.8.8
    ['64:ff9b::5f3b:102', false], // 95.59.1.2
    ['64:ff9b:1::a00:1', true], // NAT64 local-use prefix (RFC 8215), laid out as a /96
    ['64:ff9b:1::808:808', false],
    ['64:ff9b:1:a00:0:100::', true], // a /48 layout carrying 10.0.0.1: which IPv4 it holds depends on the gateway
    ['64:ff9b:1:808:8:800::', true], // the same layout carrying 8.8.8.8 is refused too
    ['::ffff:0:a00:1', true], // SIIT IPv4-translated (RFC 2765), 10.0.0.1
    ['::ffff:0:7f00:1', true],
    ['::ffff:0:8.8.8.8', false],
    ['::ffff:0:808:808', false],
    ['::ffff:10.0.0.1', true], // IPv4-mapped
    ['::ffff:8.8.8.8', false],
    ['::10.0.0.1', true], // IPv4-compatible: deprecated (RFC 4291), a bogon whatever it carries
    ['::8.8.8.8', true],
    ['::808:808', true],
    ['2002:7f00:1::1', true], // 6to4 carrying 127.0.0.1
    ['2002:a9fe:a9fe::', true],
    ['2002:5f3b:102::1', false], // 6to4 carrying 95.59.1.2
  ])('%s carries an IPv4 address and is judged by it: bogon %s', (ip, bogon) => {
    expect(isBogon(ip)).toBe(bogon);
  });

  it.each(['64:ff9b:0:0:1::a00:1', '64:ff9c::a00:1', '64:ff9b:2::a00:1', '::fffe:0:a00:1'])(
    '%s is outside the translation prefixes and judged as an IPv6 address (not a bogon)',
    (ip) => {
      expect(isBogon(ip)).toBe(false);
    },
  );

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
