/** Gathers the TLS facts beyond OONI (test_keys.x_tls): SNI checks and interception checks (throttling: throttling-check.ts). */

import { certificateInfo } from '../analysis/tls/certificate-info.js';
import type { InterceptionCaDb } from '../analysis/tls/interception-cas.js';
import type { ControlResponse, TlsHandshake } from '../model/measurement.js';
import type { InterceptionCheck, SniCheck } from '../model/verdict.js';
import type { ProbeConfig } from './probe-config.js';
import { tcpStep } from './tcp-step.js';
import { tlsStep } from './tls-step.js';
import { Trace } from './trace.js';

/** Failures after which a handshake is repeated with a neutral SNI: the censor's stall, RST or FIN. */
const SNI_SUSPECT = new Set(['generic_timeout_error', 'connection_reset', 'eof_error']);

/** A completed handshake, the verification result aside: the server answered the ClientHello. */
export interface NeutralHandshake {
  failure: string | null;
  seconds: number | null;
}

/**
 * Repeats a handshake on `address` with the neutral SNI. Its failure is null when the server
 * answered, even if its certificate does not fit the neutral name (we test reachability, not trust).
 */
export async function neutralHandshake(
  cfg: ProbeConfig,
  address: string,
  serverName = cfg.neutralSni,
): Promise<NeutralHandshake> {
  const trace = new Trace();
  const { ip, port } = splitAddress(address);
  const tcp = await tcpStep(cfg, trace, ip, port, ['x_sni_check']);
  if (!tcp.socket) return { failure: tcp.record.status.failure, seconds: null };
  const tls = await tlsStep(cfg, trace, tcp.socket, address, serverName, ['x_sni_check'], tcp.transactionId);
  tls.outcome.socket?.destroy();
  const answered = tls.outcome.tlsVersion !== '';
  return { failure: answered ? null : tls.outcome.failure, seconds: answered ? tls.seconds : null };
}

/** Handshakes that failed like SNI filtering on an address where the control's handshake succeeded. */
export function sniSuspects(handshakes: TlsHandshake[], control: ControlResponse | null): TlsHandshake[] {
  return handshakes.filter(
    (h) =>
      h.address &&
      h.failure &&
      SNI_SUSPECT.has(h.failure) &&
      control?.tls_handshake?.[h.address]?.status === true &&
      !(h.tags ?? []).includes('x_sni_check'),
  );
}

export function sniCheck(h: TlsHandshake, neutralSni: string, neutral: NeutralHandshake): SniCheck {
  return {
    address: h.address!,
    target_server_name: h.server_name,
    target_failure: h.failure,
    neutral_server_name: neutralSni,
    neutral_failure: neutral.failure,
    neutral_handshake_time: neutral.seconds,
  };
}

/** Judges each peer chain against the control's chain and the known interception CAs. */
export function interceptionChecks(
  handshakes: TlsHandshake[],
  control: ControlResponse | null,
  known: InterceptionCaDb,
): InterceptionCheck[] {
  return handshakes
    .filter((h) => h.address && h.peer_certificates && h.peer_certificates.length > 0)
    .map((h) => {
      const facts = h.peer_certificates!.map((c) => certificateInfo(c.data)).filter((f) => f !== null);
      const chain = facts.map((f) => f.sha256);
      const controlChain = control?.x_certificate_sha256?.[h.address!] ?? null;
      return {
        address: h.address!,
        server_name: h.server_name,
        chain_sha256: chain,
        control_chain_sha256: controlChain,
        matches_control: controlChain ? controlChain[0] === chain[0] : null,
        known_ca: known.matchChain(facts)?.name ?? null,
        issuer: facts[0]?.issuer ?? null,
        trusted: h.failure === null,
      };
    });
}

export function splitAddress(address: string): { ip: string; port: number } {
  const i = address.lastIndexOf(':');
  return { ip: address.slice(0, i).replace(/^\[|\]$/g, ''), port: Number(address.slice(i + 1)) };
}
