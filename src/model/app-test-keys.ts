/**
 * The archival test keys of the messaging-app and circumvention tests, field by field as OONI's specs and probe-cli
 * write them (ts-018 whatsapp, ts-019 facebook_messenger, ts-020 telegram, ts-023 tor, ts-025 stunreachability,
 * ts-028 dnscheck, ts-029 signal). netfreedom's additions are `x_` keys.
 */
import type { DnsQuery, HttpTransaction, NetworkEvent, TcpConnect, TlsHandshake } from './measurement.js';
import type { XTls } from './verdict.js';

/** The steps of one or more URL fetches (OONI's urlgetter test keys, ts-027), shared by the app tests. */
export interface UrlGetterTestKeys {
  agent: string;
  failed_operation: string | null;
  failure: string | null;
  network_events: NetworkEvent[] | null;
  queries: DnsQuery[] | null;
  requests: HttpTransaction[] | null;
  tcp_connect: TcpConnect[] | null;
  tls_handshakes: TlsHandshake[] | null;
  /** netfreedom: the TLS checks beyond OONI (neutral-SNI retries, interception, handshake throttling). */
  x_tls?: XTls;
}

/** ts-020. */
export interface TelegramTestKeys extends UrlGetterTestKeys {
  telegram_http_blocking: boolean;
  telegram_tcp_blocking: boolean;
  telegram_web_failure: string | null;
  telegram_web_status: 'ok' | 'blocked' | null;
}

/** ts-018. */
export interface WhatsappTestKeys extends UrlGetterTestKeys {
  registration_server_failure: string | null;
  registration_server_status: 'ok' | 'blocked';
  whatsapp_endpoints_blocked: string[];
  whatsapp_endpoints_dns_inconsistent: string[];
  whatsapp_endpoints_status: 'ok' | 'blocked';
  whatsapp_web_failure: string | null;
  whatsapp_web_status: 'ok' | 'blocked';
  /** netfreedom: the endpoint hostnames measured (a sample unless --all-endpoints). */
  x_endpoints_measured?: string[];
}

/** ts-029. */
export interface SignalTestKeys extends UrlGetterTestKeys {
  signal_backend_status: 'ok' | 'blocked';
  signal_backend_failure: string | null;
}

/** ts-019: each service's DNS consistency (answers in Facebook's AS) and TCP reachability; null when unknown. */
export interface FacebookMessengerTestKeys extends UrlGetterTestKeys {
  facebook_b_api_dns_consistent: boolean | null;
  facebook_b_api_reachable: boolean | null;
  facebook_b_graph_dns_consistent: boolean | null;
  facebook_b_graph_reachable: boolean | null;
  facebook_edge_dns_consistent: boolean | null;
  facebook_edge_reachable: boolean | null;
  facebook_external_cdn_dns_consistent: boolean | null;
  facebook_external_cdn_reachable: boolean | null;
  facebook_scontent_cdn_dns_consistent: boolean | null;
  facebook_scontent_cdn_reachable: boolean | null;
  facebook_star_dns_consistent: boolean | null;
  facebook_star_reachable: boolean | null;
  facebook_stun_dns_consistent: boolean | null;
  facebook_stun_reachable: boolean | null;
  facebook_dns_blocking: boolean | null;
  facebook_tcp_blocking: boolean | null;
}

/** ts-023: one target's result. */
export interface TorTargetResult {
  agent: string;
  failure: string | null;
  network_events: NetworkEvent[] | null;
  queries: DnsQuery[] | null;
  requests: HttpTransaction[] | null;
  summary: Record<string, { failure: string | null }>;
  target_address: string;
  target_name?: string;
  target_protocol: 'dir_port' | 'or_port' | 'or_port_dirauth' | 'obfs4';
  target_source?: string;
  tcp_connect: TcpConnect[] | null;
  tls_handshakes: TlsHandshake[] | null;
  /** netfreedom: why a target was measured less than OONI measures it (obfs4: a TCP connect, no handshake). */
  x_note?: string;
}

/** ts-023. */
export interface TorTestKeys {
  dir_port_total: number;
  dir_port_accessible: number;
  obfs4_total: number;
  obfs4_accessible: number;
  or_port_dirauth_total: number;
  or_port_dirauth_accessible: number;
  or_port_total: number;
  or_port_accessible: number;
  targets: Record<string, TorTargetResult>;
}

/** ts-028: the lookup of `domain` through one resolver endpoint, as urlgetter keys. */
export interface DnsCheckLookup extends UrlGetterTestKeys {
  /** netfreedom: the answer compared with the control's addresses for the domain (by address, then by AS). */
  x_consistent_with_control?: boolean | null;
}

/** ts-028. */
export interface DnsCheckTestKeys {
  domain: string;
  bootstrap: { queries: DnsQuery[] } | null;
  bootstrap_failure: string | null;
  lookups: Record<string, DnsCheckLookup>;
  x_default_addrs?: string;
  /** netfreedom: the addresses our control resolved `domain` to (null when it could not tell). */
  x_control_addrs?: string[] | null;
  x_control_failure?: string | null;
  /** netfreedom: neutral-SNI retries of the failed handshakes, every chain against the known interception CAs. */
  x_tls?: XTls;
}

/** ts-025. The server's answer (the probe's own address) is never kept. */
export interface StunReachabilityTestKeys {
  endpoint: string;
  failure: string | null;
  network_events: NetworkEvent[] | null;
  queries: DnsQuery[] | null;
  /** netfreedom: seconds from the binding request to its answer. */
  x_rtt?: number | null;
}
