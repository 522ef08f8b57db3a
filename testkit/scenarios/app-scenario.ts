/** The shape of a scenario for the messaging-app and circumvention tests: the world's changes, and what the probe and the analysis must say. */
import type { Outcome, TechniqueBlocking } from '../../src/model/verdict.js';
import type { ProbeConfig } from '../../src/probe/probe-config.js';
import type { SimConfig, SimulatedInternet } from '../netsim/simulated-internet.js';
import { SIM_TIMEOUTS, simProbeConfig } from './sim-probe-config.js';

export interface AppScenario {
  name: string;
  /** The test (OONI's test_name). */
  test: string;
  /** The test's input, for those that take one (dnscheck, stunreachability). */
  input?: string;
  config: SimConfig;
  expect: {
    /** OONI's outcome (fastpath's rules, or netfreedom's for its own dnscheck). */
    outcome: Outcome;
    /** netfreedom's technique (null when it names none). */
    technique: TechniqueBlocking;
    /** Test keys the measurement must carry (a partial match). */
    keys: Record<string, unknown>;
  };
  /** Why the result is what it is, when it may surprise (a censor's rule this test cannot see). */
  note?: string;
  /** Waits for a step timer (dropped packets): still run, listed so a reader knows why it is slower. */
  slow?: boolean;
  /** Timers other than the simulation's short ones (a throttled link is slow, not blocked: a real probe waits). */
  timeouts?: Partial<ProbeConfig['timeouts']>;
}

/** The probe's configuration for `s` on `sim`. */
export function appScenarioConfig(sim: SimulatedInternet, s: AppScenario): ProbeConfig {
  return simProbeConfig(sim, { timeouts: { ...SIM_TIMEOUTS, ...s.timeouts } });
}
