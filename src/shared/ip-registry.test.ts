import { describe, expect, it } from 'vitest';
import { lookupIp } from './ip-registry.js';

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
