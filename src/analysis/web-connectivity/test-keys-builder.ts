/** Builds web_connectivity v0.5 test keys step by step, for tests and examples of the analysis rules. */
import type {
  ControlResponse,
  DnsQuery,
  HttpTransaction,
  TcpConnect,
  TlsHandshake,
  WebConnectivityTestKeys,
} from '../../model/measurement.js';
import { joinHostPort } from '../../shared/host-port.js';

/** A v0.5 ("LTE") test-keys builder: every endpoint is one transaction with depth and fetch_body tags. */
export class WcBuilder {
  private tx = 0;
  readonly tk: WebConnectivityTestKeys;

  constructor(readonly url = 'https://example.org/') {
    this.tk = {
      queries: [],
      tcp_connect: [],
      tls_handshakes: [],
      requests: [],
      control: null,
      control_failure: null,
      dns_experiment_failure: null,
      http_experiment_failure: null,
      dns_consistency: null,
      body_length_match: null,
      headers_match: null,
      status_code_match: null,
      title_match: null,
      // Deliberately wrong stored verdicts: the analysis must never read them.
      blocking: 'tcp_ip',
      accessible: true,
      x_control_request: { http_request: url, http_request_headers: {}, tcp_connect: [] },
    };
  }

  /** A system-resolver lookup of `host` (default: the URL's host) answering `addrs`, or failing. */
  dns(
    addrs: string[] | string,
    opts: { host?: string; depth?: number; type?: string; asn?: number; engine?: string } = {},
  ): this {
    const failure = typeof addrs === 'string' ? addrs : null;
    const q: DnsQuery = {
      answers:
        typeof addrs === 'string'
          ? null
          : addrs.map((ip) => ({
              answer_type: ip.includes(':') ? 'AAAA' : 'A',
              ...(ip.includes(':') ? { ipv6: ip } : { ipv4: ip }),
              ...(opts.asn !== undefined ? { asn: opts.asn } : {}),
              ttl: null,
            })),
      engine: opts.engine ?? 'getaddrinfo',
      failure,
      hostname: opts.host ?? new URL(this.url).hostname,
      query_type: opts.type ?? 'ANY',
      resolver_address: '',
      t: 0.1,
      tags: [`depth=${opts.depth ?? 0}`],
      transaction_id: ++this.tx,
    };
    this.tk.queries!.push(q);
    return this;
  }

  /**
   * One endpoint: TCP connect (failure or null), then optionally a TLS handshake and an HTTP round trip.
   * `http` is a response ({code, body, headers}) or a failure string.
   */
  endpoint(
    ip: string,
    port: number,
    steps: {
      tcp?: string | null;
      tls?: string | null;
      sni?: string;
      /** Peer certificates (base64 DER, leaf first) archived with the handshake. */
      certs?: string[];
      http?: string | { code: number; body?: string; headers?: Record<string, string>; url?: string };
      depth?: number;
      fetchBody?: boolean;
    } = {},
  ): this {
    const id = ++this.tx;
    const tags = [`depth=${steps.depth ?? 0}`, `fetch_body=${steps.fetchBody ?? true}`];
    const tcp: TcpConnect = {
      ip,
      port,
      status: { success: !steps.tcp, failure: steps.tcp ?? null },
      t: 0.2,
      tags,
      transaction_id: id,
    };
    this.tk.tcp_connect!.push(tcp);
    if (steps.tls !== undefined) {
      const h: TlsHandshake = {
        address: joinHostPort(ip, port),
        cipher_suite: '',
        failure: steps.tls,
        negotiated_protocol: '',
        no_tls_verify: false,
        peer_certificates: steps.certs
          ? steps.certs.map((data) => ({ format: 'base64' as const, data }))
          : null,
        server_name: steps.sni ?? new URL(this.url).hostname,
        tls_version: '',
        t: 0.3,
        tags,
        transaction_id: id,
      };
      this.tk.tls_handshakes!.push(h);
    }
    if (steps.http !== undefined) {
      const r = steps.http;
      const failed = typeof r === 'string';
      const url = (!failed && r.url) || this.url;
      const t: HttpTransaction = {
        failure: failed ? r : null,
        request: { url, method: 'GET', headers: {}, body: '', body_is_truncated: false },
        response: failed
          ? null
          : { code: r.code, headers: r.headers ?? {}, body: r.body ?? '', body_is_truncated: false },
        t: 0.4,
        tags,
        transaction_id: id,
      };
      this.tk.requests!.unshift(t);
    }
    return this;
  }

  /** The control's answer; omitted parts are absent (as when the helper could not tell). */
  control(c: Partial<ControlResponse>): this {
    this.tk.control = {
      tcp_connect: {},
      tls_handshake: {},
      http_request: { body_length: -1, failure: 'unknown_error', title: '', headers: {}, status_code: -1 },
      dns: { failure: null, addrs: [] },
      ...c,
    } as ControlResponse;
    return this;
  }
}

/** A control http_request that succeeded. */
export function thHttp(
  body: string,
  headers: Record<string, string> = {},
  code = 200,
  title = '',
): ControlResponse['http_request'] {
  return { body_length: Buffer.byteLength(body), failure: null, title, headers, status_code: code };
}

/** A site used by the classic-analysis tests. */
export const IP = '93.184.216.34';
export const PAGE =
  '<html><head><title>Example Domain for documentation</title></head><body>hello world</body></html>';
export const HEADERS = { 'Content-Type': 'text/html', 'X-Site-Id': 'abc' };

/** A control that resolved IP, connected and handshook on 80/443 and fetched PAGE. */
export function okControl(b: WcBuilder, over: Record<string, unknown> = {}): WcBuilder {
  return b.control({
    dns: { failure: null, addrs: [IP] },
    tcp_connect: {
      [`${IP}:443`]: { status: true, failure: null },
      [`${IP}:80`]: { status: true, failure: null },
    },
    tls_handshake: { [`${IP}:443`]: { server_name: 'example.org', status: true, failure: null } },
    http_request: thHttp(PAGE, HEADERS, 200, 'Example Domain for documentation'),
    ...over,
  });
}
