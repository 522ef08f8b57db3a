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
    const when = { test_version: '0.2.5', measurement_start_time: '2024-01-01 00:00:00' };
    const netfreedom = { ...when, annotations: { engine_name: 'netfreedom' } };
    const keys = { signal_backend_status: 'blocked', failed_operation: null, failure: null };
    expect(otherTestOutcomeFlags(m('signal', keys, netfreedom))).toEqual({
      anomaly: true,
      confirmed: false,
      failure: false,
    });
    expect(otherTestOutcomeFlags(m('signal', { signal_backend_status: 'ok' }, netfreedom)).failure).toBe(
      true,
    );
  });

  it("signal: fastpath's workarounds for known probe bugs (versions, dates, OONI's engine)", () => {
    const keys = { signal_backend_status: 'ok', failed_operation: null, failure: null };
    const at = (test_version: string, measurement_start_time: string, engine_version = '3.20.0') =>
      otherTestOutcomeFlags(
        m('signal', keys, {
          test_version,
          measurement_start_time,
          annotations: { engine_name: 'ooniprobe-engine', engine_version },
        }),
      ).failure;
    expect(at('0.2.5', '2024-01-01 00:00:00')).toBe(false);
    expect(at('0.2.4', '2022-01-01 00:00:00')).toBe(true); // ooni/probe#2636
    expect(at('0.2.3', '2023-11-07 00:00:00')).toBe(true); // ooni/probe#2627
    expect(at('0.2.3', '2023-11-06 23:59:59')).toBe(false);
    expect(at('0.2.1', '2022-10-19 00:00:00')).toBe(true); // ooni/probe#2344
    expect(at('0.2.5', '2023-05-02 00:00:00', '3.17.0-alpha')).toBe(true); // ooni/backend#679
    expect(at('0.2.5', '2023-05-02 00:00:00', '3.17.2')).toBe(false);
    expect(at('0.2.5', 'yesterday')).toBe(true);
    expect(otherTestOutcomeFlags(m('signal', keys, { test_version: '0.2.5' })).failure).toBe(true); // no start time
    // netfreedom names no OONI engine: the engine rule is not its.
    expect(
      otherTestOutcomeFlags(
        m('signal', keys, {
          test_version: '0.2.5',
          measurement_start_time: '2025-01-01 00:00:00',
          annotations: { engine_name: 'netfreedom' },
        }),
      ).failure,
    ).toBe(false);
  });

  it('a hostile test name is not scored by an inherited property', () => {
    expect(otherTestOutcomeFlags(m('toString', {})).failure).toBe(true);
    expect(otherTestOutcomeFlags(m('constructor', {})).failure).toBe(true);
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
