import { describe, expect, it } from 'vitest';
import { scrubAddress } from './scrub-address.js';

/** `texts` as scrubbed for a probe at `ip` (each text alone, so a failure names it). */
const scrubEach = (texts: string[], ip: string) => texts.map((t) => scrubAddress({ t }, ip).t);

describe('scrubAddress', () => {
  it("removes the client's own address wherever it hides, and only that address", () => {
    const m = {
      test_keys: {
        requests: [
          { failure: 'unknown_failure: read from 198.51.100.7 failed', body: 'your ip is 198.51.100.7' },
        ],
        note: 'via 198.51.100.7.nip.io; other hosts 198.51.100.77 and 1198.51.100.7',
      },
    };
    const scrubbed = JSON.stringify(scrubAddress(m, '::ffff:198.51.100.7'));
    expect(scrubbed).toBe(
      JSON.stringify({
        test_keys: {
          requests: [
            { failure: 'unknown_failure: read from [scrubbed] failed', body: 'your ip is [scrubbed]' },
          ],
          note: 'via [scrubbed].nip.io; other hosts 198.51.100.77 and 1198.51.100.7',
        },
      }),
    );
  });

  it('scrubs an IPv6 address but not a longer one, and leaves loopback and non-addresses alone', () => {
    const v = { a: 'from 2001:db8::7 and 2001:db8::77', b: '127.0.0.1', c: 'x' };
    expect(scrubAddress(v, '2001:db8::7')).toEqual({ ...v, a: 'from [scrubbed] and 2001:db8::77' });
    expect(scrubAddress(v, '127.0.0.1')).toBe(v);
    expect(scrubAddress(v, 'not an ip')).toBe(v);
    expect(scrubAddress(v, null)).toBe(v);
  });

  it('scrubs the other spellings of an IPv4 address: hostnames, PTR, percent-encoded, padded, integers', () => {
    const spellings = [
      'host 198-51-100-7.dyn.example.net',
      'ptr 7.100.51.198.in-addr.arpa',
      'PTR 7.100.51.198.IN-ADDR.ARPA.',
      'q=198%2E51%2E100%2E7&r=198%2e51%2e100%2e7',
      'padded 198.051.100.007',
      'hex 0xc6336407 0XC6336407 0xC6336407 0x00c6336407',
      'decimal 3325256711',
      'name 198_51_100_7.example',
      'mapped ::ffff:198.51.100.7 ::ffff:c633:6407 ::FFFF:C633:6407 0:0:0:0:0:ffff:c633:6407',
      'hyphenated --ffff-c633-6407.ipv6-literal.net',
    ];
    expect(scrubEach(spellings, '198.51.100.7')).toEqual([
      'host [scrubbed].dyn.example.net',
      'ptr [scrubbed].in-addr.arpa',
      'PTR [scrubbed].IN-ADDR.ARPA.',
      'q=[scrubbed]&r=[scrubbed]',
      'padded [scrubbed]',
      'hex [scrubbed] [scrubbed] [scrubbed] [scrubbed]',
      'decimal [scrubbed]',
      'name [scrubbed].example',
      'mapped [scrubbed] [scrubbed] [scrubbed] [scrubbed]',
      'hyphenated [scrubbed].ipv6-literal.net',
    ]);
  });

  it('leaves near-misses of every IPv4 spelling alone', () => {
    const others = [
      '198-51-100-77.dyn.example.net 1198-51-100-7.dyn.example.net',
      '7.100.51.199.in-addr.arpa 17.100.51.198.in-addr.arpa',
      '7.100.51.198.example.net (another address, not a PTR name)',
      '198%2E51%2E100%2E70 198%2E51%2E100%2E8',
      '198.051.100.017 198.051.100.0070',
      '0xc63364070 0xc6336408 10xc6336407',
      '33252567110 13325256711 3325256712',
      '198_51_100_77',
      '::ffff:198.51.100.77 ::ffff:c633:6408 ::ffff:c633:64070 ::ffff:1c633:6407',
    ];
    expect(scrubEach(others, '198.51.100.7')).toEqual(others);
  });

  it('scrubs any textual spelling of an IPv6 address: case, compression, padding, PTR, hyphenated', () => {
    const spellings = [
      '2001:DB8::1',
      '2001:db8::1',
      '2001:0db8:0000:0000:0000:0000:0000:0001',
      '2001:db8:0:0::1',
      '2001:db8::0:0:1',
      '2001:db8::0.0.0.1',
      '[2001:db8::1]:443',
      '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
      '2001-db8--1.ipv6-literal.net',
      'host 2001-db8-0-0-0-0-0-1.dyn.example.net.',
    ];
    const expected = [
      '[scrubbed]',
      '[scrubbed]',
      '[scrubbed]',
      '[scrubbed]',
      '[scrubbed]',
      '[scrubbed]',
      '[[scrubbed]]:443',
      '[scrubbed].ip6.arpa',
      '[scrubbed].ipv6-literal.net',
      'host [scrubbed].dyn.example.net.',
    ];
    expect(scrubEach(spellings, '2001:db8:0:0:0:0:0:1')).toEqual(expected);
    expect(scrubEach(spellings, '2001:DB8::1')).toEqual(expected);
  });

  it('leaves near-misses of every IPv6 spelling alone', () => {
    const others = [
      '2001:db8::10',
      '2001:db8::1:5',
      '12001:db8::1',
      '2001:db8::1.2.3.4',
      '2001:db9::1',
      '2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
      '1.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
      '2001-db8--10.ipv6-literal.net',
      '2001-db8--1-5.ipv6-literal.net',
    ];
    expect(scrubEach(others, '2001:db8::1')).toEqual(others);
  });

  it('matches every compressed run of an address with two, and no address with its zeros moved', () => {
    const ip = '2001:0:0:1:0:0:0:1';
    expect(
      scrubEach(['2001::1:0:0:0:1', '2001:0:0:1::1', '2001:0::1:0:0:0:1', '2001:0:0:1:0::0:1'], ip),
    ).toEqual(['[scrubbed]', '[scrubbed]', '[scrubbed]', '[scrubbed]']);
    const moved = ['2001:0:1:0:0:0:0:1', '2001:0:0:0:1:0:0:1', '2001::1:0:0:1:0'];
    expect(scrubEach(moved, ip)).toEqual(moved);
  });

  it('scrubs exactly the strings that hold the address, wherever they sit among the others', () => {
    const v = {
      a: 'x\u0000y\u0000198.51.100.7',
      b: ['no', { '198.51.100.7': 'no', c: ['198.51.100.70', 'via 198.51.100.7'] }],
      d: 'still no',
      e: [...new Array<string>(12).fill(''), 'at the end 198.51.100.7', 'no'],
    };
    expect(scrubAddress(v, '198.51.100.7')).toEqual({
      a: 'x\u0000y\u0000[scrubbed]',
      b: ['no', { '[scrubbed]': 'no', c: ['198.51.100.70', 'via [scrubbed]'] }],
      d: 'still no',
      e: [...new Array<string>(12).fill(''), 'at the end [scrubbed]', 'no'],
    });
  });

  it('scrubs object keys, keeps numbers numbers, and leaves the unspecified address alone', () => {
    const v = { ip_info: { '198.51.100.7': { asn: 0 } }, size: 3325256711, text: '3325256711' };
    expect(scrubAddress(v, '198.51.100.7')).toEqual({
      ip_info: { '[scrubbed]': { asn: 0 } },
      size: 3325256711,
      text: '[scrubbed]',
    });
    const w = { a: 'from 2001:db8::1 and 0.0.0.0, port 0' };
    expect(scrubAddress(w, '::')).toBe(w);
    expect(scrubAddress(w, '0.0.0.0')).toBe(w);
  });
});
