/**
 * The throttling rule: a transfer or handshake far slower than a reference timed at the same moment (the control's
 * transfer, a neutral-SNI handshake beside a repeat of ours), judged only on what is left once the probe's own
 * event-loop stall is taken out, so that a starved probe never passes for a throttled network.
 */
import type { ControlResponse } from '../model/measurement.js';
import type { ThrottlingCheck } from '../model/verdict.js';
import { withLoopLag } from './loop-lag.js';
import type { ProbeConfig } from './probe-config.js';
import { neutralHandshake } from './tls-facts.js';

/** A transfer shorter than this is never called throttled: a noisy ratio on a fast page. */
const SLOW_TRANSFER_SECONDS = 0.2;
/** Nor a handshake shorter than this. */
const SLOW_HANDSHAKE_SECONDS = 0.5;

export interface TransferTiming {
  address: string;
  /** The SNI of our handshake (null over plain HTTP): the repeat uses it. */
  serverName?: string | null;
  /** The probe's TCP connect time to this address: one round trip, the path's own slowness. */
  connectSeconds: number | null;
  handshakeSeconds: number | null;
  /** Seconds the probe's event loop was held while the handshake was timed. */
  handshakeLagSeconds?: number | null;
  transferSeconds: number | null;
  /** Seconds the probe's event loop was held while the transfer was timed. */
  transferLagSeconds?: number | null;
  bytes: number | null;
}

/** The handshakes a slow one is compared with, taken together: the neutral SNI's and a repeat of ours. */
export interface HandshakeReference {
  neutralSeconds: number | null;
  repeatSeconds: number | null;
  /** Seconds the loop was held while the two ran. */
  lagSeconds: number;
}

/**
 * Whether a handshake this long deserves the reference handshakes (they cost two connections). `rtt` and
 * `controlSeconds` bound what an unthrottled path takes.
 */
export function handshakeLooksSlow(seconds: number | null, floorSeconds: number, factor: number): boolean {
  return seconds !== null && seconds >= SLOW_HANDSHAKE_SECONDS && seconds >= factor * floorSeconds;
}

/**
 * Repeats the handshake with our SNI and with the neutral one at the same moment, so that whatever slows the path or
 * the probe then slows both alike: only a throttle by name slows ours alone.
 */
export async function referenceHandshakes(
  cfg: ProbeConfig,
  address: string,
  serverName: string | null,
): Promise<HandshakeReference> {
  const { value, lag } = await withLoopLag(() =>
    Promise.all([
      serverName ? neutralHandshake(cfg, address, serverName) : null,
      neutralHandshake(cfg, address),
    ]),
  );
  const [repeat, neutral] = value;
  return {
    neutralSeconds: neutral.seconds,
    repeatSeconds: repeat?.seconds ?? null,
    lagSeconds: lag.totalMs / 1000,
  };
}

/** Compares the probe's handshake and transfer times with the control's and the reference handshakes'. */
export function throttlingCheck(
  timing: TransferTiming,
  control: ControlResponse | null,
  reference: HandshakeReference | null,
  factor: number,
): ThrottlingCheck {
  const controlTransfer =
    Object.values(control?.x_timings ?? {}).find((t) => t.http_transfer !== undefined)?.http_transfer ?? null;
  const slowdown =
    timing.transferSeconds !== null && controlTransfer !== null
      ? round(timing.transferSeconds / Math.max(controlTransfer, 0.001))
      : null;
  // The probe's path is longer than the control's: allow two of its round trips before comparing.
  const rtt = timing.connectSeconds ?? 0;
  const expected = controlTransfer === null ? null : controlTransfer + 2 * rtt;
  const transferLag = timing.transferLagSeconds ?? 0;
  const neutral = reference?.neutralSeconds ?? null;
  const slowTransfer = (seconds: number | null) =>
    expected !== null &&
    seconds !== null &&
    seconds >= SLOW_TRANSFER_SECONDS &&
    seconds >= factor * Math.max(expected, 0.001);
  const slowHandshake = (seconds: number | null) =>
    neutral !== null && handshakeLooksSlow(seconds, Math.max(neutral, 0.001), factor);
  // The network took at least the time measured less the loop's stall within it: judge that, never more.
  const judged =
    slowTransfer(minus(timing.transferSeconds, transferLag)) ||
    slowHandshake(fasterHandshake(timing, reference, true));
  const looked =
    slowTransfer(timing.transferSeconds) || slowHandshake(fasterHandshake(timing, reference, false));
  const check: ThrottlingCheck = {
    address: timing.address,
    handshake_time: timing.handshakeSeconds,
    neutral_handshake_time: neutral,
    transfer_time: timing.transferSeconds,
    control_transfer_time: controlTransfer,
    bytes: timing.bytes,
    slowdown,
    transfer_loop_lag: timing.transferSeconds === null ? null : round(transferLag),
    handshake_loop_lag: timing.handshakeSeconds === null ? null : round(timing.handshakeLagSeconds ?? 0),
    repeat_handshake_time: reference?.repeatSeconds ?? null,
    not_judged: looked && !judged ? 'probe_loop_lag' : null,
    throttled: judged,
  };
  return check;
}

/** The faster of our handshake and its repeat, each less the loop's stall while it ran when `lessLag`. */
function fasterHandshake(
  timing: TransferTiming,
  reference: HandshakeReference | null,
  lessLag: boolean,
): number | null {
  const first = lessLag
    ? minus(timing.handshakeSeconds, timing.handshakeLagSeconds ?? 0)
    : timing.handshakeSeconds;
  const repeatSeconds = reference?.repeatSeconds ?? null;
  const repeat = lessLag ? minus(repeatSeconds, reference?.lagSeconds ?? 0) : repeatSeconds;
  if (first === null) return repeat;
  return repeat === null ? first : Math.min(first, repeat);
}

function minus(seconds: number | null, lag: number): number | null {
  return seconds === null ? null : Math.max(0, seconds - lag);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
