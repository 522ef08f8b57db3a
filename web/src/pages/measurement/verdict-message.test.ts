import { describe, expect, it } from 'vitest';
import { verdictMessage } from './verdict-message.js';

describe('the verdict headline', () => {
  it('names the technique when there is one', () => {
    expect(
      verdictMessage({
        outcome: 'confirmed',
        confirmed: true,
        tls_confirmed: false,
        technique: 'http-diff',
        blocking: 'http-diff',
      }),
    ).toEqual({
      key: 'verdict.confirmed',
      technique: 'http-diff',
    });
    expect(
      verdictMessage({
        outcome: 'anomaly',
        confirmed: false,
        tls_confirmed: false,
        technique: null,
        blocking: 'dns',
      }),
    ).toEqual({
      key: 'verdict.blocked',
      technique: 'dns',
    });
    expect(
      verdictMessage({
        outcome: 'ok',
        confirmed: false,
        tls_confirmed: false,
        technique: 'throttling',
        blocking: false,
      }),
    ).toEqual({
      key: 'verdict.accessibleWith',
      technique: 'throttling',
    });
  });

  it('says when both confirm it, OONI’s fingerprint and netfreedom’s TLS check', () => {
    expect(
      verdictMessage({
        outcome: 'confirmed',
        confirmed: true,
        tls_confirmed: true,
        technique: 'tls_interception',
        blocking: 'http-diff',
      }),
    ).toEqual({ key: 'verdict.bothConfirmed', technique: 'tls_interception' });
  });

  it("says when netfreedom's TLS check, not OONI's fingerprint, confirms it", () => {
    expect(
      verdictMessage({
        outcome: 'anomaly',
        confirmed: false,
        tls_confirmed: true,
        technique: 'tls_sni',
        blocking: null,
      }),
    ).toEqual({ key: 'verdict.tlsConfirmed', technique: 'tls_sni' });
    // A page that loaded through a known interception CA stays accessible, with the technique named.
    expect(
      verdictMessage({
        outcome: 'ok',
        confirmed: false,
        tls_confirmed: true,
        technique: 'tls_interception',
        blocking: false,
      }),
    ).toEqual({ key: 'verdict.accessibleWith', technique: 'tls_interception' });
  });

  it('says so when no technique is named, instead of a sentence with a hole', () => {
    expect(
      verdictMessage({
        outcome: 'anomaly',
        confirmed: false,
        tls_confirmed: false,
        technique: null,
        blocking: null,
      }),
    ).toEqual({
      key: 'verdict.anomalyNoTechnique',
      technique: null,
    });
    expect(
      verdictMessage({
        outcome: 'confirmed',
        confirmed: true,
        tls_confirmed: false,
        technique: null,
        blocking: null,
      }),
    ).toEqual({
      key: 'verdict.confirmedNoTechnique',
      technique: null,
    });
    expect(
      verdictMessage({
        outcome: 'ok',
        confirmed: false,
        tls_confirmed: false,
        technique: false,
        blocking: false,
      }),
    ).toEqual({
      key: 'verdict.accessible',
      technique: null,
    });
    expect(
      verdictMessage({
        outcome: 'failure',
        confirmed: false,
        tls_confirmed: false,
        technique: null,
        blocking: null,
      }),
    ).toEqual({
      key: 'verdict.failure',
      technique: null,
    });
  });
});
