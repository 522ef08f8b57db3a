/** Opens a TCP connection with its own timer and reports the outcome as an OONI failure string. */
import net from 'node:net';
import type { Failure } from '../model/failure.js';
import { classifyError } from './classify.js';
import type { Network } from './network.js';
import { withTimeout } from './with-timeout.js';

export interface ConnectOutcome {
  /** The connected socket, or null when the connect failed. The caller owns it. */
  socket: net.Socket | null;
  failure: Failure | null;
}

/** Connects to `ip:port` through `network`; never throws for network failures. */
export async function connectTcp(
  network: Network,
  ip: string,
  port: number,
  timeoutMs: number,
): Promise<ConnectOutcome> {
  let socket: net.Socket | null = null;
  let abandoned = false;
  const connected = (async () => {
    const target = await network.dial(ip, port);
    if (abandoned) throw new Error('abandoned');
    return await new Promise<net.Socket>((resolve, reject) => {
      const s = net.connect({ host: target.host, port: target.port });
      socket = s;
      s.once('connect', () => {
        s.removeListener('error', reject);
        resolve(s);
      });
      s.once('error', reject);
    });
  })();
  try {
    const s = await withTimeout(connected, timeoutMs, `connect to ${ip}:${port}`, () => {
      abandoned = true;
      socket?.destroy();
    });
    return { socket: s, failure: null };
  } catch (err) {
    connected.catch(() => {}); // the abandoned attempt may still reject later
    (socket as net.Socket | null)?.destroy();
    return { socket: null, failure: classifyError('connect', err) };
  }
}
