/** A probe configuration for the simulated network, with timers short enough for tests (drop cases wait ~2 s), long enough for a loaded CI machine. */
import { DEFAULT_MAX_BODY, type ProbeConfig } from '../../src/probe/probe-config.js';
import type { SimulatedInternet } from '../netsim/simulated-internet.js';

export const SIM_TIMEOUTS = {
  dns: 2000,
  connect: 2000,
  tlsHandshake: 2000,
  http: 4000,
  control: 8000,
  perUrl: 30_000,
};

export function simProbeConfig(sim: SimulatedInternet, overrides: Partial<ProbeConfig> = {}): ProbeConfig {
  return {
    network: sim.probeNetwork,
    timeouts: SIM_TIMEOUTS,
    maxBodyBytes: DEFAULT_MAX_BODY,
    maxRedirects: 10,
    neutralSni: 'example.com',
    ca: sim.probeCa(),
    udpResolver: sim.publicResolver,
    controlUrl: sim.controlUrl(),
    throttlingFactor: 5,
    ...overrides,
  };
}
