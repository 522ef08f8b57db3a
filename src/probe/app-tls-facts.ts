/**
 * The TLS facts beyond OONI for the app tests (`test_keys.x_tls`), without a control: a failed handshake repeated
 * with a neutral SNI on the same address (SNI filtering when only the app's name fails), each peer chain against the
 * known interception CAs, and a slow handshake timed against a neutral one (throttling by SNI).
 */
import type { InterceptionCaDb } from '../analysis/tls/interception-cas.js';
import type { TlsHandshake } from '../model/measurement.js';
import type { SniCheck, ThrottlingCheck, XTls } from '../model/verdict.js';
import type { ProbeConfig } from './probe-config.js';
import { handshakeLooksSlow, referenceHandshakes, throttlingCheck } from './throttling-check.js';
import { interceptionChecks, neutralHandshake, sniCheck } from './tls-facts.js';
import type { GetResult } from './url-getter.js';

/** Failures an SNI filter produces: the stall, RST or FIN after the ClientHello. */
const SNI_SUSPECT = new Set(['generic_timeout_error', 'connection_reset', 'eof_error']);
/** Repeats at most this many handshakes (a test may fail dozens the same way). */
const MAX_REPEATS = 4;

/** Gathers `x_tls` for the targets of one app test. */
export async function appTlsFacts(
  cfg: ProbeConfig,
  results: readonly GetResult[],
  known: InterceptionCaDb,
): Promise<XTls> {
  const facts = await handshakeFacts(
    cfg,
    results.flatMap((r) => r.tls_handshakes ?? []),
    known,
  );
  return { ...facts, throttling: await throttlingChecks(cfg, results) };
}

/** The checks that need only the handshakes: neutral-SNI retries of the failed ones, every chain against the known CAs. */
export async function handshakeFacts(
  cfg: ProbeConfig,
  handshakes: TlsHandshake[],
  known: InterceptionCaDb,
): Promise<XTls> {
  return {
    sni: await sniChecks(cfg, handshakes),
    interception: interceptionChecks(handshakes, null, known),
    throttling: [],
  };
}

async function sniChecks(cfg: ProbeConfig, handshakes: TlsHandshake[]): Promise<SniCheck[]> {
  const suspects = uniqueByAddress(
    handshakes.filter((h) => h.address && h.failure && SNI_SUSPECT.has(h.failure)),
  ).slice(0, MAX_REPEATS);
  return Promise.all(
    suspects.map(async (h) => sniCheck(h, cfg.neutralSni, await neutralHandshake(cfg, h.address!))),
  );
}

/**
 * A handshake that took long, repeated with its own SNI and with the neutral one at the same moment: throttled when
 * the app's name made both of its handshakes `factor` slower than the neutral one (throttling-check.ts).
 */
async function throttlingChecks(cfg: ProbeConfig, results: readonly GetResult[]): Promise<ThrottlingCheck[]> {
  const slow = results
    .filter(
      (r) =>
        r.address !== null &&
        handshakeLooksSlow(r.handshakeSeconds, r.connectSeconds ?? 0, cfg.throttlingFactor),
    )
    .slice(0, MAX_REPEATS);
  return Promise.all(
    slow.map(async (r) => {
      const serverName = r.tls_handshakes?.find((h) => h.address === r.address)?.server_name ?? null;
      const reference = await referenceHandshakes(cfg, r.address!, serverName);
      const timing = {
        address: r.address!,
        connectSeconds: r.connectSeconds,
        handshakeSeconds: r.handshakeSeconds,
        transferSeconds: null,
        bytes: null,
      };
      return throttlingCheck(timing, null, reference, cfg.throttlingFactor);
    }),
  );
}

function uniqueByAddress(handshakes: TlsHandshake[]): TlsHandshake[] {
  const seen = new Set<string>();
  return handshakes.filter((h) => {
    const key = `${h.address}|${h.server_name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
