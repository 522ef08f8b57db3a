/** analyzeMeasurement over every bundled real and synthetic sample, and over broken input. */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeMeasurement, loadAnalysisContext, RULES_VERSION } from '../src/analysis/analyze.js';
import { evidenceSentence } from '../src/analysis/evidence-messages.js';
import { thHttp, WcBuilder } from '../src/analysis/web-connectivity/test-keys-builder.js';
import type { Measurement } from '../src/model/measurement.js';
import { isTechnique } from '../src/model/verdict.js';
import { dataPath } from '../src/shared/paths.js';
import { loadSamples } from './support/ooni-samples.js';

const samples = loadSamples();
const APP_TESTS = new Set([
  'telegram',
  'whatsapp',
  'signal',
  'facebook_messenger',
  'tor',
  'dnscheck',
  'stunreachability',
]);

describe('analyzeMeasurement over the bundled samples', () => {
  it('analyses each of the 133 sample measurements without throwing, with a complete result', () => {
    expect(samples.length).toBe(133);
    const outcomes = new Set<string>();
    for (const s of samples) {
      const a = analyzeMeasurement(s.measurement as unknown as Measurement);
      expect(a.rulesVersion).toBe(RULES_VERSION);
      expect(['ok', 'anomaly', 'confirmed', 'failure']).toContain(a.outcome);
      expect(a.evidence.length).toBeGreaterThan(0);
      for (const e of a.evidence) expect(e).not.toMatch(/[\u0000-\u001f]/);
      // OONI's blocking enum is web_connectivity's; the app tests may get netfreedom's technique, other tests none.
      const test = s.measurement.test_name;
      if (test !== 'web_connectivity') expect(a.blocking).toBeNull();
      if (APP_TESTS.has(test) && a.technique !== null) expect(isTechnique(String(a.technique))).toBe(true);
      else if (test !== 'web_connectivity') expect(a.technique).toBeNull();
      outcomes.add(a.outcome);
    }
    expect(outcomes).toEqual(new Set(['ok', 'anomaly', 'confirmed', 'failure']));
  });

  it('gives each evidence sentence as data too (a message key and its values), which reads as the sentence', () => {
    const demo = readFileSync(dataPath('demo', 'kz-simulated.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Measurement);
    const keys = new Set<string>();
    for (const m of [...samples.map((s) => s.measurement as unknown as Measurement), ...demo]) {
      const a = analyzeMeasurement(m);
      expect(a.evidenceItems?.map(evidenceSentence)).toEqual(a.evidence);
      for (const item of a.evidenceItems ?? []) keys.add(item.key);
    }
    expect(keys.size).toBeGreaterThan(10);
  });

  it('never gives a verdict of blocking without naming its technique (no "confirmed by ." on any page)', () => {
    const empty: string[] = [];
    for (const s of samples) {
      const a = analyzeMeasurement(s.measurement as unknown as Measurement);
      expect(a.technique).not.toBe('');
      const saysBlocked =
        a.confirmed ||
        a.tlsConfirmed ||
        (s.measurement.test_name === 'web_connectivity' && ['anomaly', 'confirmed'].includes(a.outcome));
      if (saysBlocked && !isTechnique(String(a.technique)))
        empty.push(`${s.id}: ${a.outcome} ${a.technique}`);
    }
    expect(empty).toEqual([]);
  });

  it("names the blockpage redirect of archive.org in Indonesia (OONI's fingerprint), and says nothing against it", () => {
    const s = samples.find((x) => x.id === '20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3.json')!;
    const a = analyzeMeasurement(s.measurement as unknown as Measurement);
    // OONI's probe said accessible (blocking false); OONI's fastpath confirmed it by the fingerprint.
    expect([a.blocking, a.technique, a.outcome, a.confirmed]).toEqual([
      false,
      'http-diff',
      'confirmed',
      true,
    ]);
    const text = a.evidence.join(' ');
    expect(text).toContain('http://lamanlabuh.aduankonten.id/');
    expect(text).toContain('ooni.id_lamanlabuh_kominfo');
    expect(text).not.toMatch(/loaded as the control saw it/);
    // As data too, for the dashboard's other languages: the redirect, and why OONI's classic keys disagree.
    expect(a.evidenceItems?.map((i) => i.key)).toEqual(['fingerprint_redirect', 'classic_judged_accessible']);
    expect(a.evidenceItems?.[0]?.values).toMatchObject({
      location: 'http://lamanlabuh.aduankonten.id/',
      fingerprint: 'ooni.id_lamanlabuh_kominfo',
    });
  });

  it('names TLS blocking in the synthetic TLS reset scenario where OONI only says http-failure', () => {
    const s = samples.find((x) => x.id === 'tlsBlockingConnectionResetWithConsistentDNS')!;
    const a = analyzeMeasurement(s.measurement as unknown as Measurement);
    expect([a.blocking, a.technique, a.outcome]).toEqual(['http-failure', 'tls', 'anomaly']);
    expect(a.evidence[0]).toContain('connection_reset');
  });

  it('never repeats the probe’s own address in evidence', () => {
    const s = samples.find((x) => x.id === 'dnsBlockingBOGON')!;
    const m = structuredClone(s.measurement) as unknown as Measurement;
    const a0 = analyzeMeasurement(m);
    const leaked = a0.evidence.join(' ').match(/\d+\.\d+\.\d+\.\d+/)![0]; // an address quoted in evidence
    const a = analyzeMeasurement({ ...m, probe_ip: leaked });
    expect(a.evidence.join(' ')).not.toContain(leaked);
    expect(a.evidence.join(' ')).toContain('[probe address removed]');
  });
});

describe('analyzeMeasurement: a Kazakh-style intercepted page', () => {
  it("names the interception CA and confirms it by netfreedom's TLS check, while OONI's outcome stays ok", () => {
    const certs = JSON.parse(readFileSync('src/analysis/tls/testdata/chains.json', 'utf8')) as Record<
      string,
      string
    >;
    const ip = '93.184.216.34';
    const b = new WcBuilder()
      .dns([ip])
      .endpoint(ip, 443, { tls: null, certs: [certs.mitm_leaf!, certs.isca_root!], http: { code: 200 } });
    b.control({ dns: { failure: null, addrs: [ip] }, http_request: thHttp('<html></html>') });
    const m = {
      test_name: 'web_connectivity',
      probe_cc: 'KZ',
      probe_ip: '127.0.0.1',
      input: b.url,
      test_keys: b.tk,
    };
    const a = analyzeMeasurement(m as unknown as Measurement);
    expect([a.blocking, a.accessible, a.technique, a.confirmed, a.tlsConfirmed, a.outcome]).toEqual([
      false,
      true,
      'tls_interception',
      false,
      true,
      'ok',
    ]);
    expect(a.evidence[0]).toContain('Information Security Certification Authority');
  });
});

describe('analyzeMeasurement on broken input', () => {
  const base = {
    test_name: 'web_connectivity',
    probe_cc: 'KZ',
    probe_ip: '127.0.0.1',
    input: 'https://example.org/',
  };

  it('gives null verdicts, never exceptions', () => {
    const inputs: unknown[] = [
      { ...base, test_keys: null },
      { ...base, test_keys: 'garbage' },
      {
        ...base,
        test_keys: {
          queries: [{ answers: 'x' }],
          tcp_connect: [{ ip: 5 }],
          requests: [{ response: { body: { format: 'base64', data: 7 } } }],
        },
      },
      {
        ...base,
        test_keys: {
          control: { http_request: null, dns: 'x', tcp_connect: 3 },
          tls_handshakes: [{ peer_certificates: [{ data: '!!' }] }],
        },
      },
      { ...base, test_keys: { x_tls: { sni: 'x', interception: [null], throttling: [{}] } } },
      null,
      {},
    ];
    for (const m of inputs) {
      const a = analyzeMeasurement(m as Measurement);
      expect([a.blocking, a.accessible]).toEqual([null, null]);
      expect(a.outcome).toBe('failure');
    }
  });

  it('loads the bundled context once', () => {
    expect(loadAnalysisContext()).toBe(loadAnalysisContext());
  });
});
