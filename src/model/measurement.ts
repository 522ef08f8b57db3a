/**
 * The OONI archival format (df-000 base + web_connectivity test keys), field by field.
 * This is the contract with OONI's data: the only snake_case in the code. Our additions are `x_` keys.
 */
import type { Failure } from './failure.js';
import type { LoopLagRecord, XTls, XVerdict } from './verdict.js';

/** df-000 base measurement. `test_keys` is experiment-specific. */
export interface Measurement<TK = unknown> {
  annotations?: Record<string, string>;
  data_format_version: string;
  extensions?: Record<string, number>;
  id?: string;
  input: string | null;
  measurement_start_time: string;
  measurement_uid?: string;
  options?: string[];
  probe_asn: string;
  probe_cc: string;
  probe_ip: string;
  probe_network_name?: string;
  report_id: string;
  resolver_asn?: string;
  resolver_ip?: string;
  resolver_network_name?: string;
  software_name: string;
  software_version: string;
  test_helpers?: Record<string, unknown>;
  test_keys: TK;
  test_name: string;
  test_runtime: number;
  test_start_time: string;
  test_version: string;
}

/** df-002 DNS answer. */
export interface DnsAnswer {
  answer_type: string;
  ipv4?: string;
  ipv6?: string;
  hostname?: string;
  asn?: number;
  as_org_name?: string;
  ttl: number | null;
}

/** df-002 DNS query. getaddrinfo lookups are logged with query_type ANY. */
export interface DnsQuery {
  answers: DnsAnswer[] | null;
  engine: string;
  failure: Failure | null;
  getaddrinfo_error?: number;
  hostname: string;
  query_type: string;
  raw_response?: string;
  rcode?: number;
  resolver_address: string;
  resolver_hostname?: string | null;
  resolver_port?: string | null;
  t0?: number;
  t: number;
  tags?: string[] | null;
  transaction_id?: number;
}

/** df-005 TCP connect. */
export interface TcpConnect {
  ip: string;
  port: number;
  status: { success: boolean; failure: Failure | null; blocked?: boolean | null };
  t0?: number;
  t: number;
  tags?: string[] | null;
  transaction_id?: number;
}

export interface BinaryData {
  format: 'base64';
  data: string;
}

/** df-006 TLS handshake. */
export interface TlsHandshake {
  network?: string;
  address?: string;
  cipher_suite: string;
  failure: Failure | null;
  so_error?: string | null;
  negotiated_protocol: string;
  no_tls_verify: boolean;
  peer_certificates: BinaryData[] | null;
  server_name: string;
  tls_version: string;
  t0?: number;
  t: number;
  tags?: string[] | null;
  transaction_id?: number;
}

export interface HttpRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  headers_list?: [string, string][];
  body: string | BinaryData | null;
  body_is_truncated: boolean;
  tor?: { exit_ip: string | null; exit_name: string | null; is_tor: boolean };
  x_transport?: string;
}

export interface HttpResponse {
  code: number;
  headers: Record<string, string>;
  headers_list?: [string, string][];
  body: string | BinaryData | null;
  body_is_truncated: boolean;
}

/** df-001 HTTP transaction. */
export interface HttpTransaction {
  network?: string;
  address?: string;
  alpn?: string;
  failure: Failure | null;
  request: HttpRequest;
  response: HttpResponse | null;
  t0?: number;
  t: number;
  tags?: string[] | null;
  transaction_id?: number;
}

/** df-008 network event. */
export interface NetworkEvent {
  address?: string;
  failure: Failure | null;
  num_bytes?: number;
  operation: string;
  proto?: string;
  t0?: number;
  t: number;
  tags?: string[] | null;
  transaction_id?: number;
}

/** The test helper (control) request, OONI's THRequest. */
export interface ControlRequest {
  http_request: string;
  http_request_headers: Record<string, string[]>;
  tcp_connect: string[];
  x_quic_enabled?: boolean;
}

/** The test helper (control) response, OONI's THResponse, plus our `x_` certificate hashes. */
export interface ControlResponse {
  tcp_connect: Record<string, { status: boolean; failure: string | null }>;
  tls_handshake?: Record<string, { server_name: string; status: boolean; failure: string | null }>;
  quic_handshake?: Record<string, { server_name: string; status: boolean; failure: string | null }>;
  http_request: {
    body_length: number;
    discovered_h3_endpoint?: string;
    failure: string | null;
    title: string;
    headers: Record<string, string>;
    status_code: number;
  };
  http3_request?: unknown;
  dns: { failure: string | null; addrs: string[] };
  ip_info?: Record<string, { asn: number; flags: number }>;
  /** netfreedom extension: SHA-256 (hex) of each certificate the control saw, per "ip:port", leaf first. */
  x_certificate_sha256?: Record<string, string[]>;
  /** netfreedom extension: control-side timings in seconds, per "ip:port". */
  x_timings?: Record<string, { tcp_connect?: number; tls_handshake?: number; http_transfer?: number }>;
}

export type DnsConsistency = 'consistent' | 'inconsistent' | 'reverse_match' | null;

/** OONI's web_connectivity blocking enum. */
export type OoniBlocking = 'dns' | 'tcp_ip' | 'http-failure' | 'http-diff' | false | null;

/** web_connectivity test keys (v0.4 and v0.5 classic fields, plus netfreedom's x_ keys). */
export interface WebConnectivityTestKeys {
  agent?: string;
  client_resolver?: string | null;
  retries?: null;
  socksproxy?: null;
  queries: DnsQuery[] | null;
  tcp_connect: TcpConnect[] | null;
  tls_handshakes?: TlsHandshake[] | null;
  requests: HttpTransaction[] | null;
  network_events?: NetworkEvent[] | null;
  control: ControlResponse | Record<string, never> | null;
  control_failure: string | null;
  dns_experiment_failure: string | null;
  http_experiment_failure: string | null;
  dns_consistency: DnsConsistency;
  body_proportion?: number;
  body_length_match: boolean | null;
  headers_match: boolean | null;
  status_code_match: boolean | null;
  title_match: boolean | null;
  blocking: OoniBlocking;
  accessible: boolean | null;
  x_control_request?: ControlRequest;
  x_blocking_flags?: number;
  x_dns_flags?: number;
  x_null_null_flags?: number;
  /** netfreedom: TLS-level checks beyond OONI. */
  x_tls?: XTls;
  /** netfreedom: how long the probe's own event loop was held while it measured (a starved probe's timings lie). */
  x_loop_lag?: LoopLagRecord;
  /** netfreedom: the technique-level verdict. */
  x_verdict?: XVerdict;
}

export type WebConnectivityMeasurement = Measurement<WebConnectivityTestKeys>;
