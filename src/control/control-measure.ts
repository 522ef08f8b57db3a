/** What the control (test helper) does for one THRequest: DNS, TCP, TLS and an HTTP fetch from its vantage point. */
import { createHash } from 'node:crypto';
import type { ControlRequest, ControlResponse } from '../model/measurement.js';
import { classifyError } from '../netx/classify.js';
import { ipVersion } from '../netx/ip-literal.js';
import type { Connection, Network } from '../netx/network.js';
import { connectTcp } from '../netx/tcp-connect.js';
import { handshakeTls } from '../netx/tls-handshake.js';
import { withTimeout } from '../netx/with-timeout.js';
import { isBogon } from '../shared/bogon.js';
import { joinHostPort, splitHostPort } from '../shared/host-port.js';
import { FETCH_ADDRESSES, type FirstHop, fetchFollowing } from './fetch-following.js';
import { isRefusedTarget } from './refused-target.js';

export interface ControlDeps {
  network: Network;
  /** Connect to private/bogon addresses (only for simulated networks and labs). */
  allowPrivate: boolean;
  /** Trusted roots (Node's bundled store when absent). */
  ca?: string[];
  timeouts: { dns: number; connect: number; tlsHandshake: number; http: number };
  /** IP → ASN for `ip_info` (0 when unknown). */
  asnOf(ip: string): number;
}

const FLAG_PROBE = 1;
const FLAG_TH = 2;
const FLAG_BOGON = 4;
const FLAG_VALID_FOR_DOMAIN = 8;

/** Measures `req` and answers in OONI's THResponse shape plus `x_` certificate hashes and timings. */
export async function measureControl(req: ControlRequest, deps: ControlDeps): Promise<ControlResponse> {
  const url = new URL(req.http_request);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const dnsResult = await controlDns(host, deps);
  const urlPort = url.port ? Number(url.port) : null;
  const ports = urlPort ? [urlPort] : url.protocol === 'https:' ? [443] : [80, 443];

  const ipInfo: NonNullable<ControlResponse['ip_info']> = {};
  const mark = (ip: string, flag: number) => {
    ipInfo[ip] ??= { asn: deps.asnOf(ip), flags: isBogon(ip) ? FLAG_BOGON : 0 };
    ipInfo[ip]!.flags |= flag;
  };
  const endpoints = new Set<string>();
  for (const ep of req.tcp_connect) {
    const { ip } = splitHostPort(ep);
    mark(ip, FLAG_PROBE);
    endpoints.add(ep);
  }
  for (const ip of dnsResult.addrs) {
    mark(ip, FLAG_TH);
    for (const port of ports) endpoints.add(joinHostPort(ip, port));
  }

  const response: ControlResponse = {
    tcp_connect: {},
    tls_handshake: {},
    quic_handshake: {},
    http_request: {
      body_length: -1,
      discovered_h3_endpoint: '',
      failure: null,
      title: '',
      headers: {},
      status_code: -1,
    },
    http3_request: null,
    dns: dnsResult,
    ip_info: ipInfo,
    x_certificate_sha256: {},
    x_timings: {},
  };
  // The connections the fetch below would open itself (its first hop: the same addresses, the URL's
  // port) stay open for it; one TCP and TLS handshake fewer per URL, the same answer.
  const https = url.protocol === 'https:';
  const fetchPort = urlPort ?? (https ? 443 : 80);
  const first: FirstHop = { addrs: dnsResult.addrs, connections: new Map() };
  const fetchWouldDial = new Set(
    dnsResult.addrs
      .filter((ip) => !isRefusedTarget(ip, deps.allowPrivate))
      .slice(0, FETCH_ADDRESSES)
      .map((ip) => joinHostPort(ip, fetchPort)),
  );
  const keep = (ep: string, connection: Connection) => {
    connection.on('error', () => {}); // a reset while it waits surfaces in the fetch's own request
    first.connections.set(ep, connection);
  };
  await Promise.all(
    [...endpoints].map(async (ep) => {
      const { ip, port } = splitHostPort(ep);
      if (isRefusedTarget(ip, deps.allowPrivate)) return; // an open control must not become a proxy into a LAN
      const started = performance.now();
      const tcp = await connectTcp(deps.network, ip, port, deps.timeouts.connect);
      const timings: { tcp_connect?: number; tls_handshake?: number } = { tcp_connect: seconds(started) };
      response.x_timings![ep] = timings;
      response.tcp_connect[ep] = { status: !tcp.failure, failure: tcp.failure };
      if (!tcp.socket) return;
      if (port !== 443) {
        if (!https && fetchWouldDial.has(ep)) keep(ep, tcp.socket);
        else tcp.socket.destroy();
        return;
      }
      const tlsStart = performance.now();
      const tls = await handshakeTls(tcp.socket, {
        serverName: host,
        ca: deps.ca,
        timeoutMs: deps.timeouts.tlsHandshake,
      });
      timings.tls_handshake = seconds(tlsStart);
      // The fetch speaks HTTP/1.1 only: a connection where the server chose h2 is not reusable.
      const http1 = tls.alpn === 'http/1.1' || tls.alpn === '';
      if (tls.socket && https && http1 && fetchWouldDial.has(ep)) keep(ep, tls.socket);
      else tls.socket?.destroy();
      response.tls_handshake![ep] = { server_name: host, status: !tls.failure, failure: tls.failure };
      if (tls.chain.length) response.x_certificate_sha256![ep] = tls.chain.map(sha256);
      if (!tls.failure) mark(ip, FLAG_VALID_FOR_DOMAIN);
    }),
  );

  const fetched = await fetchFollowing(url, deps, first).finally(() => {
    for (const unused of first.connections.values()) unused.destroy();
  });
  response.http_request = fetched.summary;
  if (fetched.address && fetched.transferSeconds !== null) {
    response.x_timings![fetched.address] = {
      ...response.x_timings![fetched.address],
      http_transfer: fetched.transferSeconds,
    };
  }
  return response;
}

/** The control's own DNS lookup, with OONI's legacy failure names (oohelperd dns.go). */
async function controlDns(host: string, deps: ControlDeps): Promise<ControlResponse['dns']> {
  if (ipVersion(host)) return { failure: null, addrs: [host] };
  try {
    const addrs = await withTimeout(deps.network.lookup(host), deps.timeouts.dns, `lookup ${host}`);
    return { failure: null, addrs: [...new Set(addrs)].slice(0, 32) };
  } catch (err) {
    const failure = classifyError('resolve', err);
    if (failure === 'dns_nxdomain_error') return { failure: 'dns_name_error', addrs: [] };
    if (failure === 'dns_no_answer') return { failure: null, addrs: [] };
    if (/^dns_(refused|servfail|server_misbehaving|temporary)/.test(failure))
      return { failure: 'dns_server_failure', addrs: [] };
    return { failure: 'unknown_error', addrs: [] };
  }
}

function sha256(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex');
}

function seconds(since: number): number {
  return Math.round(performance.now() - since) / 1000;
}
