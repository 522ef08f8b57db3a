/** A probe configuration for the simulated network, with timers short enough for tests (drop cases wait ~1 s). */
import { DEFAULT_MAX_BODY, type ProbeConfig } from '../../src/probe/probe-config.js';
import type { SimulatedInternet } from '../netsim/simulated-internet.js';

export const SIM_TIMEOUTS = {
  dns: 1000,
  connect: 1000,
  tlsHandshake: 1000,
  http: 2500,
  control: 5000,
  perUrl: 20_000,
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
