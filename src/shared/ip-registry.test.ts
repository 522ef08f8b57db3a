import { describe, expect, it } from 'vitest';
import { lookupAsn, lookupIp } from './ip-registry.js';

describe('lookupIp (offline registry from @ip-location-db)', () => {
  it('finds the ASN, organisation and country of public addresses', () => {
    expect(lookupIp('8.8.8.8')).toMatchObject({ asn: 15169, cc: 'US' });
    expect(lookupIp('92.46.1.1')).toMatchObject({ asn: 50482, cc: 'KZ' });
  });

  it('returns null for private space, IPv6 and garbage', () => {
    expect(lookupIp('10.0.0.1')).toBeNull();
    expect(lookupIp('2001:db8::1')).toBeNull();
    expect(lookupIp('999.1.1.1')).toBeNull();
  });
});

describe('lookupAsn (the same registry, by network)', () => {
  it('names a network and the countries its IPv4 addresses are registered in, most first', () => {
    const kazakhtelecom = lookupAsn(9198);
    expect(kazakhtelecom?.name).toBe('JSC Kazakhtelecom');
    expect(kazakhtelecom?.countries[0]).toMatchObject({ cc: 'KZ' });
    expect(kazakhtelecom!.countries[0]!.addresses).toBeGreaterThan(1_000_000);
    // Names with commas come out whole, without the CSV's quotes.
    expect(lookupAsn(42668)).toMatchObject({ name: 'Nevalink, LLC', countries: [{ cc: 'RU' }] });
  });

  it('knows nothing of a number no network announces (documentation and private ASNs among them)', () => {
    expect(lookupAsn(64496)).toBeNull();
    expect(lookupAsn(0)).toBeNull();
  });
});
