/**
 * A busy CPU must not invent a verdict: a probe whose own event loop is held (here by a relay that busy-waits in the
 * probe's process before passing each chunk the server sends) measures an accessible site on a healthy network and
 * must not call it throttled; a genuinely throttled site measured by an unstarved probe must still be called so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceSentence } from '../../src/analysis/evidence-messages.js';
import { loadInterceptionCas } from '../../src/analysis/tls/interception-cas.js';
import { measureUrl } from '../../src/probe/experiments/web-connectivity/measure-url.js';
import { startSimChild } from '../netsim/sim-child.js';
import { probeConfigFor, type SimSnapshot } from '../netsim/sim-snapshot.js';
import { startSimulatedInternet } from '../netsim/simulated-internet.js';
import { stallingNetwork } from '../netsim/stalling-relay.js';
import { SIM_TIMEOUTS, simProbeConfig } from './sim-probe-config.js';

const known = loadInterceptionCas();
const meta = { probeCc: 'ZZ', probeAsn: 'AS0', reportId: 'test', testStartTime: '2026-01-01 00:00:00' };
/**
 * Each KiB from a server waits this long in the starved probe: a page (3–4 KiB) meets several stalls, well above the
 * rule's thresholds (0.2 s for a transfer, 0.5 s for a handshake) and the control's transfer on a loaded machine.
 */
const STALL_MS = 400;
/** Step timers that outlast the stalls (a handshake meets one or two). */
const PATIENT = { ...SIM_TIMEOUTS, tlsHandshake: 8000, http: 8000 };

describe('a starved probe on a healthy network (simulated Internet and control in processes of their own)', () => {
  // The network and the control run elsewhere, unstarved, as they do in reality; only the probe's loop is held.
  const internet = startSimChild('internet', 0);
  const control = startSimChild('control', 0);
  let snap: SimSnapshot;
  beforeAll(async () => {
    snap = await control.ready(await internet.ready());
  }, 60_000);
  afterAll(async () => {
    await Promise.all([internet.close(), control.close()]);
  });

  it.each([
    ['https://www.example.com/', 'over TLS'],
    ['http://www.example.org/', 'over plain HTTP'],
  ])(
    '%s (%s): no throttling verdict, the refusal and the lag recorded',
    async (url) => {
      const cfg = probeConfigFor(snap, 0, PATIENT);
      const starving = stallingNetwork(cfg.network, STALL_MS);
      try {
        const { measurement } = await measureUrl(url, { ...cfg, network: starving.network }, known, meta);
        const tk = measurement.test_keys;
        const check = tk.x_tls?.throttling[0];
        const facts = JSON.stringify({ check, lag: tk.x_loop_lag, x: tk.x_verdict, tcp: tk.tcp_connect });
        expect(starving.stalls(), facts).toBeGreaterThan(1);
        expect(check?.transfer_time, facts).toBeGreaterThanOrEqual(STALL_MS / 1000);
        expect(check?.transfer_loop_lag, facts).toBeGreaterThanOrEqual((0.8 * STALL_MS) / 1000);
        expect(tk.x_loop_lag?.total, facts).toBeGreaterThanOrEqual((0.8 * STALL_MS) / 1000);
        expect(tk.x_loop_lag?.max, facts).toBeGreaterThanOrEqual((0.8 * STALL_MS) / 1000);
        expect(check?.throttled, facts).toBe(false);
        expect(tk.blocking, facts).toBe(false);
        expect(tk.accessible, facts).toBe(true);
        expect(tk.x_verdict?.blocking, facts).toBe(false);
        // The stalls stretched the transfer beyond what the control's timing allows (the rule before lag accounting
        // called this throttling); should a loaded machine slow the control as much, there is nothing to refuse.
        const connect = tk.tcp_connect?.find((c) => `${c.ip}:${c.port}` === check?.address);
        const rtt = (connect?.t ?? 0) - (connect?.t0 ?? 0);
        const looked = check!.transfer_time! >= 5 * ((check?.control_transfer_time ?? Number.NaN) + 2 * rtt);
        expect(check?.not_judged, facts).toBe(looked ? 'probe_loop_lag' : null);
        if (looked)
          expect(tk.x_verdict?.evidence.join(' '), facts).toMatch(
            /Throttling not judged for .*event loop was held/,
          );
      } finally {
        await starving.close();
      }
    },
    60_000,
  );
});

describe('an unstarved probe on a throttled network (in-process simulated Internet)', () => {
  let sim: Awaited<ReturnType<typeof startSimulatedInternet>>;
  beforeAll(async () => {
    sim = await startSimulatedInternet();
  }, 60_000);
  afterAll(async () => {
    await sim?.close();
  });

  it('a site throttled by SNI is still throttling, its timings judged', async () => {
    sim.configure({
      rules: [{ action: 'throttle', match: { sni: 'www.currenttime.tv' }, delayMs: 40, chunkBytes: 256 }],
    });
    const { measurement } = await measureUrl('https://www.currenttime.tv/', simProbeConfig(sim), known, meta);
    const tk = measurement.test_keys;
    const check = tk.x_tls?.throttling[0];
    const facts = JSON.stringify({ check, lag: tk.x_loop_lag, x: tk.x_verdict, tcp: tk.tcp_connect });
    expect(check?.throttled, facts).toBe(true);
    expect(check?.not_judged, facts).toBeNull();
    // The throttle, not the probe, took the time: the loop's stall is a small part of the transfer.
    expect(check?.transfer_loop_lag ?? 1, facts).toBeLessThan((check?.transfer_time ?? 0) / 2);
    expect(tk.x_verdict?.blocking, facts).toBe('throttling');
    expect(tk.x_verdict?.evidence.join(' '), facts).toMatch(/slower than the control's/);
  }, 60_000);

  it('the same site unthrottled is accessible and judged (not refused)', async () => {
    sim.configure({});
    const { measurement } = await measureUrl('https://www.currenttime.tv/', simProbeConfig(sim), known, meta);
    const check = measurement.test_keys.x_tls?.throttling[0];
    expect(check?.throttled).toBe(false);
    expect(check?.not_judged).toBeNull();
    expect(measurement.test_keys.x_verdict?.blocking).toBe(false);
  }, 60_000);
});

// The evidence sentence reads as the rule says (its key is rendered by the dashboard in three languages).
it('the refusal reads in words', () => {
  expect(
    evidenceSentence({
      key: 'throttling_not_judged',
      values: { address: '1.2.3.4:443', lag: { number: 0.6, digits: 2 } },
    }),
  ).toBe(
    "Throttling not judged for 1.2.3.4:443: the timings looked throttled, but the probe's own event loop was held 0.60 s while it timed them, and without that stall they do not.",
  );
});
