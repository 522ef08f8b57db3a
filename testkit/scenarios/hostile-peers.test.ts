import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInterceptionCas } from '../../src/analysis/tls/interception-cas.js';
import type { WebConnectivityMeasurement } from '../../src/model/measurement.js';
import { measureUrl } from '../../src/probe/experiments/web-connectivity/measure-url.js';
import { DEFAULT_MAX_BODY } from '../../src/probe/probe-config.js';
import {
  type SimConfig,
  type SimulatedInternet,
  startSimulatedInternet,
} from '../netsim/simulated-internet.js';
import { SIM_TIMEOUTS, simProbeConfig } from './sim-probe-config.js';

let sim: SimulatedInternet;
const known = loadInterceptionCas();
const meta = { probeCc: 'ZZ', probeAsn: 'AS0', reportId: 'test', testStartTime: '2026-01-01 00:00:00' };
/** Every URL must yield its measurement within the per-URL deadline (plus the control's own timer). */
const DEADLINE_MS = SIM_TIMEOUTS.perUrl;

beforeAll(async () => {
  sim = await startSimulatedInternet();
});
afterAll(async () => {
  await sim?.close();
});

async function measure(
  input: string,
  config: SimConfig = {},
): Promise<{ m: WebConnectivityMeasurement; ms: number }> {
  sim.configure(config);
  const started = performance.now();
  const { measurement } = await measureUrl(input, simProbeConfig(sim), known, meta);
  const ms = performance.now() - started;
  expect(ms).toBeLessThan(DEADLINE_MS);
  expect(JSON.parse(JSON.stringify(measurement)).test_name).toBe('web_connectivity');
  return { m: measurement, ms };
}

function bodyLength(m: WebConnectivityMeasurement): number {
  const body = m.test_keys.requests?.[0]?.response?.body;
  if (!body) return 0;
  return typeof body === 'string' ? Buffer.byteLength(body) : Buffer.from(body.data, 'base64').length;
}

describe('hostile peers: each yields a measurement in time, with bounded memory, and the run goes on', () => {
  it('an endless body is cut at 512 KiB and marked truncated', async () => {
    const { m } = await measure('http://endless.hostile.test/');
    const res = m.test_keys.requests![0]!.response!;
    expect(res.body_is_truncated).toBe(true);
    expect(bodyLength(m)).toBe(DEFAULT_MAX_BODY);
  });

  it('a server trickling one byte a second is cut by the HTTP timer', async () => {
    const { m, ms } = await measure('http://trickle.hostile.test/');
    expect(m.test_keys.requests![0]!.failure).toBe('generic_timeout_error');
    // The measurement waits for the control, which meets the same trickle and its own timer.
    expect(ms).toBeLessThan(SIM_TIMEOUTS.control + 1500);
  });

  it('garbage instead of TLS is a failed handshake', async () => {
    const { m } = await measure('https://garbage.hostile.test/');
    expect(m.test_keys.tls_handshakes![0]!.failure).toBe('ssl_failed_handshake');
  });

  it('redirecting forever stops after 10 redirects', async () => {
    const { m } = await measure('http://loop.hostile.test/loop/0');
    expect(m.test_keys.requests).toHaveLength(11);
    expect(m.test_keys.requests![0]!.failure).toMatch(/redirects/);
  });

  it('a reset in the middle of the body is connection_reset', async () => {
    const { m } = await measure('http://reset.hostile.test/');
    expect(m.test_keys.requests![0]!.failure).toBe('connection_reset');
  });

  it('a Content-Length that lies is eof_error, with what arrived kept', async () => {
    const { m } = await measure('http://lying.hostile.test/');
    expect(m.test_keys.requests![0]!.failure).toBe('eof_error');
  });

  it('oversized response headers are a recorded failure, not a crash', async () => {
    const { m } = await measure('http://headers.hostile.test/');
    expect(m.test_keys.requests![0]!.failure).toMatch(/^unknown_failure: /);
  });

  it('a DNS answer with thousands of records keeps at most 64 of them', async () => {
    const { m } = await measure('http://www.example.com/', {
      allDns: { 'www.example.com': { flood: 10_000 } },
    });
    const udp = m.test_keys.queries!.find((q) => q.engine === 'udp')!;
    expect(udp.failure).toBeNull();
    expect(udp.answers!.length).toBe(64);
    expect(m.test_keys.tcp_connect!.length).toBeLessThanOrEqual(4);
  });

  it('a malformed DNS answer is dns_server_misbehaving', async () => {
    const { m } = await measure('http://www.example.com/', {
      allDns: { 'www.example.com': { garbage: true } },
    });
    expect(m.test_keys.queries!.map((q) => q.failure)).toEqual([
      'dns_server_misbehaving',
      'dns_server_misbehaving',
    ]);
  });

  it('a silent resolver is a DNS timeout', async () => {
    const { m } = await measure('http://www.example.com/', {
      ispDns: { 'www.example.com': { silent: true } },
    });
    expect(m.test_keys.queries![0]!.failure).toBe('generic_timeout_error');
  });
});
