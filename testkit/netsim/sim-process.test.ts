import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadInterceptionCas } from '../../src/analysis/tls/interception-cas.js';
import { measureUrl } from '../../src/probe/experiments/web-connectivity/measure-url.js';
import { SIM_TIMEOUTS } from '../scenarios/sim-probe-config.js';
import { startSimChild } from './sim-child.js';
import { probeConfigFor } from './sim-snapshot.js';

const meta = { probeCc: 'ZZ', probeAsn: 'AS0', reportId: 'test', testStartTime: '2026-01-01 00:00:00' };

describe('the simulation in child processes (bench/probe)', () => {
  it('measures through an internet and a control in processes of their own, then stops both', async () => {
    const internet = startSimChild('internet', 0);
    const control = startSimChild('control', 0);
    try {
      const snap = await control.ready(await internet.ready());
      const cfg = probeConfigFor(snap, 0, SIM_TIMEOUTS);
      const { measurement } = await measureUrl('https://www.example.com/', cfg, loadInterceptionCas(), meta);
      expect(measurement.test_keys.control_failure).toBeNull();
      expect(measurement.test_keys.control?.http_request?.status_code).toBe(200);
      expect(measurement.test_keys.blocking).toBe(false);
      expect(measurement.test_keys.accessible).toBe(true);
      for (const usage of [await internet.stop(), await control.stop()]) {
        expect(usage.maxRssMb).toBeGreaterThan(10);
        expect(usage.cpuSeconds).toBeGreaterThan(0);
      }
    } finally {
      await Promise.all([internet.close(), control.close()]);
    }
  });

  it('exits when its parent goes away, and takes its test PKI with it', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'nf-simtmp-'));
    const pkiFolders = () => readdirSync(tmp).filter((name) => name.startsWith('netfreedom-pki-'));
    try {
      const child = fork(fileURLToPath(new URL('./sim-process.ts', import.meta.url)), [], {
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, NETSIM_ROLE: 'internet', NETSIM_LATENCY_MS: '0', TMPDIR: tmp },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      await new Promise((resolve) => child.once('message', resolve));
      expect(pkiFolders()).toHaveLength(1);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.disconnect(); // what a parent that dies does to the channel
      expect(await exited).toBe(0);
      expect(pkiFolders()).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
