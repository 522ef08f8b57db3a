/** The probe's settings in one typed place: timeouts, limits and the network it measures through. */
import type { Network } from '../netx/network.js';

/** Per-step timers in milliseconds: each step has its own, and the whole URL has a deadline. */
export interface Timeouts {
  dns: number;
  connect: number;
  tlsHandshake: number;
  /** The HTTP round trip, body included. */
  http: number;
  control: number;
  /** Everything one URL may take (steps, redirects, TLS checks). */
  perUrl: number;
}

export interface ProbeConfig {
  network: Network;
  timeouts: Timeouts;
  /** Body bytes kept per response (OONI v0.5 keeps 512 KiB). */
  maxBodyBytes: number;
  maxRedirects: number;
  /** The SNI used to confirm SNI filtering on the same IP. */
  neutralSni: string;
  /** Trusted roots for the probe's TLS (Node's bundled store when absent). */
  ca?: string[];
  /** A DNS-over-UDP resolver asked besides getaddrinfo, as "ip:port"; null to skip. */
  udpResolver: string | null;
  /** Where the control (test helper) listens; null without one (the tests that need it refuse to run). */
  controlUrl: string | null;
  /** A transfer this many times slower than the control's counts as throttled. */
  throttlingFactor: number;
}

/** OONI's production timers (10 s per step, 4 s DNS, 30 s control). */
export const DEFAULT_TIMEOUTS: Timeouts = {
  dns: 4000,
  connect: 10_000,
  tlsHandshake: 10_000,
  http: 15_000,
  control: 30_000,
  perUrl: 90_000,
};

export const DEFAULT_MAX_BODY = 1 << 19;

/** The request headers OONI's web_connectivity sends (ooni/probe-cli internal/model/http.go). */
export const REQUEST_HEADERS: Record<string, string> = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-language': 'en-US,en;q=0.9',
  'user-agent':
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.1 Safari/605.1.15',
};

/** The same headers as the archival records spell them ("User-Agent"), built once rather than per URL. */
export const REQUEST_HEADERS_TITLE_CASE: readonly (readonly [string, string])[] = Object.entries(
  REQUEST_HEADERS,
).map(
  ([k, v]) =>
    [k.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase()), v] as const,
);
