import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInterceptionCas } from '../../src/analysis/tls/interception-cas.js';
import { measureUrl } from '../../src/probe/experiments/web-connectivity/measure-url.js';
import { type SimulatedInternet, startSimulatedInternet } from '../netsim/simulated-internet.js';
import { DEMO_OTHER_TECHNIQUES } from './demo-other-techniques.js';
import { KZ_SCENARIOS } from './kazakhstan-cases.js';
import { ooniFieldProblems } from './ooni-fields.js';
import type { Scenario } from './scenario.js';
import { simProbeConfig } from './sim-probe-config.js';
import { TRANSPARENT_PROXY_CASES } from './transparent-proxy-cases.js';
import { SCENARIOS } from './web-connectivity-cases.js';

let sim: SimulatedInternet;
const known = loadInterceptionCas();
const meta = { probeCc: 'ZZ', probeAsn: 'AS0', reportId: 'test', testStartTime: '2026-01-01 00:00:00' };

beforeAll(async () => {
  sim = await startSimulatedInternet();
});
afterAll(async () => {
  await sim?.close();
});

async function run(s: Scenario) {
  sim.configure(s.config);
  const { measurement } = await measureUrl(s.input, simProbeConfig(sim), known, meta);
  return measurement;
}

describe.each([
  ['OONI QA families', SCENARIOS],
  ['Kazakhstan', KZ_SCENARIOS],
  ["the demo set's other techniques (fictitious sites)", DEMO_OTHER_TECHNIQUES],
  ['transparent proxies (OONI says accessible, netfreedom http-diff)', TRANSPARENT_PROXY_CASES],
])('scenarios: %s (userspace network)', (_, cases) => {
  it.each(cases.map((s) => [s.name, s] as const))('%s', async (_name, s) => {
    const m = await run(s);
    const tk = m.test_keys;
    const summary = {
      blocking: tk.blocking,
      accessible: tk.accessible,
      tcp: tk.tcp_connect?.map((c) => c.status.failure),
      tls: tk.tls_handshakes?.map((h) => h.failure),
      http: tk.requests?.map((r) => r.failure),
      dns: tk.dns_consistency,
      control: tk.control_failure,
      x: tk.x_verdict,
    };
    expect({ blocking: tk.blocking, accessible: tk.accessible }, JSON.stringify(summary)).toEqual({
      blocking: s.expect.blocking,
      accessible: s.expect.accessible,
    });
    expect(tk.x_verdict?.blocking, JSON.stringify(summary)).toBe(s.expect.xBlocking);
    expect(tk.x_verdict?.evidence.length).toBeGreaterThan(0);
    expect(ooniFieldProblems(m as unknown as Record<string, unknown>)).toEqual([]);
    expect(m.probe_ip).toBe('127.0.0.1');
    expect(m.test_name).toBe('web_connectivity');
    if (s.expect.sniConfirmed) {
      const check = tk.x_tls?.sni[0];
      expect(check?.target_failure).not.toBeNull();
      expect(check?.neutral_failure).toBeNull();
    }
    if (s.expect.knownCa)
      expect(
        tk.x_tls?.interception.map((c) => c.known_ca),
        JSON.stringify(tk.x_tls?.interception),
      ).toContain(s.expect.knownCa);
    if (s.expect.throttled !== undefined) expect(tk.x_tls?.throttling[0]?.throttled).toBe(s.expect.throttled);
    if (s.expect.xBlocking === false)
      expect(tk.x_tls?.throttling.some((t) => t.throttled) ?? false, 'no false throttling').toBe(false);
  });
});
