/** The shape of a simulated censorship scenario: the world's changes and the verdict expected from them. */
import type { OoniBlocking } from '../../src/model/measurement.js';
import type { TechniqueBlocking } from '../../src/model/verdict.js';
import type { SimConfig } from '../netsim/simulated-internet.js';

export interface Scenario {
  /** OONI's QA case name where ported (internal/webconnectivityqa), `kz…` for Kazakhstan's techniques. */
  name: string;
  family: string;
  input: string;
  config: SimConfig;
  expect: {
    blocking: OoniBlocking;
    accessible: boolean | null;
    /** netfreedom's technique-level verdict (`test_keys.x_verdict.blocking`). */
    xBlocking: TechniqueBlocking;
    /** Facts the probe must have gathered in `x_tls`. */
    sniConfirmed?: boolean;
    knownCa?: string;
    throttled?: boolean;
  };
  /** Waits for a step timer (drop cases): still run, listed so a reader knows why they are slower. */
  slow?: boolean;
}
