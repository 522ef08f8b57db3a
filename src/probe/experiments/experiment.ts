/** What every test of the probe is: a name and version as OONI's, a suite, its inputs, and a measurement. */
import type { InterceptionCaDb } from '../../analysis/tls/interception-cas.js';
import type { ProbeConfig } from '../probe-config.js';

/** The suites of `--suite`: OONI Probe's groups (websites, instant messaging, circumvention). */
export const SUITES = ['websites', 'im', 'circumvention'] as const;
export type Suite = (typeof SUITES)[number];

/** A test's section of `--targets FILE`: the value, and the folder relative paths in it are read from. */
export interface TargetsOverride {
  value: unknown;
  dir: string;
}

/** What a test measures with. */
export interface ExperimentContext {
  cfg: ProbeConfig;
  known: InterceptionCaDb;
  /** This test's section of `--targets`, if the file has one. */
  targets?: TargetsOverride;
  /** Measure every endpoint of the bundled list, not a sample (whatsapp). */
  allEndpoints: boolean;
}

/** The raw result of one measurement, before the envelope (df-000) is put around it. */
export interface Observation<TK extends object = object> {
  testKeys: TK;
  runtimeSeconds: number;
  /** Our address as our control saw it: for the offline ASN lookup and scrubbing, never stored. */
  clientIp: string | null;
  /** The control was asked (the measurement names it in `test_helpers`). */
  usedControl: boolean;
}

/** One test. */
export interface Experiment<TK extends object = object> {
  /** OONI's `test_name`. */
  name: string;
  /** OONI's `test_version` for the same behaviour. */
  version: string;
  suite: Suite;
  /** One line for `probe run --help`. */
  summary: string;
  /** The test cannot run without `--control`. */
  needsControl: boolean;
  /** Each measurement has an input (a URL, a resolver, a server); the others measure once per run. */
  takesInput: boolean;
  /** The inputs measured when the user names none (bundled data, or its section of `--targets`); [] for none. */
  defaultInputs(targets?: TargetsOverride): string[];
  /** Measures one input; throws only InvalidInputError for an input it cannot take. */
  measure(input: string | null, ctx: ExperimentContext): Promise<Observation<TK>>;
}
