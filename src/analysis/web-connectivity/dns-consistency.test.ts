import { describe, expect, it } from 'vitest';
import { computeClassicKeys } from './classic.js';
import { thHttp, WcBuilder } from './test-keys-builder.js';

function consistency(b: WcBuilder, asnOf?: (ip: string) => number | undefined) {
  return computeClassicKeys(b.tk, asnOf ? { asnOf } : {}).dns_consistency;
}
const control = (
  addrs: string[],
  failure: string | null = null,
  ipInfo?: Record<string, { asn: number; flags: number }>,
) => ({
  dns: { failure, addrs },
  http_request: thHttp('x'),
  ...(ipInfo ? { ip_info: ipInfo } : {}),
});

describe('dns_consistency (v0.5 classic)', () => {
  it('is consistent when an address is shared', () => {
    expect(consistency(new WcBuilder().dns(['1.2.3.4', '5.6.7.8']).control(control(['5.6.7.8'])))).toBe(
      'consistent',
    );
  });

  it('is consistent when a non-zero ASN is shared, from ip_info or a lookup', () => {
    const b = new WcBuilder()
      .dns(['1.2.3.4'], { asn: 13335 })
      .control(control(['1.1.1.1'], null, { '1.1.1.1': { asn: 13335, flags: 2 } }));
    expect(consistency(b)).toBe('consistent');
    const zero = new WcBuilder()
      .dns(['1.2.3.4'], { asn: 0 })
      .control(control(['1.1.1.1'], null, { '1.1.1.1': { asn: 0, flags: 2 } }));
    expect(consistency(zero)).toBe('inconsistent');
    const looked = new WcBuilder().dns(['1.2.3.4']).control(control(['1.1.1.1']));
    expect(consistency(looked, (ip) => (ip.startsWith('1.') ? 13335 : undefined))).toBe('consistent');
  });

  it('is inconsistent for foreign addresses, unexpected failures, or answers the control could not find', () => {
    expect(consistency(new WcBuilder().dns(['10.10.34.35']).control(control(['5.6.7.8'])))).toBe(
      'inconsistent',
    );
    expect(consistency(new WcBuilder().dns('dns_nxdomain_error').control(control(['5.6.7.8'])))).toBe(
      'inconsistent',
    );
    expect(consistency(new WcBuilder().dns(['5.6.7.8']).control(control([], 'dns_name_error')))).toBe(
      'inconsistent',
    );
  });

  it('is consistent when both fail, and ignores a missing AAAA record', () => {
    expect(
      consistency(new WcBuilder().dns('dns_nxdomain_error').control(control([], 'dns_name_error'))),
    ).toBe('consistent');
    const b = new WcBuilder()
      .dns(['5.6.7.8'], { type: 'A' })
      .dns('dns_no_answer', { type: 'AAAA' })
      .control(control(['5.6.7.8']));
    expect(consistency(b)).toBe('consistent');
  });

  it('is null without control or without depth-0 lookups', () => {
    expect(consistency(new WcBuilder().dns(['5.6.7.8']))).toBeNull();
    expect(
      consistency(new WcBuilder().dns(['5.6.7.8'], { depth: 1 }).control(control(['1.1.1.1']))),
    ).toBeNull();
  });
});
