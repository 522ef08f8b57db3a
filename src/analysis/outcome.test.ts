import { describe, expect, it } from 'vitest';
import type { FingerprintMatch } from '../model/analysis.js';
import { outcomeOf, type WebConnectivityOutcomeInput, webConnectivityOutcomeFlags } from './outcome.js';
import { otherTestOutcomeFlags } from './outcome-other-tests.js';

const confirming: FingerprintMatch = { name: 'x', location: 'body', confirming: true, falsePositive: false };
const plain: FingerprintMatch = { name: 'y', location: 'body', confirming: false, falsePositive: true };
const base: WebConnectivityOutcomeInput = {
  hasTestKeys: true,
  blocking: false,
  accessible: true,
  ooniFingerprints: [],
  failures: [],
};
const flags = (over: Partial<WebConnectivityOutcomeInput>) =>
  webConnectivityOutcomeFlags({ ...base, ...over });

describe('web_connectivity outcome (fastpath semantics)', () => {
  it('ok when accessible, anomaly for every blocking type', () => {
    expect(outcomeOf(flags({}))).toBe('ok');
    for (const blocking of ['dns', 'tcp_ip', 'http-failure', 'http-diff'] as const) {
      expect(outcomeOf(flags({ blocking, accessible: false }))).toBe('anomaly');
    }
    expect(outcomeOf(flags({ blocking: false, accessible: false }))).toBe('ok');
  });

  it('confirmed by a confirming fingerprint, even when the probe saw no blocking', () => {
    expect(flags({ ooniFingerprints: [confirming] })).toEqual({
      anomaly: true,
      confirmed: true,
      failure: false,
    });
    expect(outcomeOf(flags({ ooniFingerprints: [plain] }))).toBe('ok');
  });

  it('failure when the verdict is null without a fingerprint, or an unknown_failure, or no test keys', () => {
    expect(outcomeOf(flags({ blocking: null, accessible: null }))).toBe('failure');
    expect(outcomeOf(flags({ blocking: null, accessible: null, ooniFingerprints: [plain] }))).toBe('ok');
    expect(outcomeOf(flags({ failures: [null, 'unknown_failure: boom'] }))).toBe('failure');
    expect(outcomeOf(flags({ hasTestKeys: false }))).toBe('failure');
  });

  it('orders failure before confirmed before anomaly', () => {
    expect(outcomeOf({ anomaly: true, confirmed: true, failure: true })).toBe('failure');
    expect(outcomeOf({ anomaly: true, confirmed: true, failure: false })).toBe('confirmed');
  });
});

describe('other tests (fastpath scorers)', () => {
  const m = (test_name: string, test_keys: unknown, extra: object = {}) =>
    ({ test_name, test_keys, ...extra }) as never;

  it('tor: share of failed targets', () => {
    const t = (failure: string | null) => ({ failure, network_events: [] });
    expect(otherTestOutcomeFlags(m('tor', { targets: { a: t('x'), b: t('y'), c: t(null) } })).anomaly).toBe(
      true,
    );
    expect(otherTestOutcomeFlags(m('tor', { targets: { a: t('x'), b: t(null) } })).anomaly).toBe(false);
    expect(otherTestOutcomeFlags(m('tor', { targets: {} })).failure).toBe(true);
  });

  it('signal: backend status, and a missing failure key is a failure (Python get default)', () => {
    expect(
      otherTestOutcomeFlags(
        m('signal', { signal_backend_status: 'blocked', failed_operation: null, failure: null }),
      ),
    ).toEqual({
      anomaly: true,
      confirmed: false,
      failure: false,
    });
    expect(otherTestOutcomeFlags(m('signal', { signal_backend_status: 'ok' })).failure).toBe(true);
  });

  it('psiphon, dash, http_invalid_request_line, unknown tests', () => {
    expect(otherTestOutcomeFlags(m('psiphon', { failure: 'x' }, { resolver_ip: '1.1.1.1' }))).toMatchObject({
      anomaly: true,
      failure: false,
    });
    expect(otherTestOutcomeFlags(m('dash', { failure: 'eof_error' }))).toMatchObject({
      anomaly: false,
      failure: true,
    });
    expect(
      otherTestOutcomeFlags(m('http_invalid_request_line', { sent: ['a'], received: ['b'] })).anomaly,
    ).toBe(true);
    expect(otherTestOutcomeFlags(m('no_such_test', {})).failure).toBe(true);
  });

  it('http_header_field_manipulation: a deeply nested JSON body is tampering, not a crash', () => {
    const hhfm = (body: string) =>
      m('http_header_field_manipulation', {
        requests: [{ request: { headers: { Host: 'x' } }, response: { body } }],
      });
    expect(otherTestOutcomeFlags(hhfm('{"headers_dict":{"Host":["x"]}}')).anomaly).toBe(false);
    const deep = `{"headers_dict":{"Host":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`;
    expect(otherTestOutcomeFlags(hhfm(deep))).toEqual({ anomaly: true, confirmed: false, failure: false });
  });
});
