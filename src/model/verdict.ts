/** netfreedom's verdicts: technique-level blocking beyond OONI's enum, and per-measurement outcomes. */

/** The techniques that block a site, in the order lists show them. */
export const TECHNIQUES = [
  'dns',
  'tcp_ip',
  'tls_sni',
  'tls_interception',
  'tls',
  'http-failure',
  'http-diff',
  'throttling',
] as const;

/** Whether a stored technique code is one of TECHNIQUES (codes from hostile data may be anything). */
export function isTechnique(code: string): code is (typeof TECHNIQUES)[number] {
  return (TECHNIQUES as readonly string[]).includes(code);
}

/** The technique that blocks a site; `false` = accessible, `null` = undetermined. */
export type TechniqueBlocking = (typeof TECHNIQUES)[number] | false | null;

/**
 * `test_keys.x_verdict`: what blocks the site, the two confirmations kept apart, and the evidence in words.
 * `confirmed` is OONI's (a confirming OONI fingerprint matched); `tls_confirmed` is netfreedom's (a
 * neutral-SNI retry shows SNI filtering, or the chain comes from a known interception CA).
 */
export interface XVerdict {
  blocking: TechniqueBlocking;
  accessible: boolean | null;
  confirmed: boolean;
  tls_confirmed: boolean;
  evidence: string[];
}

/** A repeat of a failed handshake on the same IP with a neutral SNI. */
export interface SniCheck {
  address: string;
  target_server_name: string;
  target_failure: string | null;
  neutral_server_name: string;
  neutral_failure: string | null;
  neutral_handshake_time: number | null;
}

/** A peer chain judged against the control's chain and the known interception CAs. */
export interface InterceptionCheck {
  address: string;
  server_name: string;
  chain_sha256: string[];
  control_chain_sha256: string[] | null;
  matches_control: boolean | null;
  /** Name of the known interception CA that matched, if any. */
  known_ca: string | null;
  issuer: string | null;
  trusted: boolean | null;
}

/** Timings compared with the control and the neutral-SNI handshake. */
export interface ThrottlingCheck {
  address: string;
  handshake_time: number | null;
  neutral_handshake_time: number | null;
  transfer_time: number | null;
  control_transfer_time: number | null;
  bytes: number | null;
  /** Probe transfer time / control transfer time. */
  slowdown: number | null;
  /**
   * A slow handshake repeated with the same SNI at the same moment as the neutral one: the faster of the two is
   * what is judged, so that a first handshake slowed by the probe's own start or a busy machine is not taken for
   * throttling.
   */
  repeat_handshake_time?: number | null;
  /** Seconds the probe's own event loop was held while the transfer was timed (netfreedom's lag sampler). */
  transfer_loop_lag?: number | null;
  /** The same while the handshakes were timed (the first; the repeat and the neutral one together). */
  handshake_loop_lag?: number | null;
  /**
   * Why throttling was not called although the raw timings looked throttled: `probe_loop_lag`, the timings less
   * the probe's own stall no longer are. Null when the timings were judged.
   */
  not_judged?: ThrottlingNotJudged | null;
  throttled: boolean;
}

/** Why a throttling check refused to judge: the probe, not the network, was slow. */
export type ThrottlingNotJudged = 'probe_loop_lag';

/** `test_keys.x_loop_lag`: how much the probe's own event loop was held during the whole measurement, in seconds. */
export interface LoopLagRecord {
  total: number;
  max: number;
}

/** `test_keys.x_tls`. */
export interface XTls {
  sni: SniCheck[];
  interception: InterceptionCheck[];
  throttling: ThrottlingCheck[];
}

/**
 * OONI's per-measurement outcome, as the aggregation counts it (ooni.md §5.4):
 * failure first, then confirmed, then anomaly, else ok.
 */
export const OUTCOMES = ['ok', 'anomaly', 'confirmed', 'failure'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * Whether a measurement shows blocking: OONI counts it as an anomaly (outcome anomaly or confirmed), or
 * netfreedom names a technique for it (one of TECHNIQUES: throttling and interception included, even on a page
 * that loaded). "Blocked sites" lists the sites with such a measurement and "techniques seen" counts them by
 * technique: both rest on this one definition (the SQL of src/store/sql/ says the same).
 */
export function showsBlocking(a: { outcome: Outcome; technique: TechniqueBlocking }): boolean {
  return a.outcome === 'anomaly' || a.outcome === 'confirmed' || isTechnique(String(a.technique));
}
