/** The TLS handshake step as an OONI df-006 record. */
import type { NetworkEvent, TlsHandshake } from '../model/measurement.js';
import type { Connection } from '../netx/network.js';
import { handshakeTls, type TlsOutcome } from '../netx/tls-handshake.js';
import type { ProbeConfig } from './probe-config.js';
import type { Trace } from './trace.js';

export interface TlsStepResult {
  record: TlsHandshake;
  events: NetworkEvent[];
  outcome: TlsOutcome;
  /** Handshake duration in seconds. */
  seconds: number;
}

/** What a test changes in a handshake: the roots it trusts (Signal pins its own), or no verification at all. */
export interface TlsStepOptions {
  ca?: string[];
  verify?: boolean;
}

/** Handshakes on `socket` (consumed) with SNI `serverName`; `address` is the "ip:port" the records name. */
export async function tlsStep(
  cfg: ProbeConfig,
  trace: Trace,
  socket: Connection,
  address: string,
  serverName: string,
  tags: string[],
  transactionId: number,
  opts: TlsStepOptions = {},
): Promise<TlsStepResult> {
  const t0 = trace.now();
  const outcome = await handshakeTls(socket, {
    serverName,
    ca: opts.ca ?? cfg.ca,
    timeoutMs: cfg.timeouts.tlsHandshake,
    verify: opts.verify,
  });
  const t = trace.now();
  const common = { address, tags, transaction_id: transactionId };
  return {
    record: {
      network: 'tcp',
      cipher_suite: outcome.cipherSuite,
      failure: outcome.failure,
      negotiated_protocol: outcome.alpn,
      no_tls_verify: opts.verify === false,
      peer_certificates: outcome.chain.map((der) => ({ format: 'base64', data: der.toString('base64') })),
      server_name: serverName,
      tls_version: outcome.tlsVersion,
      t0,
      t,
      ...common,
    },
    events: [
      { ...common, failure: null, operation: 'tls_handshake_start', t0, t: t0 },
      { ...common, failure: outcome.failure, operation: 'tls_handshake_done', t0, t },
    ],
    outcome,
    seconds: t - t0,
  };
}
