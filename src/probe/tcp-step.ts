/** The TCP connect step as an OONI df-005 record. */
import type { NetworkEvent, TcpConnect } from '../model/measurement.js';
import type { Connection } from '../netx/network.js';
import { connectTcp } from '../netx/tcp-connect.js';
import { joinHostPort } from '../shared/host-port.js';
import type { ProbeConfig } from './probe-config.js';
import type { Trace } from './trace.js';

export interface TcpStepResult {
  record: TcpConnect;
  event: NetworkEvent;
  socket: Connection | null;
  transactionId: number;
}

/** Connects to `ip:port`; the socket (if any) belongs to the caller. */
export async function tcpStep(
  cfg: ProbeConfig,
  trace: Trace,
  ip: string,
  port: number,
  tags: string[],
): Promise<TcpStepResult> {
  const transaction_id = trace.nextTransactionId();
  const t0 = trace.now();
  const outcome = await connectTcp(cfg.network, ip, port, cfg.timeouts.connect);
  const t = trace.now();
  const address = joinHostPort(ip, port);
  return {
    record: {
      ip,
      port,
      status: { success: !outcome.failure, failure: outcome.failure, blocked: null },
      t0,
      t,
      tags,
      transaction_id,
    },
    event: {
      address,
      failure: outcome.failure,
      operation: 'connect',
      proto: 'tcp',
      t0,
      t,
      tags,
      transaction_id,
    },
    socket: outcome.socket,
    transactionId: transaction_id,
  };
}
